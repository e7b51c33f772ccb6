package platformdb.behaviour.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** log_admin_security_action (seed 003) records a security event in the calling admin's name; nobody else may. */
class LogAdminSecurityActionTest {

    @Deployed
    private static FreshDatabase database;
    private static UUID admin;
    private static UUID user;

    @BeforeAll
    static void deploy() throws SQLException {
        admin = Accounts.signUpAdmin(database, "admin@example.com", "admin");
        user = Accounts.signUp(database, "user@example.com");
    }

    @Test
    void anAdminsActionIsRecordedInTheirNameAndItsIdReturned() throws SQLException {
        try (Connection asAdmin = database.connectAs("authenticated", admin)) {
            String id = Sql.one(asAdmin, "select public.log_admin_security_action('password_reset', '{\"target\": \"x\"}'::jsonb, 'warning', '10.0.0.1'::inet, 'curl')");
            assertEquals(admin + "|password_reset|warning|x|10.0.0.1/32|curl", Sql.one(asAdmin,
                    "select user_id || '|' || event_type || '|' || severity || '|' || (details ->> 'target') || '|' || ip_address || '|' || user_agent"
                            + " from public.admin_security_logs where id = ?::uuid", id));
        }
    }

    @Test
    void theSeverityDefaultsToInfo() throws SQLException {
        try (Connection asAdmin = database.connectAs("authenticated", admin)) {
            String id = Sql.one(asAdmin, "select public.log_admin_security_action('login')");
            assertEquals("info", Sql.one(asAdmin, "select severity from public.admin_security_logs where id = ?::uuid", id));
        }
    }

    @Test
    void aUserWhoIsNotAnAdminCannotWriteTheSecurityLog() throws SQLException {
        try (Connection asUser = database.connectAs("authenticated", user)) {
            String error = Sql.failure(asUser, "select public.log_admin_security_action('forged')").getMessage();
            assertTrue(error.contains("row-level security"), error);
        }
        try (Connection server = database.connect()) {
            assertEquals("0", Sql.one(server, "select count(*) from public.admin_security_logs where event_type = 'forged'"));
        }
    }
}
