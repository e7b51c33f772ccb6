package platformdb.tooling;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.seeds.Seed002;

/**
 * Seed 002's production database (Identra) after its Solution 1 migration, built by the seed's own SQL with the team's
 * tables and rows, adopted with {@code scripts/liquibase adopt}: recognised, the SQL the preview writes is what --apply
 * runs, every row kept, nothing left to run, and rolling back to the adoption tag returns the seed's catalog and every
 * row exactly.
 */
class Seed002AdoptCommandTest {

    private static SeedAdoption adoption;

    @BeforeAll
    static void theSeedsDatabaseAdopted() {
        adoption = SeedAdoption.of(new Seed002(), null);
    }

    @Test
    void everyRowIsKeptNothingIsLeftToRunAndTheWayBackIsExact() {
        adoption.assertEveryRowKeptNothingToRunAndTheWayBackExact(List.of("public.gateway_api_keys", "public.waitlist_signups"));
    }

    @Test
    void theSqlThePreviewWroteRunByPsqlDoesWhatApplyDid() {
        adoption.assertThePreviewsSqlDoesWhatApplyDid();
    }
}
