package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** The user_statistics view (seed 002, security invoker) shows a user their own figures and nobody else's. */
class UserStatisticsTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID alice;
    private static UUID bob;

    @BeforeAll
    static void aliceAndBobHaveMemoriesConversationsAndFeedback() {
        alice = personas.create("alice").id();
        bob = personas.create("bob").id();
        Connection server = personas.server();
        Sql.update(server, "insert into public.memories (user_id, type, content) values (?, 'fact', 'likes tea'), (?, 'fact', 'lives in Lisbon')", alice, alice);
        Sql.update(server, "insert into public.memories (user_id, type, content, deleted_at) values (?, 'fact', 'forgotten', now())", alice);
        Sql.update(server, "insert into public.memories (user_id, type, content) values (?, 'fact', 'plays chess')", bob);
        String conversation = Sql.one(server, "insert into public.conversations (user_id) values (?) returning id", alice);
        Sql.update(server, "insert into public.messages (conversation_id, role, content) values (?::uuid, 'user', 'hi'), (?::uuid, 'assistant', 'hello'), (?::uuid, 'user', 'bye')",
                conversation, conversation, conversation);
        Sql.update(server, "insert into public.feedback (user_id, conversation_id, rating) values (?, ?::uuid, 5)", alice, conversation);
        Sql.update(server, "insert into public.conversations (user_id) values (?), (?)", bob, bob);
    }

    @Test
    void aliceSeesOnlyHerOwnRow() {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(List.of(alice.toString()), Sql.column(asAlice.sql(), "select user_id::text from public.user_statistics"));
        }
    }

    @Test
    void aliceFiguresCountHerLiveMemoriesConversationsMessagesAndFeedback() {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals("memories=2 conversations=1 messages=3 feedback=1 last_message=true", Sql.one(asAlice.sql(),
                    "select format('memories=%s conversations=%s messages=%s feedback=%s last_message=%s',"
                            + " memory_count, conversation_count, message_count, feedback_count, (last_message_at is not null)::text)"
                            + " from public.user_statistics"));
        }
    }

    @Test
    void bobSeesHisOwnFiguresNotAlices() {
        try (ApiRequest asBob = personas.actAs("bob")) {
            assertEquals(List.of(bob + " memories=1 conversations=2 messages=0 feedback=0"), Sql.column(asBob.sql(),
                    "select format('%s memories=%s conversations=%s messages=%s feedback=%s', user_id, memory_count,"
                            + " conversation_count, message_count, feedback_count) from public.user_statistics"));
        }
    }

    @Test
    void anonymousVisitorsSeeNoFigures() {
        try (ApiRequest anon = personas.asAnon()) {
            assertEquals("0", Sql.one(anon.sql(), "select count(*) from public.user_statistics"));
        }
    }
}
