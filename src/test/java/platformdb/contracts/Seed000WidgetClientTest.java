package platformdb.contracts;

import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** Seed 000's client contract on a clean deploy of the changelog (plain PostgreSQL mode, empty tables). */
class Seed000WidgetClientTest extends Seed000WidgetClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return DeployedSchema.freshDatabase();
    }
}
