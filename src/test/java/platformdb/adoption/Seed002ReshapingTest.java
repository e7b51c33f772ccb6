package platformdb.adoption;

import org.junit.jupiter.api.Test;
import platformdb.seeds.Seed002;
import platformdb.seeds.SeedDatabase;

/**
 * The reshaping of seed 002 (Identra) after its Solution 1 migration (changelog/adoption/seed-002-final.yaml), on the
 * seed's own database with its rows: each changeset applies, rolls back to exactly the catalog and rows before it and
 * applies again; the planner then finds nothing of seed 002 left in another shape; rolling everything back returns
 * the seed's catalog and rows.
 */
class Seed002ReshapingTest {

    @Test
    void everyChangesetRoundTripsOnTheSeedsRowsAndNothingIsLeftToReshape() {
        try (SeedDatabase seed = SeedDatabase.build(new Seed002())) {
            ReshapingWalk.assertEveryChangesetRoundTripsAndNothingIsLeftToReshape(seed, "changelog/adoption/seed-002-final.yaml");
        }
    }
}
