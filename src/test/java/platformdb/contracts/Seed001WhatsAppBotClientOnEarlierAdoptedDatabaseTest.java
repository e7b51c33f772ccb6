package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;
import platformdb.tooling.AdoptedSeeds;

/**
 * Seed 001's client contract on seed 001's production database adopted at the earlier point of its history, right
 * after its migration 001_optimize_rls_indexes (the MVP's users, conversations and messages_v2): what the seed's later
 * migrations would have added, the adoption's update created. The seed team's own users are served as the contract says.
 */
class Seed001WhatsAppBotClientOnEarlierAdoptedDatabaseTest extends Seed001WhatsAppBotClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return AdoptedSeeds.seed001AfterOptimizeRlsIndexes();
    }

    @Test
    void theSeedTeamsOwnUsersAreServedAfterTheAdoption() {
        assertEquals("seed-001-after-optimize-rls-indexes", Sql.one(personas().server(),
                "select max(reshaping) from liquibase.adopted_changesets"), "the database was adopted from seed 001's earlier point");
        UUID maria;
        try (ApiRequest bot = personas().asServiceRole()) {
            maria = UUID.fromString(Sql.one(bot.sql(), "select id::text from public.user_profiles where phone_number = '+573001112233'"));
        }
        try (ApiRequest signedIn = personas().asUser(maria)) {
            assertEquals(List.of("wamid.msg.0001", "wamid.msg.0002", "wamid.msg.0003"),
                    Sql.column(signedIn.sql(), "select wa_message_id from public.messages where wa_message_id is not null order by 1"),
                    "she reads the messages of her own conversations from before the adoption, and only those");
        }
    }
}
