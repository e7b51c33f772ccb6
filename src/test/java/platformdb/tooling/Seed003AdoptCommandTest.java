package platformdb.tooling;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import platformdb.seeds.Seed003;

/**
 * Seed 003's production database (MadenAI) right after its migration ai_integration and at its final point, built by
 * the seed's own SQL with the team's tables and rows, adopted with {@code scripts/liquibase adopt}: recognised, the SQL
 * the preview writes is what --apply runs, every row kept where the unified schema moved it (ai_conversations in
 * conversations, ai_messages in messages), nothing left to run, and rolling back to the adoption tag returns the
 * seed's catalog and every row exactly.
 */
class Seed003AdoptCommandTest {

    static Stream<Arguments> points() {
        return Stream.of(Arguments.of(Seed003.afterAiIntegration(), "seed-003-after-ai-integration"),
                Arguments.of(Seed003.atFinalPoint(), "seed-003-final"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("points")
    void adoptedThePreviewsSqlIsWhatRanEveryRowKeptAndTheWayBackExact(Seed003 point, String reshaping) {
        SeedAdoption adoption = SeedAdoption.of(point, null);
        adoption.assertThePreviewsSqlDoesWhatApplyDid();
        adoption.assertEveryRowKeptNothingToRunAndTheWayBackExact(List.of("public.project_daily_logs", "public.landing_leads"));
    }
}
