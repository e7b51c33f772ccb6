package platformdb.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/** A copy of the deployed template is what a deploy gives a database, the per-database role settings included. */
class DeployedSchemaTest {

    private static final String SETTINGS = "select r.rolname || ' ' || array_to_string(s.setconfig, ';') from pg_db_role_setting s"
            + " join pg_roles r on r.oid = s.setrole"
            + " where s.setdatabase = (select oid from pg_database where datname = current_database()) order by 1";

    @Test
    void aCopyHasTheRoleSettingsADeployGives() {
        try (FreshDatabase copy = DeployedSchema.freshDatabase()) {
            List<String> byDeploy = settings(DeployedSchema.deployedTemplate());
            assertTrue(byDeploy.stream().anyMatch(setting -> setting.startsWith("anon search_path=")),
                    "the deploy sets the API roles' search_path in its database: " + byDeploy);
            assertEquals(byDeploy, settings(copy));
        }
    }

    private static List<String> settings(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            return Sql.column(connection, SETTINGS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
