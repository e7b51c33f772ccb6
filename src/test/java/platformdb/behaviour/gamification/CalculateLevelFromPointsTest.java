package platformdb.behaviour.gamification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** calculate_level_from_points (seed 003): level = floor(sqrt(points / 100)) + 1; no points or negative is level 1. */
class CalculateLevelFromPointsTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @BeforeAll
    static void aPlayer() {
        personas.create("player");
    }

    @ParameterizedTest(name = "{0} points is level {1}")
    @CsvSource(nullValues = "null", textBlock = """
            0,    1
            99,   1
            100,  2
            399,  2
            400,  3
            899,  3
            900,  4
            10000, 11
            -50,  1
            null, 1
            """)
    void pointsGiveTheLevel(Integer points, int level) {
        try (ApiRequest asPlayer = personas.actAs("player")) {
            assertEquals(String.valueOf(level), Sql.one(asPlayer.sql(), "select public.calculate_level_from_points(?::integer)", points));
        }
    }
}
