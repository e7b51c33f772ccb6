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
 * Seed 001's client contract on seed 001's own production database after its adoption (issue 21: the seed's clients
 * keep working on the adopted database): Supabase mode, reshaped from the seed's schema (users now user_profiles of
 * auth accounts, messages_v2 now messages, user_memory now memories), the team's rows still there. Besides the
 * contract's tests, the seed team's own users, made before the adoption, are served as the contract says.
 */
class Seed001WhatsAppBotClientOnAdoptedDatabaseTest extends Seed001WhatsAppBotClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return AdoptedSeeds.seed001();
    }

    @Test
    void theSeedTeamsOwnUsersAreServedAfterTheAdoption() {
        assertEquals("seed-001-final", Sql.one(personas().server(), "select max(reshaping) from liquibase.adopted_changesets"),
                "the database was adopted from seed 001's final point");
        UUID maria;
        try (ApiRequest bot = personas().asServiceRole()) {
            maria = UUID.fromString(Sql.one(bot.sql(), "select id::text from public.user_profiles where phone_number = '+573001112233'"));
            assertEquals("María", Sql.one(bot.sql(), "select name from public.user_profiles where id = ?", maria),
                    "the bot finds a user of the seed by phone, in user_profiles");
        }
        try (ApiRequest signedIn = personas().asUser(maria)) {
            assertEquals(List.of("wamid.msg.0001", "wamid.msg.0002", "wamid.msg.0003", "wamid.msg.0006"),
                    Sql.column(signedIn.sql(), "select wa_message_id from public.messages where wa_message_id is not null order by 1"),
                    "she reads the messages of her own conversations from before the adoption, and only those");
            assertEquals(List.of("Paga el arriendo el día 5", "Prefiere recordatorios a las 9:00"),
                    Sql.column(signedIn.sql(), "select content from public.memories order by 1"),
                    "and her own memories");
        }
    }
}
