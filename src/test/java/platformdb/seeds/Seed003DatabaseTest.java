package platformdb.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Seed 003 (MadenAI) as its team has it, right after ai_integration and at its final point (alerts_system): the guide's
 * migrations in its order, each in one request, with the elided shapes from the changesets the seed map names, rows in
 * every table and the team's own tables; and the adoption preview of each, which changes nothing.
 */
class Seed003DatabaseTest {

    private static final List<String> EARLY_TABLES = List.of("public.ai_conversations", "public.ai_message_usage", "public.ai_messages",
            "public.ai_usage_metrics", "public.n8n_chat_histories", "public.project_analyses", "public.project_budget_items",
            "public.project_conversations", "public.project_documents", "public.project_schedule_tasks", "public.projects",
            "public.user_profiles", "public.user_referrals");

    private static final List<String> FINAL_TABLES = List.of("public.achievements", "public.admin_audit_logs",
            "public.admin_impersonation_logs", "public.admin_permissions", "public.admin_security_logs", "public.admin_users",
            "public.ai_conversations", "public.ai_message_usage", "public.ai_messages", "public.ai_usage_metrics",
            "public.alert_configurations", "public.alert_logs", "public.chat_access_logs", "public.coupons", "public.crm_clients",
            "public.crm_projects", "public.email_logs", "public.email_templates", "public.gamification_logs", "public.n8n_chat_histories",
            "public.payments", "public.project_analyses", "public.project_budget_items", "public.project_conversations",
            "public.project_documents", "public.project_schedule_tasks", "public.projects", "public.user_analytics_enhanced",
            "public.user_gamification", "public.user_login_history", "public.user_payments", "public.user_plans",
            "public.user_profiles", "public.user_referrals");

    private static final List<String> TEAM_TABLES = List.of("public.landing_leads", "public.project_daily_logs");

    private static final String FUNCTIONS = "select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'public'::regnamespace"
            + " and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e') order by 1";
    private static final String POLICIES = "select tablename || ': ' || policyname || ' (' || cmd || ' to ' || array_to_string(roles, ',') || ')'"
            + " from pg_policies where schemaname = 'public' order by 1";
    private static final String RLS_TABLES = "select relname from pg_class where relnamespace = 'public'::regnamespace and relrowsecurity order by 1";
    private static final String TRIGGERS = "select tgrelid::regclass || ': ' || tgname || ' -> ' || tgfoid::regproc from pg_trigger where not tgisinternal order by 1";
    private static final String INDEXES = "select indexname from pg_indexes where schemaname = 'public' order by 1";
    private static final String ENUMS = "select t.typname || ' ' || (select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid)::text"
            + " from pg_type t where t.typnamespace = 'public'::regnamespace and t.typtype = 'e' order by 1";

    private static SeedDatabase early;
    private static SeedDatabase last;

    @BeforeAll
    static void build() {
        early = SeedDatabase.build(Seed003.afterAiIntegration());
        last = SeedDatabase.build(Seed003.atFinalPoint());
    }

    @AfterAll
    static void drop() {
        for (SeedDatabase seed : new SeedDatabase[] {early, last}) {
            if (seed != null) {
                seed.close();
            }
        }
    }

    @Test
    void theRecipesRunTheGuidesMigrationsInItsOrderAndSkipTheRest() {
        Recipe earlyRecipe = Seed003.afterAiIntegration().recipe();
        assertEquals(List.of("block 1 (\"Migration: `init_schema` (2024-12-01)\" #1)", "block 2 (\"Migration: `user_profiles_system` (2024-12-05)\" #1)",
                "block 3 (\"Migration: `projects_core` (2024-12-10)\" #1)", "block 4 (\"Migration: `ai_integration` (2024-12-15)\" #1)"),
                earlyRecipe.scripts(earlyRecipe.guide()).stream().map(Recipe.Script::origin).toList());
        Recipe finalRecipe = Seed003.atFinalPoint().recipe();
        assertEquals(List.of("block 1 (\"Migration: `init_schema` (2024-12-01)\" #1)", "block 2 (\"Migration: `user_profiles_system` (2024-12-05)\" #1)",
                "block 3 (\"Migration: `projects_core` (2024-12-10)\" #1)", "block 4 (\"Migration: `ai_integration` (2024-12-15)\" #1)",
                "block 5 (\"Migration: `gamification_v1` (2024-12-20)\" #1)", "block 6 (\"Migration: `admin_permissions` (2024-12-25)\" #1)",
                "block 7 (\"Migration: `crm_basic` (2025-01-05)\" #1)", "block 8 (\"Migration: `analytics_enhanced` (2025-01-10)\" #1)",
                "block 9 (\"Migration: `security_audit` (2025-01-15)\" #1)", "block 10 (\"Migration: `email_system` (2025-01-20)\" #1)",
                "block 11 (\"Migration: `payment_integration` (2025-01-22)\" #1)", "block 12 (\"Migration: `alerts_system` (2025-01-25)\" #1)"),
                finalRecipe.scripts(finalRecipe.guide()).stream().map(Recipe.Script::origin).toList());
        assertEquals(SeedRun.Style.SQL_EDITOR, finalRecipe.style());
        // No elided statement is left: every "(...)" and "..." of the twelve migrations was filled in.
        finalRecipe.scripts(finalRecipe.guide()).forEach(script -> assertFalse(script.sql().contains("..."), script.origin()));
    }

    @Test
    void rightAfterAiIntegrationItHasTheFirstFourMigrationsAndTheTeamsTables() throws Exception {
        assertEquals(EARLY_TABLES, early.seedTables());
        assertEquals(TEAM_TABLES, early.teamTables());
        assertEquals(List.of(), early.failedStatements().stream().map(SeedRun.FailedStatement::describe).toList());
        try (Connection c = early.connect()) {
            assertEquals(early.allTables().stream().sorted().toList(), Sql.column(c,
                    "select 'public.' || relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1"));
            assertEquals(List.of("handle_new_user_profile()"), Sql.column(c, FUNCTIONS));
            // Only the keys and unique constraints of the tables' shapes: the guide creates no index of its own.
            assertEquals(List.of(
                    "ai_conversations_pkey", "ai_message_usage_pkey", "ai_messages_pkey", "ai_usage_metrics_pkey", "landing_leads_pkey",
                    "messages_wa_message_id_key", "n8n_chat_histories_pkey", "project_analyses_pkey", "project_budget_items_pkey",
                    "project_conversations_pkey", "project_daily_logs_pkey", "project_daily_logs_project_id_log_date_key", "project_documents_pkey",
                    "project_schedule_tasks_pkey", "projects_pkey", "uq_ai_usage_metrics_user_period_model",
                    "uq_project_conversations_conversation_id", "uq_user_referrals_referred_id", "user_profiles_phone_number_key",
                    "user_profiles_pkey", "user_referrals_pkey"), Sql.column(c, INDEXES));
            assertEquals(List.of("auth.users: on_auth_user_created -> handle_new_user_profile"), Sql.column(c, TRIGGERS));
            assertEquals(List.of(), Sql.column(c, ENUMS));
            assertEquals(List.of("landing_leads", "project_daily_logs", "projects", "user_profiles"), Sql.column(c, RLS_TABLES));
            assertEquals(List.of("landing_leads: Site visitors leave a lead (INSERT to anon)",
                    "project_daily_logs: Owners manage their projects' daily logs (ALL to authenticated)"), Sql.column(c, POLICIES));
            assertEquals(List.of("pgcrypto in extensions", "uuid-ossp in extensions"),
                    Sql.column(c, "select extname || ' in ' || extnamespace::regnamespace from pg_extension where extname <> 'plpgsql' order by 1"));
        }
        assertEveryTableHoldsRows(early, 15);
    }

    @Test
    void atItsFinalPointItHasAllTwelveMigrations() throws Exception {
        assertEquals(FINAL_TABLES, last.seedTables());
        assertEquals(TEAM_TABLES, last.teamTables());
        assertEquals(List.of(), last.failedStatements().stream().map(SeedRun.FailedStatement::describe).toList());
        try (Connection c = last.connect()) {
            assertEquals(last.allTables().stream().sorted().toList(), Sql.column(c,
                    "select 'public.' || relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1"));
            assertEquals(List.of("award_points(uuid,integer,text,uuid,jsonb)", "calculate_level_from_points(integer)",
                    "calculate_user_engagement()", "cleanup_expired_impersonation_sessions()", "get_client_stats()",
                    "get_user_engagement(integer)", "handle_new_user_profile()", "insert_crm_client(text,text,text,text,text)",
                    "insert_crm_project(uuid,text,text,numeric,date,date)", "is_admin_user()", "is_superuser()",
                    "log_admin_security_action(text,jsonb,text,inet,text)", "sync_messages_quota()", "update_email_templates_updated_at()"),
                    Sql.column(c, FUNCTIONS));
            assertEquals(List.of(
                    "achievements_pkey", "admin_audit_logs_pkey", "admin_impersonation_logs_pkey", "admin_permissions_pkey",
                    "admin_security_logs_pkey", "admin_users_pkey", "ai_conversations_pkey", "ai_message_usage_pkey", "ai_messages_pkey",
                    "ai_usage_metrics_pkey", "alert_configurations_pkey", "alert_logs_pkey", "chat_access_logs_pkey", "coupons_pkey",
                    "crm_clients_pkey", "crm_projects_pkey", "email_logs_pkey", "email_templates_pkey", "gamification_logs_pkey",
                    "landing_leads_pkey", "messages_wa_message_id_key", "n8n_chat_histories_pkey", "payments_pkey", "project_analyses_pkey",
                    "project_budget_items_pkey", "project_conversations_pkey", "project_daily_logs_pkey",
                    "project_daily_logs_project_id_log_date_key", "project_documents_pkey", "project_schedule_tasks_pkey", "projects_pkey",
                    "uq_achievements_code", "uq_admin_permissions_role_permission", "uq_admin_users_user_id",
                    "uq_ai_usage_metrics_user_period_model", "uq_coupons_code", "uq_email_templates_name", "uq_payments_provider_payment",
                    "uq_project_conversations_conversation_id", "uq_user_analytics_enhanced_user_date", "uq_user_gamification_user_id",
                    "uq_user_payments_payment_id", "uq_user_plans_user_id", "uq_user_referrals_referred_id", "user_analytics_enhanced_pkey",
                    "user_gamification_pkey", "user_login_history_pkey", "user_payments_pkey", "user_plans_pkey", "user_profiles_phone_number_key",
                    "user_profiles_pkey", "user_referrals_pkey"), Sql.column(c, INDEXES));
            assertEquals(List.of("admin_role {super_admin,admin,moderator}", "billing_cycle {mensal,anual}",
                    "plan_tier_v2 {FREE,BASIC,PRO,ENTERPRISE}"), Sql.column(c, ENUMS));
            // The guide creates functions but attaches no trigger but the sign-up one.
            assertEquals(List.of("auth.users: on_auth_user_created -> handle_new_user_profile"), Sql.column(c, TRIGGERS));
            assertEquals(List.of("landing_leads", "project_daily_logs", "projects", "user_profiles"), Sql.column(c, RLS_TABLES));
            assertEquals(List.of("landing_leads: Site visitors leave a lead (INSERT to anon)",
                    "project_daily_logs: Owners manage their projects' daily logs (ALL to authenticated)"), Sql.column(c, POLICIES));
            // The guide's own ALTER of credits (INTEGER DEFAULT 0, nullable), not the changeset's not null.
            assertEquals("integer 0 nullable", Sql.one(c, "select format_type(atttypid, atttypmod) || ' ' || pg_get_expr(adbin, adrelid)"
                    + " || case when attnotnull then ' not null' else ' nullable' end from pg_attribute join pg_attrdef on adrelid = attrelid and adnum = attnum"
                    + " where attrelid = 'public.user_profiles'::regclass and attname = 'credits'"));
            // The functions the guide creates work on its tables.
            assertEquals("4", Sql.one(c, "select calculate_level_from_points(900)::text"));
            assertEquals("3|1|1|3|1|970000.00", Sql.one(c, "select concat_ws('|', total_clients, active_clients, leads, total_projects, active_projects, total_budget) from get_client_stats()"));
        }
        assertEveryTableHoldsRows(last, 36);
    }

    @Test
    void theSignUpTriggerOfTheGuideMadeTheProfilesAndReferrals() throws Exception {
        for (SeedDatabase seed : List.of(early, last)) {
            try (Connection c = seed.connect()) {
                assertEquals(List.of("Ana Lima ANALIMA01 -", "Bruno Souza BRUNOS02 ANALIMA01", "- CARLA03 ANALIMA01", "- - BRUNOS02"),
                        Sql.column(c, "select concat_ws(' ', coalesce(full_name, '-'), coalesce(ref_code, '-'), coalesce(referred_by, '-'))"
                                + " from user_profiles order by created_at"));
                assertEquals(List.of("ANALIMA01 rewarded", "ANALIMA01 completed", "BRUNOS02 pending"),
                        Sql.column(c, "select ref_code || ' ' || status from user_referrals order by created_at"));
            }
        }
    }

    @Test
    void aSecondBuildHasTheSameRowsAndTheGuideIsPinnedByItsChecksum() throws Exception {
        // Fixed ids and times: the sign-up trigger's random ref_code and now() are overwritten, identities start at 1.
        try (SeedDatabase again = SeedDatabase.build(Seed003.afterAiIntegration())) {
            assertEquals(early.fingerprints(), again.fingerprints());
        }
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/seeds/" + Seed003.FILE)) {
            original = in.readAllBytes();
        }
        assertEquals(19, SeedGuide.of(Seed003.FILE, original, Seed003.SHA256).blocks().size());
        byte[] edited = Arrays.copyOf(original, original.length);
        int at = new String(original, StandardCharsets.ISO_8859_1).indexOf("ADD COLUMN credits INTEGER DEFAULT 0");
        edited[at + "ADD COLUMN credits INTEGER DEFAULT ".length()] = '5';
        SeedGuide.ModifiedSeedException refused = assertThrows(SeedGuide.ModifiedSeedException.class,
                () -> SeedGuide.of(Seed003.FILE, edited, Seed003.SHA256));
        assertTrue(refused.getMessage().contains(Seed003.SHA256), refused.getMessage());
    }

    /** The changesets whose objects the seed has in another shape, at both points. */
    private static final List<String> RESHAPED_AT_BOTH_POINTS = List.of(
            "changelog/chat/chat-tables.yaml::create-table-messages::platform",
            "changelog/chat/chat-tables.yaml::enable-rls-messages::platform",
            "changelog/whatsapp/user-profiles.yaml::create-table-user-profiles::platform",
            "changelog/whatsapp/user-profiles.yaml::enable-rls-user-profiles::platform",
            "changelog/accounts/user-profiles-seed-002.yaml::add-column-user-profiles-email::platform",
            "changelog/accounts/user-profiles-seed-002.yaml::add-column-user-profiles-full-name::platform",
            "changelog/accounts/user-profiles-seed-002.yaml::add-column-user-profiles-avatar-url::platform",
            "changelog/accounts/user-profiles-referrals.yaml::add-column-user-profiles-ref-code::platform",
            "changelog/accounts/user-profiles-referrals.yaml::add-column-user-profiles-referred-by::platform",
            "changelog/accounts/user-profiles-referrals.yaml::add-column-user-profiles-credits::platform",
            "changelog/workspaces/project-tables.yaml::create-table-project-conversations::platform",
            "changelog/ai/ai-usage.yaml::create-table-ai-message-usage::platform");

    @Test
    void theAdoptionPreviewRightAfterAiIntegrationIsRefusedNamesWhatToReshapeKeepsTheTeamsTablesAndChangesNothing() throws Exception {
        assertThePreview(early, RESHAPED_AT_BOTH_POINTS, List.of("relation public.ai_conversations", "relation public.ai_messages",
                "relation public.landing_leads", "relation public.landing_leads_id_seq", "relation public.project_daily_logs"));
    }

    @Test
    void theAdoptionPreviewAtTheFinalPointIsRefusedNamesWhatToReshapeKeepsTheTeamsTablesAndChangesNothing() throws Exception {
        // Two more: the payments and chat_access_logs of the later migrations, whose references the seed could not write as the changesets do.
        List<String> reshaped = new ArrayList<>(RESHAPED_AT_BOTH_POINTS);
        reshaped.addAll(List.of("changelog/billing/billing.yaml::create-table-payments::platform",
                "changelog/alerts/alerts.yaml::create-table-chat-access-logs::platform"));
        assertThePreview(last, reshaped, List.of("function public.update_email_templates_updated_at()", "relation public.ai_conversations", "relation public.ai_messages",
                "relation public.landing_leads", "relation public.landing_leads_id_seq", "relation public.project_daily_logs"));
    }

    /**
     * The preview of the seed's database: refused, these changesets to reshape (among them the guide's own nullable
     * credits column, which the changeset makes not null), these objects kept as the team's, and nothing changed.
     */
    private static void assertThePreview(SeedDatabase seed, List<String> reshaped, List<String> kept) throws Exception {
        try (Connection connection = seed.connect()) {
            CatalogSnapshot before = CatalogSnapshot.of(connection);
            Map<String, String> rowsBefore = seed.fingerprints();

            AdoptionPlan plan = HandBuilt.plan(seed.database());

            assertFalse(plan.adoptable(), plan.render());
            assertEquals(reshaped, List.copyOf(plan.toReshape().keySet()), plan.render());
            assertEquals(List.of(new AdoptionPlan.EntryDifference("column public.user_profiles.credits",
                    "position=14 type=integer not_null=true default=0 identity= generated= collation= statistics=-1 storage=p",
                    "position=12 type=integer not_null=false default=0 identity= generated= collation= statistics=-1 storage=p")),
                    plan.toReshape().get("changelog/accounts/user-profiles-referrals.yaml::add-column-user-profiles-credits::platform"), plan.render());
            assertEquals(kept, plan.kept().stream().map(k -> k.difference().object()).sorted().toList(), plan.render());
            assertTrue(plan.render().contains("no proven reshaping covers this state"), plan.render());
            assertEquals("", before.diffTo(CatalogSnapshot.of(connection)).describe(), seed.point().name() + ": the preview changes no object");
            assertEquals(rowsBefore, seed.fingerprints(), seed.point().name() + ": and no row");
            assertEquals("0", Sql.one(connection, "select count(*)::text from pg_namespace where nspname = 'liquibase'"));
        }
    }

    private static void assertEveryTableHoldsRows(SeedDatabase seed, int tables) {
        Map<String, Long> counts = seed.rowCounts();
        assertEquals(tables, counts.size(), seed.point().name() + ": " + counts);
        counts.forEach((table, count) -> assertTrue(count >= 3, seed.point().name() + ": " + table + " holds " + count + " rows"));
    }
}
