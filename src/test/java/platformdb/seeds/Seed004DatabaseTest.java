package platformdb.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.adoption.AdoptionPlan;
import platformdb.adoption.HandBuilt;
import platformdb.catalog.CatalogSnapshot;
import platformdb.fixtures.Sql;

/**
 * Seed 004's production database (unified schema v3, after the guide's post-migration tasks): the unified schema the
 * guide applies without printing it, its two post-migration blocks as printed, the team's own tables, rows in every
 * table; and its adoption preview, which refuses it without changing it.
 */
class Seed004DatabaseTest {

    private static SeedDatabase seed;

    @BeforeAll
    static void build() {
        seed = SeedDatabase.build(new Seed004());
    }

    @AfterAll
    static void drop() {
        if (seed != null) {
            seed.close();
        }
    }

    @Test
    void everyBlockOfTheGuideIsRunOrSkippedAndTheUnprintedSchemaIsAddedFirst() {
        Recipe recipe = new Seed004().recipe();
        assertEquals(List.of("added: 003_unified_production_schema.sql: extensions", "added: 003_unified_production_schema.sql: set_updated_at",
                "added: 003_unified_production_schema.sql: memories", "added: 003_unified_production_schema.sql: widgets",
                "added: 003_unified_production_schema.sql: widget versioning",
                "block 1 (\"5. Post-Migration Tasks\" #1)", "block 2 (\"5. Post-Migration Tasks\" #2)"),
                recipe.scripts(recipe.guide()).stream().map(Recipe.Script::origin).toList());
        assertEquals(SeedRun.Style.SQL_EDITOR, recipe.style());
    }

    @Test
    void theUnifiedTablesAndTheTeamsOwnAreThereAndTheLegacyTablesAreNot() throws Exception {
        assertEquals(List.of("public.memories", "public.widget_versions", "public.widgets"), seed.seedTables());
        assertEquals(List.of("public.embedding_jobs", "public.widget_shares"), seed.teamTables());
        try (Connection c = seed.connect()) {
            assertEquals(List.of("public.embedding_jobs", "public.memories", "public.widget_shares", "public.widget_versions", "public.widgets"),
                    Sql.column(c, "select 'public.' || relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1"));
            assertEquals(List.of("id uuid", "user_id uuid", "content text", "embedding vector(1536)", "metadata jsonb", "tags text[]",
                    "created_at timestamp with time zone", "updated_at timestamp with time zone"), columns(c, "public.memories"));
            assertEquals(List.of("id uuid", "user_id uuid", "name text", "config jsonb", "version integer",
                    "created_at timestamp with time zone", "updated_at timestamp with time zone"), columns(c, "public.widgets"));
        }
    }

    @Test
    void theSeedRanAsItsTeamRanItWithoutAFailedStatement() {
        assertEquals(List.of(), seed.failedStatements().stream().map(SeedRun.FailedStatement::describe).toList());
    }

    @Test
    void everyTableHoldsRowsAndTheEmbeddingsAreUnitVectorsOfTheSeedsDimension() throws Exception {
        assertEquals(Map.of("public.memories", 4L, "public.widget_versions", 4L, "public.widgets", 3L,
                "public.embedding_jobs", 3L, "public.widget_shares", 3L), seed.rowCounts());
        try (Connection c = seed.connect()) {
            assertEquals(List.of("1536 1.000"), Sql.column(c,
                    "select distinct vector_dims(embedding) || ' ' || round(vector_norm(embedding)::numeric, 3) from memories where embedding is not null"));
            assertEquals("1", Sql.one(c, "select count(*) from memories where embedding is null"));
            assertEquals(List.of("Mood chart 1", "Notes 1", "Notes 2", "Recent memories 1"), Sql.column(c,
                    "select w.name || ' ' || v.version from widget_versions v join widgets w on w.id = v.widget_id order by 1"));
        }
    }

    @Test
    void theFunctionsTriggersIndexesPoliciesAndExtensionsOfTheUnifiedSchemaAreThere() throws Exception {
        try (Connection c = seed.connect()) {
            assertEquals(List.of("bump_widget_version() invoker", "record_widget_version() invoker", "set_updated_at() invoker"), Sql.column(c,
                    "select p.oid::regprocedure::text || case when p.prosecdef then ' definer' else ' invoker' end from pg_proc p"
                            + " where p.pronamespace = 'public'::regnamespace"
                            + " and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e') order by 1"));
            assertEquals(List.of("widgets: bump_widget_version", "widgets: record_widget_version", "widgets: trg_widgets_set_updated_at"), Sql.column(c,
                    "select tgrelid::regclass || ': ' || tgname from pg_trigger where not tgisinternal order by 1"));
            assertEquals(List.of(
                    "embedding_jobs_memory_id_idx: CREATE INDEX embedding_jobs_memory_id_idx ON public.embedding_jobs USING btree (memory_id)",
                    "idx_memories_content_trgm: CREATE INDEX idx_memories_content_trgm ON public.memories USING gin (content gin_trgm_ops)",
                    "idx_memories_embedding_cosine: CREATE INDEX idx_memories_embedding_cosine ON public.memories USING hnsw (embedding vector_cosine_ops)",
                    "idx_memories_metadata: CREATE INDEX idx_memories_metadata ON public.memories USING gin (metadata jsonb_path_ops)",
                    "idx_memories_tags: CREATE INDEX idx_memories_tags ON public.memories USING gin (tags)",
                    "idx_widget_versions_created_by: CREATE INDEX idx_widget_versions_created_by ON public.widget_versions USING btree (created_by)",
                    "idx_widgets_config: CREATE INDEX idx_widgets_config ON public.widgets USING gin (config jsonb_path_ops)",
                    "idx_widgets_user_id: CREATE INDEX idx_widgets_user_id ON public.widgets USING btree (user_id, updated_at DESC)",
                    "widget_shares_widget_id_idx: CREATE INDEX widget_shares_widget_id_idx ON public.widget_shares USING btree (widget_id)"),
                    // pg_indexes prints the extensions' opclasses unqualified: schema extensions is on Supabase's search_path.
                    Sql.column(c, "select i.indexname || ': ' || i.indexdef from pg_indexes i where i.schemaname = 'public'"
                            + " and not exists (select from pg_constraint k where k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) order by 1"));
            assertEquals(List.of("embedding_jobs: Service reads embedding jobs (SELECT to {service_role})",
                    "memories: memories_owner_all (ALL to {authenticated})",
                    "widget_shares: Owners manage their widget shares (ALL to {authenticated})",
                    "widget_versions: widget_versions_insert_own (INSERT to {authenticated})",
                    "widget_versions: widget_versions_select_own (SELECT to {authenticated})",
                    "widgets: widgets_all_own (ALL to {authenticated})"),
                    Sql.column(c, "select tablename || ': ' || policyname || ' (' || cmd || ' to ' || roles::text || ')' from pg_policies where schemaname = 'public' order by 1"));
            assertEquals(List.of("embedding_jobs", "memories", "widget_shares", "widget_versions", "widgets"),
                    Sql.column(c, "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relrowsecurity order by 1"));
            assertEquals(List.of("pg_trgm in extensions", "pgcrypto in extensions", "uuid-ossp in extensions", "vector in extensions"),
                    Sql.column(c, "select extname || ' in ' || extnamespace::regnamespace from pg_extension where extname <> 'plpgsql' order by 1"));
        }
    }

    @Test
    void theGuidesReembeddingStepFindsNoLegacyVectorTheUnifiedColumnHoldsOnly1536Dimensions() throws Exception {
        Recipe recipe = new Seed004().recipe();
        String reembed = recipe.guide().blocks().get(0).sql();
        assertEquals("UPDATE memories SET embedding = NULL WHERE vector_dims(embedding) = 384;", SqlStatements.split(reembed).get(0).lines()
                .filter(l -> !l.isBlank() && !l.strip().startsWith("--")).map(String::strip).reduce("", String::concat));
        try (Connection c = seed.connect()) {
            c.setAutoCommit(false);
            assertEquals(0, Sql.update(c, reembed));
            SQLException refused = Sql.failure(c, "insert into memories (user_id, content, embedding) values"
                    + " (md5('auth.users/eli')::uuid, 'legacy', array_fill(0.05::real, array[384])::vector)");
            assertEquals("22000 expected 1536 dimensions, not 384", refused.getSQLState() + " " + refused.getMessage().lines().findFirst().orElse("").replace("ERROR: ", ""));
            c.rollback();
        }
    }

    @Test
    void theWidgetVersioningOfTheUnifiedSchemaActsForTheWidgetsOwner() throws Exception {
        try (Connection c = seed.connect()) {
            c.setAutoCommit(false);
            Sql.column(c, "select set_config('role', 'authenticated', true),"
                    + " set_config('request.jwt.claims', json_build_object('sub', md5('auth.users/dana')::uuid, 'role', 'authenticated')::text, true)");
            assertEquals(List.of("Mood chart", "Notes"), Sql.column(c, "select name from widgets order by 1"));
            Sql.update(c, "update widgets set config = '{\"type\": \"bar\"}' where id = md5('widgets/dana/chart')::uuid");
            assertEquals("2", Sql.one(c, "select version::text from widgets where id = md5('widgets/dana/chart')::uuid"));
            assertEquals(List.of("1 {\"type\": \"line\", \"range\": \"30d\"}", "2 {\"type\": \"bar\"}"), Sql.column(c,
                    "select version || ' ' || config::text from widget_versions where widget_id = md5('widgets/dana/chart')::uuid order by version"));
            c.rollback();
        }
    }

    @Test
    void theAdoptionPreviewRefusesTheSeedNamesWhatToReshapeKeepsTheTeamsTablesAndChangesNothing() throws Exception {
        try (Connection connection = seed.connect()) {
            CatalogSnapshot before = CatalogSnapshot.of(connection);
            Map<String, String> rowsBefore = seed.fingerprints();

            AdoptionPlan plan = HandBuilt.plan(seed.database());

            assertFalse(plan.adoptable(), plan.render());
            // What the unified schema has exactly as the changelog: the base function, widget_versions and the versioning functions.
            assertEquals(List.of("changelog/base/shared-functions.yaml::create-function-set-updated-at::platform",
                    "changelog/base/release-base.yaml::tag-release-base::platform",
                    "changelog/widgets/widgets.yaml::create-table-widget-versions::platform",
                    "changelog/widgets/widgets.yaml::create-index-widget-versions-created-by::platform",
                    "changelog/widgets/widgets.yaml::enable-rls-widget-versions::platform",
                    "changelog/widgets/widgets.yaml::create-policy-widget-versions-select-own::platform",
                    "changelog/widgets/widgets.yaml::create-policy-widget-versions-insert-own::platform",
                    "changelog/widgets/widgets.yaml::create-function-bump-widget-version::platform",
                    "changelog/widgets/widgets.yaml::create-function-record-widget-version::platform"), plan.there(), plan.render());
            // memories and widgets lack the columns the changelog's tables have beyond the contract's (type; widget_type,
            // is_published, deleted_at): those changesets are reshaped, and every later one on the same tables with them.
            assertEquals(List.of("memories/memories.yaml::create-table-memories", "memories/memories.yaml::enable-rls-memories",
                    "memories/memories.yaml::create-policy-memories-owner-all", "memories/memories-seed-002.yaml::add-column-memories-metadata",
                    "memories/memories-seed-002.yaml::add-column-memories-tags", "memories/memories-seed-002.yaml::add-column-memories-updated-at",
                    "memories/memories-seed-002.yaml::set-default-memories-type", "memories/memories-seed-002.yaml::create-index-memories-embedding-cosine",
                    "memories/memories-seed-002.yaml::create-index-memories-content-trgm", "widgets/widgets.yaml::create-table-widgets",
                    "widgets/widgets.yaml::create-index-widgets-user-id", "widgets/widgets.yaml::create-index-widgets-config",
                    "widgets/widgets.yaml::create-trigger-widgets-set-updated-at", "widgets/widgets.yaml::enable-rls-widgets",
                    "widgets/widgets.yaml::create-policy-widgets-all-own", "widgets/widgets.yaml::create-trigger-widgets-bump-version",
                    "widgets/widgets.yaml::create-trigger-widgets-record-version", "memories/memories-unified-v3.yaml::create-index-memories-metadata",
                    "memories/memories-unified-v3.yaml::create-index-memories-tags"), plan.toReshape().keySet().stream()
                    .map(k -> k.substring("changelog/".length(), k.length() - "::platform".length())).toList(), plan.render());
            assertEquals(List.of("column public.widgets.deleted_at", "column public.widgets.is_published", "column public.widgets.widget_type",
                    "constraint public.widgets.chk_widgets_widget_type"),
                    plan.toReshape().get("changelog/widgets/widgets.yaml::create-table-widgets::platform").stream()
                            .map(AdoptionPlan.EntryDifference::object).toList(), plan.render());
            AdoptionPlan.EntryDifference type = plan.toReshape().get("changelog/memories/memories.yaml::create-table-memories::platform").stream()
                    .filter(d -> d.object().equals("column public.memories.type")).findFirst().orElseThrow(() -> new AssertionError(plan.render()));
            assertEquals(null, type.database(), plan.render());
            assertEquals(List.of("relation public.embedding_jobs", "relation public.embedding_jobs_id_seq", "relation public.widget_shares"),
                    plan.kept().stream().map(k -> k.difference().object()).sorted().toList(), plan.render());
            assertEquals(List.of(), plan.refused(), plan.render());
            assertTrue(plan.render().contains("no proven reshaping covers this state"), plan.render());
            assertEquals("", before.diffTo(CatalogSnapshot.of(connection)).describe(), "the preview changes no object");
            assertEquals(rowsBefore, seed.fingerprints(), "and no row");
            assertEquals("0", Sql.one(connection, "select count(*)::text from pg_namespace where nspname = 'liquibase'"));
        }
    }

    private static List<String> columns(Connection c, String table) {
        return Sql.column(c, "select attname || ' ' || format_type(atttypid, atttypmod) from pg_attribute"
                + " where attrelid = ?::regclass and attnum > 0 and not attisdropped order by attnum", table);
    }
}
