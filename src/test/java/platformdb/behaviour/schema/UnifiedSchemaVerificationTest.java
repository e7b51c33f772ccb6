package platformdb.behaviour.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.fixtures.Sql;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** Seed 004's migration verification list ("npm run migrate:verify"), checked on the fully updated database. */
class UnifiedSchemaVerificationTest {

    private static final String PUBLIC_TABLES = "select c.oid from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')";
    private static FreshDatabase database;
    private static Connection connection;

    @BeforeAll
    static void deploy() {
        database = DeployedSchema.freshDatabase();
        connection = database.connect();
    }

    @AfterAll
    static void drop() throws SQLException {
        connection.close();
        database.close();
    }

    @Test
    void schemaVersionTheUnifiedV3ReleaseIsRecordedInTheDeployHistory() {
        assertEquals("1", Sql.one(connection, "select count(*) from liquibase.databasechangelog where tag = 'unified-v3'"));
        assertEquals("true", Sql.one(connection, "select ((select orderexecuted from liquibase.databasechangelog where tag = 'unified-v3')"
                + " < (select max(orderexecuted) from liquibase.databasechangelog))::text"),
                "releases after unified-v3 are applied on top of it");
    }

    @Test
    void noDuplicateMigrationsEachChangesetIsRecordedOnce() {
        assertEquals(List.of(), Sql.column(connection, "select id || ' (' || count(*) || ' times)' from liquibase.databasechangelog"
                + " group by id having count(*) > 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memories", "widgets", "widget_versions", "user_profiles", "conversations", "messages", "memory_links",
            "feedback", "user_sessions", "import_history", "system_metrics", "feature_flags"})
    void requiredTableExists(String table) {
        assertEquals("r", Sql.one(connection, "select coalesce((select relkind::text from pg_class where oid = to_regclass(?)), 'missing')",
                "public." + table));
    }

    @Test
    void theUnifiedMemoriesTableHasTheColumnsOfSeeds002And004() {
        assertEquals(List.of(), Sql.column(connection, "select wanted from unnest(array['id', 'user_id', 'type', 'content', 'summary',"
                + " 'embedding', 'metadata', 'tags', 'encrypted_data', 'source', 'is_favorite', 'is_archived', 'created_at', 'updated_at',"
                + " 'deleted_at']) wanted where not exists (select 1 from information_schema.columns c"
                + " where c.table_schema = 'public' and c.table_name = 'memories' and c.column_name = wanted)"));
    }

    @Test
    void theWidgetsTableIsVersioned() {
        assertEquals("integer not null", Sql.one(connection, "select format_type(atttypid, atttypmod) || case when attnotnull then ' not null' else '' end"
                + " from pg_attribute where attrelid = 'public.widgets'::regclass and attname = 'version'"));
        assertEquals("true", Sql.one(connection, "select exists (select 1 from pg_constraint where conrelid = 'public.widget_versions'::regclass"
                + " and contype = 'u' and conname = 'uq_widget_versions_widget_version')::text"));
    }

    @Test
    void everyVectorColumnHas1536Dimensions() {
        assertEquals(List.of(), Sql.column(connection, "select a.attrelid::regclass || '.' || a.attname || ' is ' || format_type(a.atttypid, a.atttypmod)"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " where a.atttypid = 'extensions.vector'::regtype and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p')"
                + " and a.atttypmod <> 1536")); // pgvector's typmod is the dimension count; format_type's text depends on search_path
        assertEquals("true", Sql.one(connection, "select (count(*) >= 2)::text from pg_attribute a"
                + " where a.atttypid = 'extensions.vector'::regtype and a.attrelid in ('public.memories'::regclass, 'public.messages'::regclass)"),
                "memories.embedding and messages.embedding are vector columns");
    }

    @Test
    void noSecurityDefinerFunctionInPublicExceptTheTwoTriggersOnAuthUsers() {
        assertEquals(List.of("handle_new_user", "handle_new_user_profile"), Sql.column(connection,
                "select proname from pg_proc where pronamespace = 'public'::regnamespace and prosecdef order by proname"));
    }

    @Test
    void rowLevelSecurityIsEnabledOnEveryTableInPublic() {
        assertEquals(List.of(), Sql.column(connection, "select oid::regclass::text from pg_class where oid in (" + PUBLIC_TABLES + ")"
                + " and not relrowsecurity order by 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"idx_memories_user_id", "idx_memories_embedding_cosine", "idx_memories_embedding_hnsw", "idx_memories_metadata",
            "idx_memories_tags", "idx_memories_content_trgm", "idx_widgets_user_id", "idx_widgets_config", "idx_messages_embedding_hnsw",
            "idx_conversations_user_last_message", "idx_conversations_title_trgm"})
    void criticalIndexExistsAndIsValid(String index) {
        assertEquals("valid", Sql.one(connection, "select coalesce((select case when indisvalid then 'valid' else 'INVALID' end"
                + " from pg_index where indexrelid = to_regclass(?)), 'missing')", "public." + index));
    }

    @Test
    void dataIntegrityEveryTableHasAPrimaryKeyAndEveryConstraintIsValidated() {
        assertEquals(List.of(), Sql.column(connection, "select oid::regclass || ' has no primary key' from pg_class where oid in (" + PUBLIC_TABLES + ")"
                + " and not exists (select 1 from pg_constraint k where k.conrelid = pg_class.oid and k.contype = 'p') order by 1"));
        assertEquals(List.of(), Sql.column(connection, "select conrelid::regclass || '.' || conname || ' is not validated' from pg_constraint"
                + " where connamespace = 'public'::regnamespace and not convalidated order by 1"));
    }
}
