package platformdb.behaviour.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** The server-only tables system_metrics and n8n_chat_histories: admins read them, users neither read nor write. */
class AdminReadPoliciesTest {

    @Deployed
    private static FreshDatabase database;
    private static UUID admin;
    private static UUID user;

    @BeforeAll
    static void deploy() throws SQLException {
        admin = Accounts.signUpAdmin(database, "admin@example.com", "moderator");
        user = Accounts.signUp(database, "user@example.com");
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.system_metrics (metric_name, metric_value) values ('latency_ms', 12.5)");
            Sql.update(server, "insert into public.n8n_chat_histories (session_id, message) values ('s1', '{\"type\": \"human\"}')");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.system_metrics", "public.n8n_chat_histories"})
    void anAdminReadsEveryRow(String table) throws SQLException {
        try (Connection asAdmin = database.connectAs("authenticated", admin)) {
            assertEquals("1", Sql.one(asAdmin, "select count(*) from " + table));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.system_metrics", "public.n8n_chat_histories"})
    void aUserReadsNothing(String table) throws SQLException {
        try (Connection asUser = database.connectAs("authenticated", user)) {
            assertEquals("0", Sql.one(asUser, "select count(*) from " + table));
        }
        try (Connection anon = database.connectAs("anon", null)) {
            assertEquals("0", Sql.one(anon, "select count(*) from " + table));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"authenticated-admin", "authenticated-user"})
    void nobodyWritesMetricsThroughTheApi(String who) throws SQLException {
        try (Connection api = database.connectAs("authenticated", who.endsWith("admin") ? admin : user)) {
            String error = Sql.failure(api, "insert into public.system_metrics (metric_name, metric_value) values ('forged', 1)").getMessage();
            assertTrue(error.contains("row-level security"), error);
        }
    }
}
