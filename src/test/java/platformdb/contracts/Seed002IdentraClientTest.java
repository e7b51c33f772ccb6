package platformdb.contracts;

import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** Seed 002's client contract on a clean deploy of the changelog (plain PostgreSQL mode, empty tables). */
class Seed002IdentraClientTest extends Seed002IdentraClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return DeployedSchema.freshDatabase();
    }
}
