package platformdb.behaviour.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.fixtures.Tenants;
import platformdb.fixtures.Tenants.Tenant;
import platformdb.fixtures.UpdatedAt;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** set_updated_at keeps conversations.updated_at, for widget and WhatsApp conversations alike. */
class ConversationsUpdatedAtTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static Tenant alice;

    @BeforeAll
    static void deploy() {
        alice = Tenants.signUp(personas, "alice");
    }

    @Test
    void updatingAWidgetConversationStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "conversations", UUID.fromString(Sql.one(personas.server(),
                "insert into public.conversations (customer_id, session_id, updated_at) values (?, 's1', '" + UpdatedAt.LONG_AGO + "') returning id",
                alice.site())));
    }

    @Test
    void updatingAWhatsAppConversationStampsItsUpdatedAt() {
        UUID maria = personas.create("maria").id();
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "conversations", UUID.fromString(Sql.one(personas.server(),
                "insert into public.conversations (user_id, channel, updated_at) values (?, 'whatsapp', '" + UpdatedAt.LONG_AGO + "') returning id",
                maria)));
    }

    @Test
    void everyChatTableWithUpdatedAtHasTheTrigger() {
        assertEquals("", UpdatedAt.tablesWithoutTheTrigger(personas.server(), "conversations", "messages"));
    }
}
