package platformdb.behaviour.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * The server-only tables system_metrics and n8n_chat_histories read by a moderator, the admin role the access
 * matrix does not play (its admin is role admin; it also proves that users and anon read and write nothing).
 */
class AdminReadPoliciesTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @BeforeAll
    static void aModeratorAndTwoServerRows() {
        personas.createAdmin("moderator", "moderator");
        Sql.update(personas.server(), "insert into public.system_metrics (metric_name, metric_value) values ('latency_ms', 12.5)");
        Sql.update(personas.server(), "insert into public.n8n_chat_histories (session_id, message) values ('s1', '{\"type\": \"human\"}')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.system_metrics", "public.n8n_chat_histories"})
    void aModeratorReadsEveryRow(String table) {
        try (ApiRequest asModerator = personas.actAs("moderator")) {
            assertEquals("1", Sql.one(asModerator.sql(), "select count(*) from " + table));
        }
    }

    @Test
    void aModeratorDoesNotWriteMetricsThroughTheApi() {
        try (ApiRequest asModerator = personas.actAs("moderator")) {
            String error = Sql.failure(asModerator.sql(), "insert into public.system_metrics (metric_name, metric_value) values ('forged', 1)").getMessage();
            assertTrue(error.contains("row-level security"), error);
        }
    }
}
