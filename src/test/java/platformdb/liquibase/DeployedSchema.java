package platformdb.liquibase;

import platformdb.postgres.FreshDatabase;

/**
 * Fresh databases with the whole master changelog applied, for behaviour tests. The changelog is deployed
 * once per test run into a template database; each test then gets its own copy in a fraction of a second.
 */
public final class DeployedSchema {

    private static FreshDatabase template;

    private DeployedSchema() {
    }

    /** A database of its own with the whole changelog applied (plain PostgreSQL mode). Close it to drop it. */
    public static synchronized FreshDatabase freshDatabase() {
        return FreshDatabase.copyOf(deployedTemplate());
    }

    /** The database the changelog was deployed into, once per test JVM; copies are made from it. */
    static synchronized FreshDatabase deployedTemplate() {
        if (template == null) {
            FreshDatabase deployed = FreshDatabase.create();
            try (Deployment deployment = Changelog.master().deployTo(deployed)) {
                deployment.updateAll();
            }
            template = deployed;
            deployed.droppedAtExit();
        }
        return template;
    }
}
