package platformdb.behaviour.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * cleanup_expired_impersonation_sessions (seed 003) deletes the sessions whose expiry has passed, and only those,
 * keeping their history in admin_audit_logs.
 */
class CleanupExpiredImpersonationSessionsTest {

    /** A database per test: the function deletes every expired session there is. */
    @Deployed
    private FreshDatabase database;
    @Deployed
    private Personas personas;

    @Test
    void itDeletesOnlyExpiredSessionsEndedOrNotAndSaysHowMany() {
        UUID admin = personas.create("admin").id();
        UUID user = personas.create("user").id();
        session(admin, user, "expired, never ended", "now() - interval '1 minute'", null);
        session(admin, user, "expired, ended early", "now() - interval '1 hour'", "now() - interval '90 minutes'");
        session(admin, user, "valid, open", "now() + interval '1 hour'", null);
        session(admin, user, "valid, ended early", "now() + interval '1 hour'", "now()");

        assertEquals("2", Sql.one(personas.server(), "select public.cleanup_expired_impersonation_sessions()"));
        assertEquals(List.of("valid, ended early", "valid, open"),
                Sql.column(personas.server(), "select reason from public.admin_impersonation_logs order by reason"));
        assertEquals("0", Sql.one(personas.server(), "select public.cleanup_expired_impersonation_sessions()"), "a second run finds nothing more");
    }

    @Test
    void everyDeletedSessionIsKeptInTheAdminAuditLog() {
        UUID admin = personas.create("admin").id();
        UUID user = personas.create("user").id();
        String expired = session(admin, user, "support ticket 42", "now() - interval '1 minute'", null);
        session(admin, user, "still valid", "now() + interval '1 hour'", null);

        Sql.one(personas.server(), "select public.cleanup_expired_impersonation_sessions()");
        assertEquals(List.of(admin + " impersonation.session_expired user " + user + " " + expired + " support ticket 42"), Sql.column(personas.server(),
                "select admin_id || ' ' || action || ' ' || target_type || ' ' || target_id || ' '"
                        + " || (details ->> 'impersonation_log_id') || ' ' || (details ->> 'reason') from public.admin_audit_logs"));
    }

    @Test
    void anAdminCallingItThroughTheApiCannotDeleteSessions() {
        UUID admin = personas.createAdmin("admin", "super_admin").id();
        UUID user = personas.create("user").id();
        session(admin, user, "expired", "now() - interval '1 minute'", null);
        try (ApiRequest asAdmin = personas.actAs("admin")) {
            assertEquals("0", Sql.one(asAdmin.sql(), "select public.cleanup_expired_impersonation_sessions()"),
                    "only the server (service_role) removes sessions: no delete policy");
            assertEquals("1", Sql.one(asAdmin.sql(), "select count(*) from public.admin_impersonation_logs"));
        }
    }

    private String session(UUID admin, UUID user, String reason, String expiresAt, String endedAt) {
        return Sql.one(personas.server(), "insert into public.admin_impersonation_logs (admin_id, target_user_id, reason, started_at, expires_at, ended_at)"
                + " values (?, ?, ?, now() - interval '2 hours', " + expiresAt + ", " + (endedAt == null ? "null" : endedAt) + ") returning id",
                admin, user, reason);
    }
}
