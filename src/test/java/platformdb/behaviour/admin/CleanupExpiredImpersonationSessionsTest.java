package platformdb.behaviour.admin;

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

/**
 * cleanup_expired_impersonation_sessions (seed 003) deletes the sessions whose expiry has passed, and only those,
 * keeping their history in admin_audit_logs.
 */
class CleanupExpiredImpersonationSessionsTest {

    @Test
    void itDeletesOnlyExpiredSessionsEndedOrNotAndSaysHowMany() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase(); Connection server = database.connect()) {
            UUID admin = Accounts.signUp(database, "admin@example.com");
            UUID user = Accounts.signUp(database, "user@example.com");
            session(server, admin, user, "expired, never ended", "now() - interval '1 minute'", null);
            session(server, admin, user, "expired, ended early", "now() - interval '1 hour'", "now() - interval '90 minutes'");
            session(server, admin, user, "valid, open", "now() + interval '1 hour'", null);
            session(server, admin, user, "valid, ended early", "now() + interval '1 hour'", "now()");

            assertEquals("2", Sql.one(server, "select public.cleanup_expired_impersonation_sessions()"));
            assertEquals(List.of("valid, ended early", "valid, open"),
                    Sql.column(server, "select reason from public.admin_impersonation_logs order by reason"));
            assertEquals("0", Sql.one(server, "select public.cleanup_expired_impersonation_sessions()"), "a second run finds nothing more");
        }
    }

    @Test
    void everyDeletedSessionIsKeptInTheAdminAuditLog() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase(); Connection server = database.connect()) {
            UUID admin = Accounts.signUp(database, "admin@example.com");
            UUID user = Accounts.signUp(database, "user@example.com");
            String expired = session(server, admin, user, "support ticket 42", "now() - interval '1 minute'", null);
            session(server, admin, user, "still valid", "now() + interval '1 hour'", null);

            Sql.one(server, "select public.cleanup_expired_impersonation_sessions()");
            assertEquals(List.of(admin + " impersonation.session_expired user " + user + " " + expired + " support ticket 42"), Sql.column(server,
                    "select admin_id || ' ' || action || ' ' || target_type || ' ' || target_id || ' '"
                            + " || (details ->> 'impersonation_log_id') || ' ' || (details ->> 'reason') from public.admin_audit_logs"));
        }
    }

    @Test
    void anAdminCallingItThroughTheApiCannotDeleteSessions() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            UUID admin = Accounts.signUpAdmin(database, "admin@example.com", "super_admin");
            UUID user = Accounts.signUp(database, "user@example.com");
            try (Connection server = database.connect()) {
                session(server, admin, user, "expired", "now() - interval '1 minute'", null);
            }
            try (Connection asAdmin = database.connectAs("authenticated", admin)) {
                assertEquals("0", Sql.one(asAdmin, "select public.cleanup_expired_impersonation_sessions()"),
                        "only the server (service_role) removes sessions: no delete policy");
                assertEquals("1", Sql.one(asAdmin, "select count(*) from public.admin_impersonation_logs"));
            }
        }
    }

    private static String session(Connection server, UUID admin, UUID user, String reason, String expiresAt, String endedAt) {
        return Sql.one(server, "insert into public.admin_impersonation_logs (admin_id, target_user_id, reason, started_at, expires_at, ended_at)"
                + " values (?, ?, ?, now() - interval '2 hours', " + expiresAt + ", " + (endedAt == null ? "null" : endedAt) + ") returning id",
                admin, user, reason);
    }
}
