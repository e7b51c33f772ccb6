package platformdb.behaviour.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * calculate_user_engagement (seed 003 trigger) scores each daily analytics row; get_user_engagement sums up the
 * last days per user, for the caller's own line (an admin's: everyone's).
 */
class UserEngagementTest {

    private static final String SCORE = "select engagement_score::text from public.user_analytics_enhanced where user_id = ? and activity_date = ?::date";

    /** A database per test: an admin's engagement lines count every user there is. */
    @Deployed
    private FreshDatabase database;
    @Deployed
    private Personas personas;

    @Test
    void theScoreWeighsSessionsMessagesMinutesAndFeatures() {
        UUID alice = personas.create("alice").id();
        // 2 sessions * 5 + 7 messages * 1 + 10 minutes * 0.5 + 3 features * 2 = 28
        Sql.update(personas.server(), "insert into public.user_analytics_enhanced (user_id, activity_date, sessions_count, messages_sent, time_spent_seconds, features_used)"
                + " values (?, '2025-01-10', 2, 7, 600, '{\"search\": 1, \"memories\": 2, \"widgets\": 1}')", alice);
        assertEquals("28.00", Sql.one(personas.server(), SCORE, alice, "2025-01-10"));
    }

    @Test
    void theScoreIsRecomputedOnUpdateAndCappedAt100() {
        UUID alice = personas.create("alice").id();
        Sql.update(personas.server(), "insert into public.user_analytics_enhanced (user_id, activity_date, sessions_count) values (?, '2025-01-11', 1)", alice);
        assertEquals("5.00", Sql.one(personas.server(), SCORE, alice, "2025-01-11"));
        Sql.update(personas.server(), "update public.user_analytics_enhanced set messages_sent = 500 where user_id = ?", alice);
        assertEquals("100.00", Sql.one(personas.server(), SCORE, alice, "2025-01-11"));
    }

    @Test
    void aScoreWrittenByHandIsReplacedByTheComputedOne() {
        UUID alice = personas.create("alice").id();
        Sql.update(personas.server(), "insert into public.user_analytics_enhanced (user_id, activity_date, messages_sent, engagement_score) values (?, '2025-01-12', 3, 99)", alice);
        assertEquals("3.00", Sql.one(personas.server(), SCORE, alice, "2025-01-12"));
    }

    @Test
    void getUserEngagementSumsTheRecentDaysOfTheCallerOnly() {
        UUID alice = personas.create("alice").id();
        UUID bob = personas.create("bob").id();
        personas.createAdmin("admin", "admin");
        Sql.update(personas.server(), "insert into public.user_analytics_enhanced (user_id, activity_date, messages_sent) values"
                + " (?, current_date, 10), (?, current_date - 1, 20), (?, current_date - 60, 1000), (?, current_date, 4)", alice, alice, alice, bob);
        Sql.update(personas.server(), "insert into public.user_login_history (user_id, login_at, success) values"
                + " (?, '2025-01-01T08:00:00Z', true), (?, '2025-01-02T08:00:00Z', false)", alice, alice);
        String line = "select format('%s days=%s avg=%s messages=%s last_login=%s', user_id, active_days, avg_engagement_score, total_messages,"
                + " to_char(last_login_at at time zone 'UTC', 'YYYY-MM-DD')) from public.get_user_engagement() order by total_messages desc";
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(List.of(alice + " days=2 avg=15.00 messages=30 last_login=2025-01-01"), Sql.column(asAlice.sql(), line),
                    "the 60-day-old row and the failed login are left out, bob's row is not visible");
        }
        try (ApiRequest asAdmin = personas.actAs("admin")) {
            assertEquals(2, Sql.column(asAdmin.sql(), line).size(), "an admin sees every user's line");
        }
    }
}
