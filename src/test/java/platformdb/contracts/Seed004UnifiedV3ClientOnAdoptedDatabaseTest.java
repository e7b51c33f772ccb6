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
 * Seed 004's client contract on seed 004's own production database after its adoption: Supabase mode, reshaped from
 * the unified schema v3 (memories typed, widgets given their kind and publishing columns), the team's rows still
 * there. Besides the contract's tests, the seed team's own users, made before the adoption, read their rows as before.
 */
class Seed004UnifiedV3ClientOnAdoptedDatabaseTest extends Seed004UnifiedV3ClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return AdoptedSeeds.seed004();
    }

    @Test
    void theSeedTeamsOwnUsersReadTheirRowsAfterTheAdoption() {
        assertEquals("seed-004-final", Sql.one(personas().server(), "select max(reshaping) from liquibase.adopted_changesets"),
                "the database was adopted from seed 004's final point");
        UUID dana = UUID.fromString(Sql.one(personas().server(), "select md5('auth.users/dana')::uuid::text"));
        try (ApiRequest signedIn = personas().asUser(dana)) {
            assertEquals(List.of("Mood chart|custom|2025-04-02 12:00:00+00", "Notes|custom|2025-04-01 10:05:00+00"),
                    Sql.column(signedIn.sql(), "select concat_ws('|', name, widget_type, updated_at) from public.widgets order by name"),
                    "her widgets, made before v3 had kinds, are custom, and nothing else of them changed");
            assertEquals(List.of("fact"), Sql.column(signedIn.sql(), "select distinct type from public.memories"),
                    "her memories are facts, as a memory stored without a type is");
        }
    }
}
