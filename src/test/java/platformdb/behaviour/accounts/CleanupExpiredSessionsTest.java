package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** cleanup_expired_sessions (seed 002) deletes the sessions whose expires_at has passed, and only those. */
class CleanupExpiredSessionsTest {

    /** A database per test: the function deletes every expired session it may see. */
    @Deployed
    private FreshDatabase database;
    @Deployed
    private Personas personas;

    @Test
    void itDeletesOnlyExpiredSessionsAndSaysHowMany() {
        UUID alice = personas.create("alice").id();
        Connection server = personas.server();
        session(server, alice, "expired-yesterday", "now() - interval '2 days'", "now() - interval '1 day'");
        session(server, alice, "expired-a-second-ago", "now() - interval '1 hour'", "now() - interval '1 second'");
        session(server, alice, "valid-for-an-hour", "now()", "now() + interval '1 hour'");
        session(server, alice, "valid-for-a-month", "now()", "now() + interval '30 days'");

        assertEquals("2", Sql.one(server, "select public.cleanup_expired_sessions()"));
        assertEquals(List.of("valid-for-a-month", "valid-for-an-hour"),
                Sql.column(server, "select session_token_hash from public.user_sessions order by 1"));
        assertEquals("0", Sql.one(server, "select public.cleanup_expired_sessions()"), "a second run finds nothing more");
    }

    @Test
    void aSignedInUserCannotRemoveAnotherUsersSessionsThroughIt() {
        UUID alice = personas.create("alice").id();
        UUID bob = personas.create("bob").id();
        session(personas.server(), alice, "alice-expired", "now() - interval '2 days'", "now() - interval '1 day'");
        session(personas.server(), bob, "bob-expired", "now() - interval '2 days'", "now() - interval '1 day'");
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals("1", Sql.one(asAlice.sql(), "select public.cleanup_expired_sessions()"));
            asAlice.commit();
        }
        assertEquals(List.of("bob-expired"), Sql.column(personas.server(), "select session_token_hash from public.user_sessions"));
    }

    private static void session(Connection server, UUID user, String tokenHash, String createdAt, String expiresAt) {
        Sql.update(server, "insert into public.user_sessions (user_id, session_token_hash, created_at, expires_at)"
                + " values (?, ?, " + createdAt + ", " + expiresAt + ")", user, tokenHash);
    }
}
