package platformdb.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.ApiSession;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/** Roles are cluster-wide: rolling one database back must not break another on the same server. */
class ApiRolesAcrossDatabasesTest {

    @Test
    void rollingBackOneDatabaseKeepsTheRolesAnotherUses() throws SQLException {
        try (FreshDatabase first = DeployedSchema.freshDatabase(); FreshDatabase second = DeployedSchema.freshDatabase()) {
            try (Deployment deployment = Changelog.master().deployTo(second)) {
                deployment.rollbackCount(deployment.appliedCount());
            }
            try (ApiSession session = ApiSession.anon(first); ApiRequest anon = session.request()) {
                assertEquals("anon", SupabaseCompatibilityTest.single(anon.sql(), "select auth.role()"),
                        "the first database still serves its anon role after the second was rolled back");
            }
        }
    }
}
