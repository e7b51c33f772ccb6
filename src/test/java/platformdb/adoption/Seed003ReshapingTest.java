package platformdb.adoption;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import platformdb.seeds.Seed003;
import platformdb.seeds.SeedDatabase;

/**
 * The reshapings of seed 003 (MadenAI) right after ai_integration and at its final point
 * (changelog/adoption/seed-003-after-ai-integration.yaml, seed-003-final.yaml), each on the seed's own database with
 * its rows: each changeset applies, rolls back to exactly the catalog and rows before it and applies again; the
 * planner then finds nothing of seed 003 left in another shape; rolling everything back returns the seed's catalog and
 * rows.
 */
class Seed003ReshapingTest {

    static Stream<Arguments> points() {
        return Stream.of(Arguments.of(Seed003.afterAiIntegration(), "changelog/adoption/seed-003-after-ai-integration.yaml"),
                Arguments.of(Seed003.atFinalPoint(), "changelog/adoption/seed-003-final.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void everyChangesetRoundTripsOnTheSeedsRowsAndNothingIsLeftToReshape(Seed003 point, String reshaping) {
        try (SeedDatabase seed = SeedDatabase.build(point)) {
            ReshapingWalk.assertEveryChangesetRoundTripsAndNothingIsLeftToReshape(seed, reshaping);
        }
    }
}
