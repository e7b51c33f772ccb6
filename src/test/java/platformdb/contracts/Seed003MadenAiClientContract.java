package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Sql;

/**
 * Seed 003's clients (docs/contracts/seed-003.md): the server's logging, tracing, analytics and billing
 * writes (service role key), signed-in users and admins reading them, and the rpc calls. One contract, acted out on
 * every database the clients may meet: each subclass gives the database, the same tests run on it. The tests make
 * their own users and look only at their rows, so a database that already holds a team's rows proves the same.
 */
abstract class Seed003MadenAiClientContract extends ClientsDatabase {

    @Test
    void aLogLineIsNeverRefusedForItsUserOrItsLevel() {
        UUID unknown = UUID.randomUUID();
        try (ApiRequest server = personas().asServiceRole()) {
            for (String level : List.of("warning", "CRITICAL", "info", "loud")) {
                Sql.update(server.sql(), "insert into public.observability_logs (level, message, request_id, user_id) values (?, 'm', 'req-1', ?)", level, unknown);
            }
            Sql.update(server.sql(), "insert into public.request_traces (request_id, method, path, status_code, duration_ms, user_id, ip_address)"
                    + " values ('req-1', 'GET', '/api', 200, 12, ?, '10.0.0.1')", unknown);
            server.commit();
        }
        UUID admin = personas().createAdmin("madenai-admin", "admin").id();
        try (ApiRequest signedIn = personas().asUser(admin)) {
            assertEquals(List.of("fatal|", "info|", "info|loud", "warn|"), Sql.column(signedIn.sql(),
                    "select concat_ws('|', level, coalesce(context ->> 'original_level', ''))"
                            + " from public.observability_logs where request_id = 'req-1' order by 1"));
            assertEquals(List.of(unknown.toString()), Sql.column(signedIn.sql(), "select user_id from public.request_traces where request_id = 'req-1'"));
        }
    }

    @Test
    void aFeatureUseIsCountedByUpsert() {
        UUID user = personas().create("madenai-feature").id();
        String use = "insert into public.feature_usage (user_id, feature_name) values (?, 'export')"
                + " on conflict (user_id, feature_name) do update set usage_count = feature_usage.usage_count + 1, last_used_at = now()";
        try (ApiRequest server = personas().asServiceRole()) {
            Sql.update(server.sql(), use, user);
            Sql.update(server.sql(), use, user);
            server.commit();
        }
        try (ApiRequest signedIn = personas().asUser(user)) {
            assertEquals("export|2", Sql.one(signedIn.sql(), "select concat_ws('|', feature_name, usage_count) from public.feature_usage"));
        }
    }

    @Test
    void theEngagementScoreIsCallableForTheUser() {
        UUID user = personas().create("madenai-engaged").id();
        UUID other = personas().create("madenai-other").id();
        try (ApiRequest server = personas().asServiceRole()) {
            for (UUID someone : List.of(user, other)) {
                Sql.update(server.sql(), "insert into public.user_analytics_enhanced (user_id, sessions_count, messages_sent) values (?, 2, 5)", someone);
            }
            server.commit();
        }
        try (ApiRequest signedIn = personas().asUser(user)) {
            assertEquals("15.00", Sql.one(signedIn.sql(), "select public.calculate_user_engagement(p_user_id => ?)", user));
            assertNull(Sql.one(signedIn.sql(), "select public.calculate_user_engagement(p_user_id => ?)", other), "another user's score stays hidden");
        }
    }

    @Test
    void theQuotaIsSyncedByRpc() {
        UUID user = personas().create("madenai-plan").id();
        try (var server = database().connect()) {
            Sql.update(server, "insert into public.user_plans (user_id, plan, billing_cycle) values (?, 'PRO', 'mensal')", user);
            Sql.update(server, "alter table public.user_plans disable trigger trg_user_plans_sync_messages_quota");
            Sql.update(server, "update public.user_plans set messages_quota = 1 where user_id = ?", user);
            Sql.update(server, "alter table public.user_plans enable trigger trg_user_plans_sync_messages_quota");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        try (ApiRequest signedIn = personas().asUser(user)) {
            assertEquals("1", Sql.one(signedIn.sql(), "select public.sync_messages_quota(p_user_id => ?)", user), "a user reads, only the server syncs");
        }
        try (ApiRequest server = personas().asServiceRole()) {
            assertEquals("5000", Sql.one(server.sql(), "select public.sync_messages_quota(p_user_id => ?)", user));
            server.commit();
        }
    }

    @Test
    void theSeedsLockCheckRunsAsWritten() {
        try (ApiRequest server = personas().asServiceRole()) {
            Sql.column(server.sql(), "SELECT * FROM pg_locks WHERE NOT granted;");
        }
    }
}
