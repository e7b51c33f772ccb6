package platformdb.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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
 * Seed 002 (Identra) is the database its team has after the guide's Solution 1 (the update migration pasted in the
 * SQL editor; its result from the contract and the seed map's changesets), with rows in every table and the team's
 * own tables; its adoption preview names what differs, keeps the team's tables and changes nothing.
 */
class Seed002DatabaseTest {

    private static final List<String> SEED_TABLES = List.of("public.conversations", "public.feature_flags", "public.feedback",
            "public.import_history", "public.memories", "public.memory_links", "public.messages", "public.system_metrics",
            "public.user_profiles", "public.user_sessions");
    private static final List<String> TEAM_TABLES = List.of("public.gateway_api_keys", "public.waitlist_signups");

    private static SeedDatabase seed;

    @BeforeAll
    static void build() {
        seed = SeedDatabase.build(new Seed002());
    }

    @AfterAll
    static void drop() {
        if (seed != null) {
            seed.close();
        }
    }

    @Test
    void theGuideIsRunAsItsTeamRanItEveryOtherBlockSkippedWithAReason() {
        Recipe recipe = new Seed002().recipe();
        assertEquals(SeedRun.Style.SQL_EDITOR, recipe.style());
        assertEquals(List.of("block 6 (\"Error: \"extension does not exist\"\" #1)", "added: 20250214_alter_existing_schema.sql"),
                recipe.scripts(recipe.guide()).stream().map(Recipe.Script::origin).toList());
        assertEquals(11, recipe.guide().blocks().size());
    }

    @Test
    void theSeedsTenTablesAndTheTeamsTwoAreThereAndNothingElse() throws Exception {
        assertEquals(SEED_TABLES, seed.seedTables());
        assertEquals(TEAM_TABLES, seed.teamTables());
        try (Connection c = seed.connect()) {
            assertEquals(seed.allTables().stream().sorted().toList(), Sql.column(c,
                    "select 'public.' || relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1"));
            assertEquals(List.of("user_statistics"), Sql.column(c,
                    "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('v', 'm') order by 1"));
            // The guide's own check: the memories columns in this order.
            assertEquals(List.of("id", "user_id", "content", "summary", "embedding", "metadata", "tags", "encrypted_data", "source",
                    "is_favorite", "is_archived", "created_at", "updated_at", "deleted_at"), Sql.column(c,
                    "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'memories' order by ordinal_position"));
            assertEquals(List.of("id", "user_id", "title", "system_prompt", "model", "temperature", "is_pinned", "is_archived", "folder",
                    "tags", "message_count", "last_message_at", "created_at", "updated_at"), Sql.column(c,
                    "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'conversations' order by ordinal_position"));
        }
    }

    @Test
    void theSeedRanWithoutAFailedStatement() {
        assertEquals(List.of(), seed.failedStatements().stream().map(SeedRun.FailedStatement::describe).toList());
    }

    @Test
    void everyTableHoldsSeveralRowsAndTheEmbeddingsAreUnitLengthOfTheSeedsDimension() throws Exception {
        Map<String, Long> counts = seed.rowCounts();
        assertEquals(SEED_TABLES.size() + TEAM_TABLES.size(), counts.size());
        counts.forEach((table, count) -> assertTrue(count >= 3, table + " holds " + count + " rows"));
        try (Connection c = seed.connect()) {
            for (String table : List.of("memories", "messages")) {
                assertEquals(List.of("1536"), Sql.column(c, "select distinct vector_dims(embedding)::text from " + table + " where embedding is not null"));
                assertEquals("0", Sql.one(c, "select count(*) from " + table + " where embedding is not null and abs(vector_norm(embedding) - 1) > 1e-4"));
                assertTrue(Long.parseLong(Sql.one(c, "select count(*) from " + table + " where embedding is null")) > 0, table + " has a row without embedding");
            }
        }
    }

    @Test
    void theFunctionsTriggersIndexesPoliciesAndExtensionsOfTheMigrationAreThere() throws Exception {
        try (Connection c = seed.connect()) {
            assertEquals(List.of("cleanup_expired_sessions()", "handle_new_user()", "search_memories_semantic(uuid,vector,integer,real)",
                    "update_conversation_stats()", "update_updated_at_column()"), Sql.column(c,
                    "select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'public'::regnamespace"
                            + " and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e') order by 1"));
            assertEquals(List.of("auth.users: on_auth_user_created -> handle_new_user", "feature_flags: trg_feature_flags_set_updated_at -> update_updated_at_column",
                    "import_history: trg_import_history_set_updated_at -> update_updated_at_column",
                    "memories: trg_memories_set_updated_at -> update_updated_at_column", "messages: update_conversation_stats -> update_conversation_stats"),
                    Sql.column(c, "select tgrelid::regclass::text || ': ' || tgname || ' -> ' || tgfoid::regproc::text"
                            + " from pg_trigger where not tgisinternal order by 1"));
            assertEquals(List.of("idx_conversations_tags", "idx_conversations_title_trgm", "idx_conversations_user_last_message",
                    "idx_feedback_conversation_id", "idx_feedback_message_id", "idx_feedback_user_id", "idx_import_history_user_id",
                    "idx_memories_content_trgm", "idx_memories_embedding_cosine", "idx_memories_user_id", "idx_memory_links_target_memory_id",
                    "idx_memory_links_user_id", "idx_messages_conversation_id", "idx_messages_embedding_hnsw",
                    "idx_system_metrics_name_recorded", "idx_user_sessions_expires_at", "idx_user_sessions_user_id"),
                    Sql.column(c, "select indexname from pg_indexes where schemaname = 'public' and indexname like 'idx\\_%' order by 1"));
            assertEquals(List.of("feature_flags: feature_flags_select_authenticated (SELECT to {authenticated})",
                    "feedback: feedback_all_own (ALL to {authenticated})",
                    "gateway_api_keys: Users see their own API keys (SELECT to {authenticated})",
                    "import_history: import_history_all_own (ALL to {authenticated})",
                    "memory_links: memory_links_all_own (ALL to {authenticated})",
                    "user_sessions: user_sessions_delete_own (DELETE to {authenticated})",
                    "user_sessions: user_sessions_select_own (SELECT to {authenticated})",
                    "waitlist_signups: Anyone can join the waitlist (INSERT to {anon})"),
                    Sql.column(c, "select tablename || ': ' || policyname || ' (' || cmd || ' to ' || roles::text || ')' from pg_policies where schemaname = 'public' order by 1"));
            // The guide's check: RLS on every table.
            assertEquals(seed.allTables().stream().map(t -> t.substring("public.".length())).sorted().toList(),
                    Sql.column(c, "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relrowsecurity order by 1"));
            assertEquals(List.of("conversations: chk_conversations_message_count", "conversations: chk_conversations_temperature",
                    "feature_flags: chk_feature_flags_rollout", "feedback: chk_feedback_rating", "feedback: chk_feedback_type",
                    "import_history: chk_import_history_items_imported", "import_history: chk_import_history_items_total",
                    "import_history: chk_import_history_source", "import_history: chk_import_history_status", "memories: chk_memories_source",
                    "memory_links: chk_memory_links_link_type", "memory_links: chk_memory_links_not_self", "memory_links: chk_memory_links_strength",
                    "messages: chk_messages_role", "messages: chk_messages_token_count", "user_sessions: chk_user_sessions_expiry"),
                    Sql.column(c, "select conrelid::regclass::text || ': ' || conname from pg_constraint"
                            + " where connamespace = 'public'::regnamespace and contype = 'c' order by 1"));
            // The guide's "extension does not exist" fix creates them unqualified: in public, the first schema of Supabase's
            // search_path that exists; uuid-ossp is preinstalled in extensions, so its create is a no-op.
            assertEquals(List.of("pg_trgm in public", "pgcrypto in extensions", "uuid-ossp in extensions", "vector in public"),
                    Sql.column(c, "select extname || ' in ' || extnamespace::regnamespace from pg_extension where extname <> 'plpgsql' order by 1"));
        }
    }

    @Test
    void theSeedsTriggersAndFunctionsActOnTheRows() throws Exception {
        try (Connection c = seed.connect()) {
            // on_auth_user_created made a profile per sign-up, from the metadata given (none for cleo).
            assertEquals(List.of("ana@identra.example Ana Lima https://cdn.identra.example/a/ana.png",
                    "ben@identra.example Ben Okafor -", "cleo@identra.example - -"), Sql.column(c,
                    "select concat_ws(' ', email, coalesce(full_name, '-'), coalesce(avatar_url, '-')) from user_profiles order by email"));
            // update_conversation_stats counted the messages and kept the last one's time.
            assertEquals(List.of("Old brainstorm 1 2025-01-20 12:00:00+00", "Trip to Lisbon 2 2025-02-15 10:00:03+00",
                    "Training plan 2 2025-02-18 07:00:30+00", "- 1 2025-02-12 11:05:00+00"), Sql.column(c,
                    "select concat_ws(' ', coalesce(title, '-'), message_count, to_char(last_message_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00')"
                            + " from conversations order by user_id = md5('auth.users/cleo')::uuid, created_at"));
            // search_memories_semantic finds a memory by its own embedding first, and never a deleted one.
            assertEquals(List.of("Passport renewal 1.000"), Sql.column(c,
                    "select summary || ' ' || round(similarity::numeric, 3) from search_memories_semantic(md5('auth.users/ana')::uuid,"
                            + " (select embedding from memories where id = md5('memories/1')::uuid), 1, 0.5)"));
            assertEquals("0", Sql.one(c, "select count(*) from search_memories_semantic(md5('auth.users/ben')::uuid,"
                    + " (select embedding from memories where id = md5('memories/5')::uuid), 10, 0.99)"));
            assertEquals(List.of("ana 3 2 3 1", "ben 1 1 2 1", "cleo 0 1 1 1"), Sql.column(c,
                    "select concat_ws(' ', split_part(p.email, '@', 1), s.memory_count, s.conversation_count, s.message_count, s.feedback_count)"
                            + " from user_statistics s join user_profiles p on p.id = s.user_id order by p.email"));
        }
    }

    @Test
    void thePoliciesActForSupabasesRoles() throws Exception {
        try (Connection c = seed.connect()) {
            c.setAutoCommit(false);
            Sql.column(c, "select set_config('role', 'authenticated', true),"
                    + " set_config('request.jwt.claims', json_build_object('sub', md5('auth.users/ana')::uuid, 'role', 'authenticated')::text, true)");
            assertEquals(List.of("1 feedback", "3 feature_flags", "2 gateway_api_keys", "1 import_history", "2 memory_links", "2 user_sessions"),
                    Sql.column(c, "select * from (select count(*) || ' feedback' from feedback union all select count(*) || ' feature_flags' from feature_flags"
                            + " union all select count(*) || ' gateway_api_keys' from gateway_api_keys union all select count(*) || ' import_history' from import_history"
                            + " union all select count(*) || ' memory_links' from memory_links union all select count(*) || ' user_sessions' from user_sessions) t"));
            // RLS is on for the four core tables, whose owner policies the guide does not print and the seed map does not name:
            // the API roles see none of their rows (only service_role, which bypasses RLS, does).
            assertEquals(List.of("0", "0", "0", "0"), Sql.column(c, "select count(*)::text from memories union all select count(*)::text from conversations"
                    + " union all select count(*)::text from messages union all select count(*)::text from user_profiles"));
            c.rollback();
            Sql.column(c, "select set_config('role', 'service_role', true)");
            assertEquals("5", Sql.one(c, "select count(*) from memories"));
            c.rollback();
        }
    }

    @Test
    void theAdoptionPreviewNamesWhatDiffersKeepsTheTeamsTablesAndChangesNothing() throws Exception {
        try (Connection connection = seed.connect()) {
            CatalogSnapshot before = CatalogSnapshot.of(connection);
            Map<String, String> rowsBefore = seed.fingerprints();

            AdoptionPlan plan = HandBuilt.plan(seed.database());

            assertFalse(plan.adoptable(), plan.render());
            assertTrue(plan.render().contains("no proven reshaping covers this state"), plan.render());
            // The memories of the seed have the embedding in its own vector type (pgvector in public), no type column.
            AdoptionPlan.EntryDifference embedding = difference(plan, "changelog/memories/memories.yaml::create-table-memories::platform",
                    "column public.memories.embedding");
            assertTrue(embedding.changelog().contains("type=extensions.vector(1536)"), plan.render());
            assertTrue(embedding.database().contains("type=vector(1536)"), plan.render());
            assertNull(difference(plan, "changelog/memories/memories.yaml::create-table-memories::platform",
                    "column public.memories.type").database());
            // Its conversations and profiles lack the columns seeds 000 and 001 gave the shared tables.
            assertNull(difference(plan, "changelog/chat/chat-tables.yaml::create-table-conversations::platform",
                    "column public.conversations.channel").database());
            assertNull(difference(plan, "changelog/whatsapp/user-profiles.yaml::create-table-user-profiles::platform",
                    "column public.user_profiles.phone_number").database());
            // The tables the changelog has exactly as the seed made them are recorded as there.
            assertTrue(plan.there().containsAll(List.of("changelog/memories/memory-links.yaml::create-table-memory-links::platform",
                    "changelog/accounts/feedback.yaml::create-table-feedback::platform",
                    "changelog/accounts/user-sessions.yaml::create-table-user-sessions::platform",
                    "changelog/accounts/import-history.yaml::create-table-import-history::platform",
                    "changelog/observability/system-metrics.yaml::create-table-system-metrics::platform",
                    "changelog/admin/feature-flags.yaml::create-table-feature-flags::platform",
                    "changelog/accounts/user-statistics.yaml::create-view-user-statistics::platform",
                    "changelog/accounts/user-profiles-seed-002.yaml::create-trigger-on-auth-user-created::platform")), plan.render());
            assertEquals(List.of("column public.conversations.is_archived", "function public.search_memories_semantic(p_user_id uuid,"
                            + " query_embedding vector, match_count integer, match_threshold real)", "function public.update_updated_at_column()",
                    "relation public.gateway_api_keys", "relation public.waitlist_signups", "relation public.waitlist_signups_id_seq"),
                    plan.kept().stream().map(kept -> kept.difference().object()).sorted().toList(), plan.render());
            assertEquals(List.of(), plan.refused(), plan.render());

            assertEquals("", before.diffTo(CatalogSnapshot.of(connection)).describe(), "the preview changes no object");
            assertEquals(rowsBefore, seed.fingerprints(), "and no row");
            assertEquals("0", Sql.one(connection, "select count(*)::text from pg_namespace where nspname = 'liquibase'"));
        }
    }

    private static AdoptionPlan.EntryDifference difference(AdoptionPlan plan, String changeSet, String object) {
        assertTrue(plan.toReshape().containsKey(changeSet), changeSet + " not to reshape in\n" + plan.render());
        return plan.toReshape().get(changeSet).stream().filter(d -> d.object().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError(object + " not under " + changeSet + " in\n" + plan.render()));
    }
}
