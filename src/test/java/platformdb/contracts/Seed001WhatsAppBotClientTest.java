package platformdb.contracts;

import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** Seed 001's client contract on a clean deploy of the changelog (plain PostgreSQL mode, empty tables). */
class Seed001WhatsAppBotClientTest extends Seed001WhatsAppBotClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return DeployedSchema.freshDatabase();
    }
}
