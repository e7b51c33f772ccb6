package platformdb.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.seeds.SeedGuide.ModifiedSeedException;
import platformdb.fixtures.Sql;

/** The seed databases are the seeds' own SQL, as their teams ran it, with rows in every table. */
class SeedDatabasesTest {

    private static SeedDatabase seed000;
    private static SeedDatabase seed001Early;
    private static SeedDatabase seed001;

    @BeforeAll
    static void build() {
        seed000 = SeedDatabase.build(new Seed000Final());
        seed001Early = SeedDatabase.build(Seed001.afterOptimizeRlsIndexes());
        seed001 = SeedDatabase.build(Seed001.atFinalPoint());
    }

    @AfterAll
    static void drop() {
        for (SeedDatabase seed : new SeedDatabase[] {seed000, seed001Early, seed001}) {
            if (seed != null) {
                seed.close();
            }
        }
    }

    @Test
    void seed000HasTheTablesOfItsOverviewAndTheTeamsOwn() throws Exception {
        assertEquals(List.of("public.ai_optimized_content", "public.content_refresh_jobs", "public.conversations",
                "public.customer_configs", "public.customers", "public.domain_patterns", "public.domains", "public.messages",
                "public.page_embeddings", "public.scraped_pages", "public.structured_extractions", "public.support_tickets",
                "public.website_content"), seed000.seedTables());
        assertEquals(List.of("public.feature_requests", "public.widget_events"), seed000.teamTables());
        try (Connection c = seed000.connect()) {
            assertEquals(seed000.allTables().stream().sorted().toList(), Sql.column(c,
                    "select 'public.' || relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1"));
        }
    }

    @Test
    void seed000HasItsFunctionsIndexesPoliciesAndExtensionsWhereTheSeedPutThem() throws Exception {
        try (Connection c = seed000.connect()) {
            assertEquals(List.of("cleanup_old_data(integer)", "search_embeddings(vector,integer,uuid)"), Sql.column(c,
                    "select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'public'::regnamespace"
                            + " and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e') order by 1"));
            assertEquals(List.of("idx_conversations_created_at", "idx_conversations_customer_id", "idx_conversations_session_id",
                    "idx_customer_configs_active", "idx_customer_configs_domain", "idx_messages_conversation_id",
                    "idx_messages_created_at", "idx_page_embeddings_vector", "idx_scraped_pages_domain",
                    "idx_scraped_pages_domain_scraped", "idx_scraped_pages_last_scraped", "idx_scraped_pages_url"),
                    Sql.column(c, "select indexname from pg_indexes where schemaname = 'public' and indexname like 'idx\\_%' order by 1"));
            assertEquals(List.of("customer_configs: Customers access own config", "customer_configs: Public read for widget",
                    "customer_configs: Service role full access", "feature_requests: Owners read their sites' feature requests",
                    "widget_events: Widget logs events"),
                    Sql.column(c, "select tablename || ': ' || policyname from pg_policies where schemaname = 'public' order by 1"));
            assertEquals(List.of("customer_configs", "feature_requests", "widget_events"),
                    Sql.column(c, "select relname from pg_class where relnamespace = 'public'::regnamespace and relrowsecurity order by 1"));
            // An unqualified create extension lands in public, the first schema of Supabase's search_path that exists;
            // the ones Supabase preinstalls stay in extensions.
            assertEquals(List.of("pg_trgm in public", "pgcrypto in extensions", "uuid-ossp in extensions", "vector in public"),
                    Sql.column(c, "select extname || ' in ' || extnamespace::regnamespace from pg_extension where extname <> 'plpgsql' order by 1"));
        }
    }

    @Test
    void seed000RanAsWrittenWithoutAFailedStatement() {
        assertEquals(List.of(), seed000.failedStatements().stream().map(SeedRun.FailedStatement::describe).toList());
    }

    @Test
    void everySeed000TableHoldsSeveralRowsAndTheEmbeddingsHaveTheSeedsDimension() throws Exception {
        Map<String, Long> counts = seed000.rowCounts();
        assertEquals(15, counts.size());
        counts.forEach((table, count) -> assertTrue(count >= 3, table + " holds " + count + " rows"));
        try (Connection c = seed000.connect()) {
            assertEquals(List.of("1536"), Sql.column(c, "select distinct vector_dims(embedding) from page_embeddings where embedding is not null"));
            assertEquals("1", Sql.one(c, "select count(*) from page_embeddings where embedding is null"));
        }
    }

    @Test
    void seed000PoliciesActForSupabasesRoles() throws Exception {
        try (Connection c = seed000.connect()) {
            c.setAutoCommit(false);
            Sql.column(c, "select set_config('role', 'anon', true), set_config('app.current_domain', 'acme-shop.example', true)");
            assertEquals(List.of("acme-shop.example"), Sql.column(c, "select domain from customer_configs"));
            Sql.column(c, "select set_config('role', 'authenticated', true), set_config('app.current_domain', 'none', true),"
                    + " set_config('request.jwt.claims', json_build_object('sub', md5('auth.users/bob')::uuid, 'role', 'authenticated')::text, true)");
            assertEquals(List.of("bikes.example"), Sql.column(c, "select domain from customer_configs"));
            c.rollback();
        }
    }

    @Test
    void aFingerprintChangesWithOneValueAndCountsFollowRows() throws Exception {
        String before = seed000.fingerprints().get("public.messages");
        long rows = seed000.rowCounts().get("public.messages");
        try (Connection c = seed000.connect()) {
            c.setAutoCommit(false);
            Sql.update(c, "update messages set content = content || '!' where id = md5('messages/1')::uuid");
            assertNotEquals(before, TableFingerprints.fingerprint(c, "public.messages"));
            Sql.update(c, "delete from messages where id = md5('messages/1')::uuid");
            assertEquals(rows - 1, TableFingerprints.rowCount(c, "public.messages"));
            c.rollback();
        }
        assertEquals(before, seed000.fingerprints().get("public.messages"));
    }

    @Test
    void aModifiedSeedFileIsRefused() throws Exception {
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/seeds/" + Seed000Final.FILE)) {
            original = in.readAllBytes();
        }
        assertEquals(16, SeedGuide.of(Seed000Final.FILE, original, Seed000Final.SHA256).blocks().size());
        byte[] edited = Arrays.copyOf(original, original.length);
        int at = new String(original, StandardCharsets.ISO_8859_1).indexOf("rate_limit INTEGER DEFAULT 10");
        edited[at + "rate_limit INTEGER DEFAULT 1".length()] = '5';
        ModifiedSeedException refused = assertThrows(ModifiedSeedException.class,
                () -> SeedGuide.of(Seed000Final.FILE, edited, Seed000Final.SHA256));
        assertTrue(refused.getMessage().contains(Seed000Final.FILE) && refused.getMessage().contains(Seed000Final.SHA256), refused.getMessage());
    }

    @Test
    void everyBlockOfSeed000IsRunOrSkippedWithAReason() {
        Recipe recipe = new Seed000Final().recipe();
        assertEquals(List.of("block 6 (\"Prerequisites\" #1)", "block 1 (\"Customer Management\" #1)", "added: domains",
                "block 2 (\"Content Management\" #1)", "block 3 (\"AI Content Optimization\" #1)", "block 4 (\"Chat System\" #1)",
                "block 5 (\"Data Extraction & Processing\" #1)", "added: domain_patterns", "block 8 (\"Vector Search Function\" #1)",
                "block 9 (\"Data Cleanup Function\" #1)", "added: scraped_pages.domain", "block 10 (\"Core Performance Indexes\" #1)",
                "added: customer_configs row level security", "block 11 (\"Customer Data Isolation\" #1)"),
                recipe.scripts(recipe.guide()).stream().map(Recipe.Script::origin).toList());
    }

    @Test
    void seed001RightAfterItsRlsMigrationHasTheMvpSchemaAndMigration001() throws Exception {
        assertEquals(List.of("public.conversations", "public.messages_v2", "public.users"), seed001Early.seedTables());
        try (Connection c = seed001Early.connect()) {
            assertEquals(List.of("broadcast_opt_outs_pkey", "conversations_pkey", "idx_conversations_userid_btree", "idx_users_phone", "idx_users_phone_btree",
                    "messages_v2_pkey", "users_pkey"), Sql.column(c, "select indexname from pg_indexes where schemaname = 'public' order by 1"));
            assertEquals(List.of("broadcast_opt_outs: Service reads opt-outs (SELECT): true", "users: users_select_own (SELECT): (id = ( SELECT auth.uid() AS uid))"),
                    Sql.column(c, "select tablename || ': ' || policyname || ' (' || cmd || '): ' || qual from pg_policies where schemaname = 'public' order by 1"));
            assertEquals(List.of("chk_phone_e164"), Sql.column(c, "select conname from pg_constraint where conrelid = 'public.users'::regclass and contype = 'c'"));
            assertEquals(List.of("t_users_updated"), Sql.column(c, "select tgname from pg_trigger where not tgisinternal order by 1"));
            assertEquals("{text,image,audio,video,document,location,interactive,contacts,unsupported}",
                    Sql.one(c, "select enum_range(null::msg_type)::text"));
        }
        assertEquals(List.of(), seed001Early.failedStatements().stream().map(SeedRun.FailedStatement::describe).toList());
        assertEveryTableHoldsRows(seed001Early);
    }

    @Test
    void seed001AtItsFinalPointHasAllEightMigrations() throws Exception {
        assertEquals(List.of("public.ai_usage_costs", "public.conversations", "public.dead_letter_queue", "public.messages_v2",
                "public.messaging_windows", "public.scheduled_messages", "public.user_memory", "public.users",
                "public.whatsapp_calls", "public.whatsapp_flow_sessions"), seed001.seedTables());
        assertEquals(List.of("public.broadcast_opt_outs"), seed001.teamTables());
        try (Connection c = seed001.connect()) {
            assertEquals("{text,image,audio,video,document,location,interactive,contacts,unsupported,sticker,reaction,order}",
                    Sql.one(c, "select enum_range(null::msg_type)::text"));
            assertEquals(List.of("pgcrypto in extensions", "uuid-ossp in extensions", "vector in public"),
                    Sql.column(c, "select extname || ' in ' || extnamespace::regnamespace from pg_extension where extname <> 'plpgsql' order by 1"));
            assertEquals("CREATE INDEX user_memory_embedding_idx ON public.user_memory USING hnsw (embedding vector_ip_ops)",
                    Sql.one(c, "select indexdef from pg_indexes where indexname = 'user_memory_embedding_idx'"));
            assertEquals(List.of("t_messaging_windows_reset_daily", "t_users_updated"),
                    Sql.column(c, "select tgname from pg_trigger where not tgisinternal order by 1"));
            assertEquals(List.of("1536"), Sql.column(c, "select distinct vector_dims(embedding) from user_memory where embedding is not null"));
            // The daily reset reads the column the recipe added: an update of a window last used on an earlier day resets its count.
            c.setAutoCommit(false);
            Sql.update(c, "update messaging_windows set window_opened_at = window_opened_at where id = md5('messaging_windows/maria')::uuid");
            assertEquals("0", Sql.one(c, "select proactive_messages_sent_today from messaging_windows where id = md5('messaging_windows/maria')::uuid"));
            c.rollback();
        }
        assertEquals(List.of(), seed001.failedStatements().stream().map(SeedRun.FailedStatement::describe).toList());
        assertEveryTableHoldsRows(seed001);
    }

    private static void assertEveryTableHoldsRows(SeedDatabase seed) {
        seed.rowCounts().forEach((table, count) -> assertTrue(count >= 3, seed.point().name() + ": " + table + " holds " + count + " rows"));
    }
}
