package platformdb.behaviour.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * The rollback of add-msg-type-values-sticker-reaction-order (seed 001 migration 006) recreates msg_type without
 * the v23 values. Proved here on rows, because the scenario walk runs one refusal-or-success per changeset: it
 * carries the refusal scenario (rollback-tests/whatsapp), this class the successful rollback.
 */
class MessageTypesRollbackTest {

    private static final String CHANGESET = "add-msg-type-values-sticker-reaction-order";
    private static final String FIRST_LABELS = "text,image,audio,video,document,location,interactive,contacts,unsupported";
    private static final String MESSAGES = "select content || ':' || type from public.messages order by content collate \"C\"";

    private static FreshDatabase database;
    private static Deployment deployment;
    private static UUID conversation;

    @BeforeAll
    static void deployUpToTheV23MessageTypes() {
        database = FreshDatabase.create();
        deployment = Changelog.master().deployTo(database);
        while (!deployment.peekNext().getId().equals(CHANGESET)) {
            deployment.applyNext();
        }
        try (Connection server = database.connect()) {
            String maria = Sql.one(server, "insert into auth.users (email) values ('maria@example.com') returning id");
            conversation = UUID.fromString(Sql.one(server,
                    "insert into public.conversations (user_id, channel) values (?::uuid, 'whatsapp') returning id", maria));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void drop() {
        deployment.close();
        database.close();
    }

    @Test
    void rollingBackKeepsEveryMessageOfTheFirstTypesWithItsTypeAndTheTextDefault() throws SQLException {
        deployment.applyNext();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.messages (conversation_id, role, type, content) values"
                    + " (?, 'user', 'image', 'a photo'), (?, 'user', 'audio', 'a voice note'), (?, 'user', 'unsupported', 'an unknown thing')",
                    conversation, conversation, conversation);
            Sql.update(server, "insert into public.messages (conversation_id, role, content) values (?, 'assistant', 'a reply')", conversation);
        }

        deployment.rollbackLast();

        try (Connection server = database.connect()) {
            assertEquals(FIRST_LABELS, Sql.one(server, "select string_agg(enumlabel, ',' order by enumsortorder) from pg_enum where enumtypid = 'public.msg_type'::regtype"));
            assertEquals(List.of("a photo:image", "a reply:text", "a voice note:audio", "an unknown thing:unsupported"),
                    Sql.column(server, MESSAGES));
            assertEquals("text", Sql.one(server,
                    "insert into public.messages (conversation_id, role, content) values (?, 'assistant', 'after rollback') returning type::text", conversation));
            Sql.update(server, "delete from public.messages where content = 'after rollback'");
        }
        deployment.applyNext();
        try (Connection server = database.connect()) {
            assertEquals("sticker", Sql.one(server,
                    "insert into public.messages (conversation_id, role, type, content) values (?, 'user', 'sticker', 'a sticker again') returning type::text", conversation));
            Sql.update(server, "delete from public.messages where content = 'a sticker again'");
        }
        deployment.rollbackLast();
    }

    @Test
    void rollingBackWhileAMessageIsASticker_refusesAndLosesNothing() throws SQLException {
        deployment.applyNext();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.messages (conversation_id, role, type, content) values (?, 'user', 'sticker', 'zz sticker'), (?, 'user', 'order', 'zz order')",
                    conversation, conversation);
        }
        RuntimeException refused = assertThrows(RuntimeException.class, deployment::rollbackLast);
        assertTrue(refused.getMessage().contains("rollback refused: 2 message(s) in public.messages have type sticker, reaction or order"),
                refused.getMessage());
        try (Connection server = database.connect()) {
            assertEquals(FIRST_LABELS + ",sticker,reaction,order", Sql.one(server,
                    "select string_agg(enumlabel, ',' order by enumsortorder) from pg_enum where enumtypid = 'public.msg_type'::regtype"));
            assertEquals(List.of("zz order:order", "zz sticker:sticker"), Sql.column(server, MESSAGES).stream().filter(m -> m.startsWith("zz")).toList());
            Sql.update(server, "delete from public.messages where content like 'zz %'");
        }
        deployment.rollbackLast();
    }
}
