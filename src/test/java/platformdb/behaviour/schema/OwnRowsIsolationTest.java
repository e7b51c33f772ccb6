package platformdb.behaviour.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Every user table of seeds 002/003/004 is isolated per user (seed 002: "every user table isolated per user"):
 * with a row of alice and a row of bob, alice reads exactly hers, and anonymous visitors read nothing.
 */
class OwnRowsIsolationTest {

    @Deployed
    private static FreshDatabase database;
    private static UUID alice;
    private static UUID bob;

    @BeforeAll
    static void deploy() {
        alice = Accounts.signUp(database, "alice@example.com");
        bob = Accounts.signUp(database, "bob@example.com");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            memory_links;            user_id;   with a as (insert into public.memories (user_id, type, content) values (:user, 'fact', 'a') returning id), b as (insert into public.memories (user_id, type, content) values (:user, 'fact', 'b') returning id) insert into public.memory_links (user_id, source_memory_id, target_memory_id) select :user, a.id, b.id from a, b
            feedback;                user_id;   insert into public.feedback (user_id, rating) values (:user, 4)
            user_sessions;           user_id;   insert into public.user_sessions (user_id, session_token_hash, expires_at) values (:user, gen_random_uuid()::text, now() + interval '1 day')
            import_history;          user_id;   insert into public.import_history (user_id, source) values (:user, 'chatgpt')
            widgets;                 user_id;   insert into public.widgets (user_id, name, widget_type) values (:user, 'w', 'note')
            projects;                user_id;   insert into public.projects (user_id, name) values (:user, 'House')
            ai_message_usage;        user_id;   insert into public.ai_message_usage (user_id, model) values (:user, 'gpt-4o-mini')
            ai_usage_metrics;        user_id;   insert into public.ai_usage_metrics (user_id, period_date) values (:user, '2025-01-01')
            user_gamification;       user_id;   insert into public.user_gamification (user_id) values (:user)
            gamification_logs;       user_id;   insert into public.gamification_logs (user_id, points, reason, level_before, level_after) values (:user, 5, 'x', 1, 1)
            crm_clients;             owner_id;  insert into public.crm_clients (owner_id, name) values (:user, 'Acme')
            user_analytics_enhanced; user_id;   insert into public.user_analytics_enhanced (user_id) values (:user)
            user_login_history;      user_id;   insert into public.user_login_history (user_id) values (:user)
            user_plans;              user_id;   insert into public.user_plans (user_id) values (:user)
            payments;                user_id;   insert into public.payments (user_id, amount, provider, provider_payment_id) values (:user, 10, 'stripe', gen_random_uuid()::text)
            email_logs;              user_id;   insert into public.email_logs (user_id, to_email, subject) values (:user, 'x@example.com', 'Hi')
            user_journeys;           user_id;   insert into public.user_journeys (user_id, session_id) values (:user, 'web-1')
            feature_usage;           user_id;   insert into public.feature_usage (user_id, feature_name) values (:user, 'search')
            """)
    void aliceReadsExactlyHerOwnRows(String table, String owner, String insert) throws SQLException {
        try (Connection server = database.connect()) {
            for (UUID user : new UUID[] {alice, bob}) {
                Sql.update(server, insert.replace(":user", "'" + user + "'::uuid"));
            }
        }
        String owners = "select coalesce(string_agg(distinct " + owner + "::text, ','), 'none') from public." + table;
        try (Connection asAlice = database.connectAs("authenticated", alice)) {
            assertEquals(alice.toString(), Sql.one(asAlice, owners), "alice reading " + table);
        }
        try (Connection anon = database.connectAs("anon", null)) {
            assertEquals("none", Sql.one(anon, owners), "an anonymous visitor reading " + table);
        }
    }
}
