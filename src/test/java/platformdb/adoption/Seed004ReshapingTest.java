package platformdb.adoption;

import org.junit.jupiter.api.Test;
import platformdb.seeds.Seed004;
import platformdb.seeds.SeedDatabase;

/**
 * The reshaping of seed 004 (the unified schema v3) at its final point (changelog/adoption/seed-004-final.yaml), on
 * the seed's own database with its rows: each changeset applies, rolls back to exactly the catalog and rows before it
 * and applies again; the planner then finds nothing of seed 004 left in another shape; rolling everything back
 * returns the seed's catalog and rows.
 */
class Seed004ReshapingTest {

    @Test
    void everyChangesetRoundTripsOnTheSeedsRowsAndNothingIsLeftToReshape() {
        try (SeedDatabase seed = SeedDatabase.build(new Seed004())) {
            ReshapingWalk.assertEveryChangesetRoundTripsAndNothingIsLeftToReshape(seed, "changelog/adoption/seed-004-final.yaml");
        }
    }
}
