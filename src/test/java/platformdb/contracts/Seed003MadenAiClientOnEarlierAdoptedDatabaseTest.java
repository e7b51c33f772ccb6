package platformdb.contracts;

import platformdb.postgres.FreshDatabase;
import platformdb.tooling.AdoptedSeeds;

/**
 * Seed 003's client contract, and the team's own users reading their chats, on seed 003's production database adopted
 * right after its migration ai_integration (what the later migrations would have added, the adoption's update created).
 */
class Seed003MadenAiClientOnEarlierAdoptedDatabaseTest extends Seed003MadenAiClientOnAdoptedDatabaseTest {

    @Override
    FreshDatabase clientsDatabase() {
        return AdoptedSeeds.seed003AfterAiIntegration();
    }

    @Override
    String point() {
        return "seed-003-after-ai-integration";
    }
}
