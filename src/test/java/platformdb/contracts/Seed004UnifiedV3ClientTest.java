package platformdb.contracts;

import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** Seed 004's client contract on a clean deploy of the changelog (plain PostgreSQL mode, empty tables). */
class Seed004UnifiedV3ClientTest extends Seed004UnifiedV3ClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return DeployedSchema.freshDatabase();
    }
}
