package platformdb.tooling;

import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.seeds.Seed001;

/**
 * Seed 001's production database at the earlier point of its history, right after its migration
 * 001_optimize_rls_indexes, adopted with {@code scripts/liquibase adopt}: recognised, applied and verified, every row
 * kept where the unified schema moved it, nothing left to run, and the way back returning the seed's catalog and every
 * row exactly.
 */
class Seed001EarlierPointAdoptCommandTest {

    @Test
    void adoptedEveryRowKeptAndTheWayBackExact() {
        SeedAdoption.of(Seed001.afterOptimizeRlsIndexes(), "/seeds/001/fixes-for-the-reshaping.sql")
                .assertEveryRowKeptNothingToRunAndTheWayBackExact(List.of("public.broadcast_opt_outs"));
    }
}
