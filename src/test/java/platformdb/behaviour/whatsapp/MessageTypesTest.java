package platformdb.behaviour.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** Seed 001 msg_type: messages carry one of the WhatsApp message types, text unless said otherwise. */
class MessageTypesTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID conversation;

    @BeforeAll
    static void aWhatsAppConversation() {
        UUID maria = personas.create("maria").id();
        conversation = UUID.fromString(Sql.one(personas.server(),
                "insert into public.conversations (user_id, channel) values (?, 'whatsapp') returning id", maria));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "image", "audio", "video", "document", "location", "interactive", "contacts", "unsupported",
            "sticker", "reaction", "order"})
    void aMessageMayHaveEveryWhatsAppType(String type) {
        assertEquals(type, Sql.one(personas.server(),
                "insert into public.messages (conversation_id, role, type) values (?, 'user', ?::public.msg_type) returning type::text", conversation, type));
    }

    @Test
    void theV23TypesComeAfterTheFirstOnesInTheEnum() {
        assertEquals("text,image,audio,video,document,location,interactive,contacts,unsupported,sticker,reaction,order",
                Sql.one(personas.server(), "select string_agg(enumlabel, ',' order by enumsortorder) from pg_enum where enumtypid = 'public.msg_type'::regtype"));
    }

    @Test
    void aMessageIsTextUnlessSaidOtherwise() {
        assertEquals("text", Sql.one(personas.server(),
                "insert into public.messages (conversation_id, role, content) values (?, 'assistant', 'Hola') returning type::text", conversation));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"gif", "Sticker", "voice", ""})
    void anUnknownTypeIsRejected(String type) throws SQLException {
        try (Connection server = database.connect()) {
            SQLException refused = Sql.failure(server, "insert into public.messages (conversation_id, role, type) values (?, 'user', ?::public.msg_type)", conversation, type);
            assertTrue(refused.getMessage().contains("invalid input value for enum"), refused.getMessage());
        }
    }
}
