package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * A drifted database gets no silent deploy: `update` warns when an object its pending changesets touch has drifted,
 * refuses with PLATFORMDB_DRIFT_ON_UPDATE=refuse (nothing applied), and says nothing about drift elsewhere (a policy of
 * public.user_profiles, which the release does not touch). The pending release (seed-clients) adds a trigger and a
 * column grant to public.customer_configs.
 */
class UpdateOnDriftTest {

    private static final String PENDING_FROM = "developer-helpers";

    @Test
    void driftOnAnObjectThePendingChangesetsTouchIsARefusalWithTheSettingElseAWarningAndDriftElsewhereIsNeither() {
        try (FreshDatabase database = deployedUpTo(PENDING_FROM)) {
            database.execute("alter table public.customer_configs disable row level security");
            database.execute("alter policy user_profiles_select_own on public.user_profiles using (true)");  // not touched by the release
            int recorded = recorded(database);
            String touched = "1 object(s) the pending changesets touch differ from the changelog: changed relation public.customer_configs.";

            Cli.Result refused = Cli.against(database).with("PLATFORMDB_DRIFT_ON_UPDATE", "refuse").liquibase("update");
            assertEquals(1, refused.exitCode(), refused.describe());
            assertTrue(refused.stderr().contains("update refused: " + touched), refused.describe());
            assertFalse(refused.output().contains("user_profiles"), "drift elsewhere is not the update's business: " + refused.describe());
            assertEquals(recorded, recorded(database), "nothing applied");

            Cli.Result warned = Cli.against(database).liquibase("update");
            assertEquals(0, warned.exitCode(), warned.describe());
            assertTrue(warned.stdout().contains("WARNING: " + touched), warned.describe());
            assertFalse(warned.output().contains("user_profiles"), warned.describe());
            assertTrue(recorded(database) > recorded, "the update ran");
        }
    }

    /**
     * A copy of the deployed template rolled back to the tag: a few changesets undone instead of nearly the whole changelog
     * applied again (the round trip proves a rollback to a tag returns the catalog that tag's update built).
     */
    private static FreshDatabase deployedUpTo(String tag) {
        FreshDatabase database = DeployedSchema.freshDatabase();
        try (Deployment deployment = Changelog.master().deployTo(database)) {
            deployment.rollbackToTag(tag);
        }
        return database;
    }

    private static int recorded(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            return Integer.parseInt(Sql.one(connection, "select count(*)::text from liquibase.databasechangelog"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
