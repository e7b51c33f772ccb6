package platformdb.behaviour.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** update_conversation_stats (seed 002) keeps message_count and last_message_at right as messages come and go. */
class UpdateConversationStatsTest {

    private static final String STATS = "select message_count || ' at ' || coalesce(to_char(last_message_at at time zone 'UTC', 'HH24:MI'), 'none')"
            + " from public.conversations where id = ?::uuid";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID alice;

    @BeforeAll
    static void deploy() {
        alice = personas.create("alice").id();
    }

    @Test
    void aNewConversationHasNoMessagesAndNoLastMessageTime() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String conversation = newConversation(asAlice.sql());
            assertEquals("0 at none", Sql.one(asAlice.sql(), STATS, conversation));
        }
    }

    @Test
    void insertingMessagesCountsThemAndKeepsTheLatestTimeEvenWhenOneArrivesLate() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String conversation = newConversation(asAlice.sql());
            message(asAlice.sql(), conversation, "10:00");
            message(asAlice.sql(), conversation, "10:05");
            assertEquals("2 at 10:05", Sql.one(asAlice.sql(), STATS, conversation));
            message(asAlice.sql(), conversation, "09:59");
            assertEquals("3 at 10:05", Sql.one(asAlice.sql(), STATS, conversation), "an older message must not move last_message_at back");
        }
    }

    @Test
    void deletingMessagesCountsDownAndFallsBackToTheLatestRemainingMessage() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String conversation = newConversation(asAlice.sql());
            String first = message(asAlice.sql(), conversation, "10:00");
            String latest = message(asAlice.sql(), conversation, "10:05");
            Sql.update(asAlice.sql(), "delete from public.messages where id = ?::uuid", latest);
            assertEquals("1 at 10:00", Sql.one(asAlice.sql(), STATS, conversation));
            Sql.update(asAlice.sql(), "delete from public.messages where id = ?::uuid", first);
            assertEquals("0 at none", Sql.one(asAlice.sql(), STATS, conversation));
        }
    }

    @Test
    void messagesOfOneConversationDoNotTouchAnother() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String busy = newConversation(asAlice.sql());
            String quiet = newConversation(asAlice.sql());
            message(asAlice.sql(), busy, "11:00");
            assertEquals("0 at none", Sql.one(asAlice.sql(), STATS, quiet));
        }
    }

    private static String newConversation(Connection connection) {
        return Sql.one(connection, "insert into public.conversations (user_id) values (?) returning id", alice);
    }

    private static String message(Connection connection, String conversation, String hhmm) {
        return Sql.one(connection, "insert into public.messages (conversation_id, role, content, created_at)"
                + " values (?::uuid, 'user', 'text', ('2025-03-01 ' || ? || ':00+00')::timestamptz) returning id", conversation, hhmm);
    }
}
