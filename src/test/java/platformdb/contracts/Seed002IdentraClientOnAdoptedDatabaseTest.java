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
 * Seed 002's client contract on seed 002's own production database after its adoption: Supabase mode, reshaped from
 * the seed's schema (the shared tables given what seeds 000 and 001 added, is_archived now status = 'archived'), the
 * team's rows still there. Besides the contract's tests, the seed team's own users, made before the adoption, read
 * their conversations as the contract says.
 */
class Seed002IdentraClientOnAdoptedDatabaseTest extends Seed002IdentraClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return AdoptedSeeds.seed002();
    }

    @Test
    void theSeedTeamsOwnUsersReadTheirConversationsAfterTheAdoption() {
        assertEquals("seed-002-final", Sql.one(personas().server(), "select max(reshaping) from liquibase.adopted_changesets"),
                "the database was adopted from seed 002's point");
        UUID ana = UUID.fromString(Sql.one(personas().server(), "select md5('auth.users/ana')::uuid::text"));
        try (ApiRequest signedIn = personas().asUser(ana)) {
            assertEquals(List.of("Old brainstorm|archived|t", "Trip to Lisbon|active|f"), Sql.column(signedIn.sql(),
                    "select concat_ws('|', c.title, c.status, c.is_archived) from public.conversations c order by c.title"),
                    "her archived conversation is archived by status, read through the computed is_archived");
        }
    }
}
