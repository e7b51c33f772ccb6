package platformdb.behaviour.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * updated_at is kept by the shared set_updated_at() trigger on every table that has the column (seed 002
 * update_updated_at_column, seed 003 update_email_templates_updated_at).
 */
class UpdatedAtTriggersTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID alice;

    @BeforeAll
    static void alice() {
        alice = personas.create("alice").id();
    }

    @Test
    void everyTableWithUpdatedAtHasTheSetUpdatedAtTrigger() {
        assertEquals(List.of(), Sql.column(personas.server(), "select c.oid::regclass::text from pg_class c"
                + " join pg_attribute a on a.attrelid = c.oid and a.attname = 'updated_at' and not a.attisdropped"
                + " where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'"
                + " and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgfoid = 'public.set_updated_at()'::regprocedure"
                + " and t.tgenabled <> 'D') order by 1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            memories              | insert into public.memories (user_id, type, content) values (:user, 'fact', 'x')                                           | content = 'y'
            import_history        | insert into public.import_history (user_id, source) values (:user, 'chatgpt')                                              | source = 'claude'
            widgets               | insert into public.widgets (user_id, name, widget_type) values (:user, 'w', 'note')                                        | is_published = true
            feature_flags         | insert into public.feature_flags (name) values ('beta-search')                                              | description = 'on'
            projects              | insert into public.projects (user_id, name) values (:user, 'House')                                                        | name = 'Home'
            ai_usage_metrics      | insert into public.ai_usage_metrics (user_id, period_date) values (:user, '2025-01-01')                                    | request_count = 3
            achievements          | insert into public.achievements (code, name) values ('first-chat', 'A')                                        | name = 'B'
            user_gamification     | insert into public.user_gamification (user_id) values (:user)                                                              | total_points = 5
            crm_clients           | insert into public.crm_clients (owner_id, name) values (:user, 'Acme')                                                     | name = 'Acme Ltd'
            email_templates       | insert into public.email_templates (name, subject, html_body) values ('welcome', 'Hi', '<p>Hi</p>')                        | subject = 'Hello'
            user_plans            | insert into public.user_plans (user_id) values (:user)                                                                     | messages_used = 1
            coupons               | insert into public.coupons (code, discount_type, discount_value) values ('TEN', 'percent', 10)                             | discount_value = 15
            alert_configurations  | insert into public.alert_configurations (name, metric, condition, threshold) values ('slow', 'p95_ms', 'gt', 500)         | threshold = 600
            user_analytics_enhanced | insert into public.user_analytics_enhanced (user_id) values (:user)                                                      | sessions_count = 1
            """)
    void anUpdateMovesUpdatedAtForward(String table, String insert, String change) {
        String id = Sql.one(personas.server(), insert.replace(":user", "'" + alice + "'") + " returning id");
        Sql.update(personas.server(), "update public." + table + " set updated_at = '2020-01-01T00:00:00Z' where id = ?::uuid", id);
        Sql.update(personas.server(), "update public." + table + " set " + change + " where id = ?::uuid", id);
        assertEquals("true", Sql.one(personas.server(), "select (updated_at > '2024-01-01T00:00:00Z')::text from public." + table + " where id = ?::uuid", id),
                table + ".updated_at was not moved forward by the update");
    }
}
