package platformdb.contracts;

import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** Seed 003's client contract on a clean deploy of the changelog (plain PostgreSQL mode, empty tables). */
class Seed003MadenAiClientTest extends Seed003MadenAiClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return DeployedSchema.freshDatabase();
    }
}
