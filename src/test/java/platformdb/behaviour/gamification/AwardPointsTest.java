package platformdb.behaviour.gamification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** award_points (seed 003) adds points, logs every award and levels up per calculate_level_from_points. */
class AwardPointsTest {

    private static final String SCORE = "select total_points || ' points, level ' || level from public.user_gamification where user_id = ?";
    private static final String LOG = "select points || ' for ' || reason || ': level ' || level_before || ' -> ' || level_after"
            + " from public.gamification_logs where user_id = ? order by created_at, id";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @Test
    void theFirstAwardCreatesTheScoreAndLogsIt() throws SQLException {
        UUID alice = personas.create("alice").id();
        try (Connection server = database.connect()) {
            assertEquals("50|1", Sql.one(server, "select total_points || '|' || level from public.award_points(?, 50, 'first chat')", alice));
            assertEquals("50 points, level 1", Sql.one(server, SCORE, alice));
            assertEquals(List.of("50 for first chat: level 1 -> 1"), Sql.column(server, LOG, alice));
        }
    }

    @Test
    void pointsAddUpAndCrossingAThresholdLevelsUp() throws SQLException {
        UUID bob = personas.create("bob").id();
        try (Connection server = database.connect()) {
            Sql.one(server, "select public.award_points(?, 60, 'first chat')", bob);
            Sql.one(server, "select public.award_points(?, 50, 'streak')", bob);
            assertEquals("110 points, level 2", Sql.one(server, SCORE, bob));
            Sql.one(server, "select public.award_points(?, 300, 'referral')", bob);
            assertEquals("410 points, level 3", Sql.one(server, SCORE, bob));
            assertEquals(List.of("60 for first chat: level 1 -> 1", "50 for streak: level 1 -> 2", "300 for referral: level 2 -> 3"),
                    Sql.column(server, LOG, bob));
        }
    }

    @Test
    void removingPointsNeverGoesBelowZeroAndLowersTheLevel() throws SQLException {
        UUID carol = personas.create("carol").id();
        try (Connection server = database.connect()) {
            Sql.one(server, "select public.award_points(?, 150, 'welcome')", carol);
            Sql.one(server, "select public.award_points(?, -500, 'abuse')", carol);
            assertEquals("0 points, level 1", Sql.one(server, SCORE, carol));
            assertEquals("-500 for abuse: level 2 -> 1", Sql.column(server, LOG, carol).get(1));
        }
    }

    @Test
    void anAwardCanNameItsAchievement() throws SQLException {
        UUID dave = personas.create("dave").id();
        try (Connection server = database.connect()) {
            String achievement = Sql.one(server, "insert into public.achievements (code, name, points) values ('first-memory', 'First memory', 10) returning id");
            Sql.one(server, "select public.award_points(?, 10, 'achievement', ?::uuid)", dave, achievement);
            assertEquals(achievement, Sql.one(server, "select achievement_id::text from public.gamification_logs where user_id = ?", dave));
        }
    }

    @Test
    void zeroPointsIsRefused() throws SQLException {
        UUID erin = personas.create("erin").id();
        try (Connection server = database.connect()) {
            String error = Sql.failure(server, "select public.award_points(?, 0, 'nothing')", erin).getMessage();
            assertTrue(error.contains("points must be a non-zero integer"), error);
            assertEquals("0", Sql.one(server, "select count(*) from public.gamification_logs where user_id = ?", erin));
        }
    }

    @Test
    void aUserCannotAwardThemselvesPointsButReadsTheirScore() throws SQLException {
        UUID frank = personas.create("frank").id();
        try (Connection server = database.connect()) {
            Sql.one(server, "select public.award_points(?, 20, 'welcome')", frank);
        }
        try (ApiRequest asFrank = personas.actAs("frank")) {
            String error = Sql.failure(asFrank.sql(), "select public.award_points(?, 1000, 'cheating')", frank).getMessage();
            assertTrue(error.contains("row-level security"), error);
        }
        try (ApiRequest asFrank = personas.actAs("frank")) {
            assertEquals("20 points, level 1", Sql.one(asFrank.sql(), SCORE, frank));
            assertEquals("1", Sql.one(asFrank.sql(), "select count(*) from public.gamification_logs"));
        }
    }
}
