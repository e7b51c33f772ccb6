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
 * Seed 003's client contract on seed 003's own production database adopted at its final point: Supabase mode, reshaped from the
 * seed's schema (ai_conversations and ai_messages now the shared conversations and messages), the team's rows still
 * there. Besides the contract's tests, the seed team's own users, made before the adoption, read their chats.
 */
class Seed003MadenAiClientOnAdoptedDatabaseTest extends Seed003MadenAiClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return AdoptedSeeds.seed003();
    }

    /** The seed point the database was adopted at. */
    String point() {
        return "seed-003-final";
    }

    @Test
    void theSeedTeamsOwnUsersReadTheirChatsAfterTheAdoption() {
        assertEquals(point(), Sql.one(personas().server(), "select max(reshaping) from liquibase.adopted_changesets"),
                "the database was adopted from that point of seed 003's history");
        UUID ana = UUID.fromString("11d3f3e0-d9fe-5c8e-65ad-700a0e9049d0");
        try (ApiRequest signedIn = personas().asUser(ana)) {
            assertEquals(List.of("1e04cbf6-519b-465e-a5db-75fd7fac8479|active|2", "34954677-a68b-9de6-a321-c165e9cdd0bc|archived|1"),
                    Sql.column(signedIn.sql(), "select concat_ws('|', c.id, c.status, (select count(*) from public.messages m where m.conversation_id = c.id))"
                            + " from public.conversations c order by c.id"),
                    "her conversations and their messages, from before the adoption, and only hers");
        }
    }
}
