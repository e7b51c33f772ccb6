package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** The user_statistics view (seed 002, security invoker) shows a user their own figures and nobody else's. */
class UserStatisticsTest {

    @Deployed
    private static FreshDatabase database;
    private static UUID alice;
    private static UUID bob;

    @BeforeAll
    static void aliceAndBobHaveMemoriesConversationsAndFeedback() throws SQLException {
        alice = Accounts.signUp(database, "alice@example.com");
        bob = Accounts.signUp(database, "bob@example.com");
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.memories (user_id, type, content) values (?, 'fact', 'likes tea'), (?, 'fact', 'lives in Lisbon')", alice, alice);
            Sql.update(server, "insert into public.memories (user_id, type, content, deleted_at) values (?, 'fact', 'forgotten', now())", alice);
            Sql.update(server, "insert into public.memories (user_id, type, content) values (?, 'fact', 'plays chess')", bob);
            String conversation = Sql.one(server, "insert into public.conversations (user_id) values (?) returning id", alice);
            Sql.update(server, "insert into public.messages (conversation_id, role, content) values (?::uuid, 'user', 'hi'), (?::uuid, 'assistant', 'hello'), (?::uuid, 'user', 'bye')",
                    conversation, conversation, conversation);
            Sql.update(server, "insert into public.feedback (user_id, conversation_id, rating) values (?, ?::uuid, 5)", alice, conversation);
            Sql.update(server, "insert into public.conversations (user_id) values (?), (?)", bob, bob);
        }
    }

    @Test
    void aliceSeesOnlyHerOwnRow() throws SQLException {
        try (Connection asAlice = database.connectAs("authenticated", alice)) {
            assertEquals(List.of(alice.toString()), Sql.column(asAlice, "select user_id::text from public.user_statistics"));
        }
    }

    @Test
    void aliceFiguresCountHerLiveMemoriesConversationsMessagesAndFeedback() throws SQLException {
        try (Connection asAlice = database.connectAs("authenticated", alice)) {
            assertEquals("memories=2 conversations=1 messages=3 feedback=1 last_message=true", Sql.one(asAlice,
                    "select format('memories=%s conversations=%s messages=%s feedback=%s last_message=%s',"
                            + " memory_count, conversation_count, message_count, feedback_count, (last_message_at is not null)::text)"
                            + " from public.user_statistics"));
        }
    }

    @Test
    void bobSeesHisOwnFiguresNotAlices() throws SQLException {
        try (Connection asBob = database.connectAs("authenticated", bob)) {
            assertEquals(List.of(bob + " memories=1 conversations=2 messages=0 feedback=0"), Sql.column(asBob,
                    "select format('%s memories=%s conversations=%s messages=%s feedback=%s', user_id, memory_count,"
                            + " conversation_count, message_count, feedback_count) from public.user_statistics"));
        }
    }

    @Test
    void anonymousVisitorsSeeNoFigures() throws SQLException {
        try (Connection anon = database.connectAs("anon", null)) {
            assertEquals("0", Sql.one(anon, "select count(*) from public.user_statistics"));
        }
    }
}
