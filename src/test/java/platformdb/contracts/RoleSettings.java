package platformdb.contracts;

import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * The API roles' per-database settings (search_path, release seed-clients) live in the cluster's shared
 * catalog keyed by database, so a database copied from the deployed template does not have them. Rolling the
 * copy back to the release before and updating it again gives it what a deployment gives a database.
 */
final class RoleSettings {

    private RoleSettings() {
    }

    static void deployInto(FreshDatabase copy) {
        try (Deployment deployment = Changelog.master().deployTo(copy)) {
            deployment.rollbackToTag("rls-hot-reads");
            deployment.updateAll();
        }
    }
}
