package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** cleanup_expired_sessions (seed 002) deletes the sessions whose expires_at has passed, and only those. */
class CleanupExpiredSessionsTest {

    @Test
    void itDeletesOnlyExpiredSessionsAndSaysHowMany() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            UUID alice = Accounts.signUp(database, "alice@example.com");
            try (Connection server = database.connect()) {
                session(server, alice, "expired-yesterday", "now() - interval '2 days'", "now() - interval '1 day'");
                session(server, alice, "expired-a-second-ago", "now() - interval '1 hour'", "now() - interval '1 second'");
                session(server, alice, "valid-for-an-hour", "now()", "now() + interval '1 hour'");
                session(server, alice, "valid-for-a-month", "now()", "now() + interval '30 days'");

                assertEquals("2", Sql.one(server, "select public.cleanup_expired_sessions()"));
                assertEquals(List.of("valid-for-a-month", "valid-for-an-hour"),
                        Sql.column(server, "select session_token_hash from public.user_sessions order by 1"));
                assertEquals("0", Sql.one(server, "select public.cleanup_expired_sessions()"), "a second run finds nothing more");
            }
        }
    }

    @Test
    void aSignedInUserCannotRemoveAnotherUsersSessionsThroughIt() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            UUID alice = Accounts.signUp(database, "alice@example.com");
            UUID bob = Accounts.signUp(database, "bob@example.com");
            try (Connection server = database.connect()) {
                session(server, alice, "alice-expired", "now() - interval '2 days'", "now() - interval '1 day'");
                session(server, bob, "bob-expired", "now() - interval '2 days'", "now() - interval '1 day'");
            }
            try (Connection asAlice = database.connectAs("authenticated", alice)) {
                assertEquals("1", Sql.one(asAlice, "select public.cleanup_expired_sessions()"));
            }
            try (Connection server = database.connect()) {
                assertEquals(List.of("bob-expired"), Sql.column(server, "select session_token_hash from public.user_sessions"));
            }
        }
    }

    private static void session(Connection server, UUID user, String tokenHash, String createdAt, String expiresAt) {
        Sql.update(server, "insert into public.user_sessions (user_id, session_token_hash, created_at, expires_at)"
                + " values (?, ?, " + createdAt + ", " + expiresAt + ")", user, tokenHash);
    }
}
