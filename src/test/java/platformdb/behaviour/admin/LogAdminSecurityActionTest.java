package platformdb.behaviour.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** log_admin_security_action (seed 003) records a security event in the calling admin's name; nobody else may. */
class LogAdminSecurityActionTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID admin;

    @BeforeAll
    static void anAdminAndAUser() {
        admin = personas.createAdmin("admin", "admin").id();
        personas.create("user");
    }

    @Test
    void anAdminsActionIsRecordedInTheirNameAndItsIdReturned() {
        try (ApiRequest asAdmin = personas.actAs("admin")) {
            String id = Sql.one(asAdmin.sql(), "select public.log_admin_security_action('password_reset', '{\"target\": \"x\"}'::jsonb, 'warning', '10.0.0.1'::inet, 'curl')");
            assertEquals(admin + "|password_reset|warning|x|10.0.0.1/32|curl", Sql.one(asAdmin.sql(),
                    "select user_id || '|' || event_type || '|' || severity || '|' || (details ->> 'target') || '|' || ip_address || '|' || user_agent"
                            + " from public.admin_security_logs where id = ?::uuid", id));
        }
    }

    @Test
    void theSeverityDefaultsToInfo() {
        try (ApiRequest asAdmin = personas.actAs("admin")) {
            String id = Sql.one(asAdmin.sql(), "select public.log_admin_security_action('login')");
            assertEquals("info", Sql.one(asAdmin.sql(), "select severity from public.admin_security_logs where id = ?::uuid", id));
        }
    }

    @Test
    void aUserWhoIsNotAnAdminCannotWriteTheSecurityLog() {
        try (ApiRequest asUser = personas.actAs("user")) {
            String error = Sql.failure(asUser.sql(), "select public.log_admin_security_action('forged')").getMessage();
            assertTrue(error.contains("row-level security"), error);
        }
        assertEquals("0", Sql.one(personas.server(), "select count(*) from public.admin_security_logs where event_type = 'forged'"));
    }
}
