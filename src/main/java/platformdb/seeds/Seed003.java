package platformdb.seeds;

import static platformdb.seeds.Recipe.blocks;
import static platformdb.seeds.Recipe.skipped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import platformdb.seeds.Recipe.Edit;
import platformdb.seeds.Recipe.Step;

/**
 * Seed 003 (MadenAI, construction projects with an AI assistant), whose guide lists twelve production migrations
 * (2024-12-01 to 2025-01-25, "Supabase Dashboard + CLI") and prints each as a block whose every table is
 * {@code CREATE TABLE x (...)} and every function {@code CREATE FUNCTION f(...) ...}. Two points: right after
 * {@code ai_integration} (the projects workspace, the referral sign-up and the AI chat tables the contract renames onto
 * the shared conversations and messages), and final (after {@code alerts_system}).
 *
 * <p>Each elided statement is filled in, in place, from the changeset docs/seed-map.md names for that object (its
 * columns verbatim, without the changelog's lock_timeout, comments and grants). The guide's own statements (its
 * extensions, RLS, {@code ALTER TABLE ... ADD COLUMN}, enums) run as printed. Where a changeset's column refers to
 * something the seed does not have at that moment, only that reference changes, and the edit says why. Each migration
 * runs as one request in Supabase's SQL editor (the guide's "Supabase Dashboard"), so in one transaction: a failing
 * statement would undo its migration.
 */
public final class Seed003 implements SeedPoint {

    public static final String FILE = "003_398dc4328260b84e.txt";
    public static final String SHA256 = "33eecf22526284c541117e69f8a95a61b15c0a1273d6067110ff6402bfbbd1e2";

    /** The points of seed 003's history this fixture builds. */
    public enum Point { AFTER_AI_INTEGRATION, FINAL }

    private static final String MAP = "docs/seed-map.md -> ";
    private static final List<String> LATER_MIGRATIONS = List.of(
            "Migration: `gamification_v1` (2024-12-20)", "Migration: `admin_permissions` (2024-12-25)",
            "Migration: `crm_basic` (2025-01-05)", "Migration: `analytics_enhanced` (2025-01-10)",
            "Migration: `security_audit` (2025-01-15)", "Migration: `email_system` (2025-01-20)",
            "Migration: `payment_integration` (2025-01-22)", "Migration: `alerts_system` (2025-01-25)");

    private final Point point;

    public Seed003(Point point) {
        this.point = point;
    }

    public static Seed003 afterAiIntegration() {
        return new Seed003(Point.AFTER_AI_INTEGRATION);
    }

    public static Seed003 atFinalPoint() {
        return new Seed003(Point.FINAL);
    }

    @Override
    public String name() {
        return point == Point.FINAL ? "003-final" : "003-after-ai_integration";
    }

    @Override
    public Recipe recipe() {
        List<Step> steps = new ArrayList<>(List.of(
                blocks("Migration: `init_schema` (2024-12-01)",
                        table("projects", PROJECTS_COLUMNS, "create-table-projects"),
                        table("user_profiles", USER_PROFILES_COLUMNS, "create-table-user-profiles",
                                " plus email, full_name, avatar_url text (add-column-user-profiles-email, -full-name, -avatar-url):"
                                        + " the seed's handle_new_user_profile (create-function-handle-new-user-profile) inserts them at every sign-up")),
                blocks("Migration: `user_profiles_system` (2024-12-05)",
                        table("user_referrals", USER_REFERRALS_COLUMNS, "create-table-user-referrals"),
                        statement("CREATE FUNCTION handle_new_user_profile() ...;", HANDLE_NEW_USER_PROFILE_SQL, "create-function-handle-new-user-profile"),
                        statement("CREATE TRIGGER on_auth_user_created ...;", """
                                CREATE TRIGGER on_auth_user_created
                                  after insert on auth.users
                                  for each row execute function public.handle_new_user_profile();
                                """, "repoint-trigger-on-auth-user-created-to-handle-new-user-profile")),
                blocks("Migration: `projects_core` (2024-12-10)",
                        table("project_budget_items", PROJECT_BUDGET_ITEMS_COLUMNS, "create-table-project-budget-items"),
                        table("project_schedule_tasks", PROJECT_SCHEDULE_TASKS_COLUMNS, "create-table-project-schedule-tasks"),
                        table("project_documents", PROJECT_DOCUMENTS_COLUMNS, "create-table-project-documents"),
                        table("project_conversations", PROJECT_CONVERSATIONS_COLUMNS, "create-table-project-conversations",
                                " without its conversation_id reference: the chat table it names (the seed's ai_conversations) is created"
                                        + " by the later migration ai_integration, so projects_core cannot have referred to it"),
                        table("project_analyses", PROJECT_ANALYSES_COLUMNS, "create-table-project-analyses")),
                blocks("Migration: `ai_integration` (2024-12-15)",
                        table("ai_conversations", CONVERSATIONS_COLUMNS, "create-table-conversations",
                                " (the contract: ai_conversations renamed to the shared conversations), customer_id without its reference"
                                        + " to customer_configs, a table of seed 000 this project does not have"),
                        table("ai_messages", MESSAGES_COLUMNS, "create-table-messages",
                                " (the contract: ai_messages renamed to the shared messages), conversation_id referring to the seed's"
                                        + " ai_conversations, without the type column: its type msg_type is seed 001's WhatsApp enum, not in this project"),
                        table("ai_message_usage", AI_MESSAGE_USAGE_COLUMNS, "create-table-ai-message-usage",
                                ", conversation_id and message_id referring to the seed's ai_conversations and ai_messages"),
                        table("ai_usage_metrics", AI_USAGE_METRICS_COLUMNS, "create-table-ai-usage-metrics"),
                        table("n8n_chat_histories", N8N_CHAT_HISTORIES_COLUMNS, "create-table-n8n-chat-histories"))));
        if (point == Point.FINAL) {
            steps.addAll(List.of(
                    blocks("Migration: `gamification_v1` (2024-12-20)",
                            table("achievements", ACHIEVEMENTS_COLUMNS, "create-table-achievements"),
                            table("user_gamification", USER_GAMIFICATION_COLUMNS, "create-table-user-gamification"),
                            table("gamification_logs", GAMIFICATION_LOGS_COLUMNS, "create-table-gamification-logs"),
                            statement("CREATE FUNCTION award_points(...) ...;", AWARD_POINTS_SQL, "create-function-award-points"),
                            statement("CREATE FUNCTION calculate_level_from_points(...) ...;", CALCULATE_LEVEL_FROM_POINTS_SQL,
                                    "create-function-calculate-level-from-points")),
                    blocks("Migration: `admin_permissions` (2024-12-25)",
                            table("admin_permissions", ADMIN_PERMISSIONS_COLUMNS, "create-table-admin-permissions"),
                            table("admin_users", ADMIN_USERS_COLUMNS, "create-table-admin-users"),
                            statement("CREATE FUNCTION is_admin_user() ...;", IS_ADMIN_USER_SQL, "create-function-is-admin-user"),
                            statement("CREATE FUNCTION is_superuser() ...;", IS_SUPERUSER_SQL, "create-function-is-superuser")),
                    blocks("Migration: `crm_basic` (2025-01-05)",
                            table("crm_clients", CRM_CLIENTS_COLUMNS, "create-table-crm-clients"),
                            table("crm_projects", CRM_PROJECTS_COLUMNS, "create-table-crm-projects"),
                            statement("CREATE FUNCTION insert_crm_client(...) ...;", INSERT_CRM_CLIENT_SQL, "create-function-insert-crm-client"),
                            statement("CREATE FUNCTION insert_crm_project(...) ...;", INSERT_CRM_PROJECT_SQL, "create-function-insert-crm-project"),
                            statement("CREATE FUNCTION get_client_stats() ...;", GET_CLIENT_STATS_SQL, "create-function-get-client-stats")),
                    blocks("Migration: `analytics_enhanced` (2025-01-10)",
                            table("user_analytics_enhanced", USER_ANALYTICS_ENHANCED_COLUMNS, "create-table-user-analytics-enhanced"),
                            table("user_login_history", USER_LOGIN_HISTORY_COLUMNS, "create-table-user-login-history"),
                            statement("CREATE FUNCTION calculate_user_engagement() ...;", CALCULATE_USER_ENGAGEMENT_SQL,
                                    "create-function-calculate-user-engagement"),
                            statement("CREATE FUNCTION get_user_engagement() ...;", GET_USER_ENGAGEMENT_SQL, "create-function-get-user-engagement")),
                    blocks("Migration: `security_audit` (2025-01-15)",
                            table("admin_audit_logs", ADMIN_AUDIT_LOGS_COLUMNS, "create-table-admin-audit-logs"),
                            table("admin_security_logs", ADMIN_SECURITY_LOGS_COLUMNS, "create-table-admin-security-logs"),
                            table("admin_impersonation_logs", ADMIN_IMPERSONATION_LOGS_COLUMNS, "create-table-admin-impersonation-logs"),
                            statement("CREATE FUNCTION log_admin_security_action(...) ...;", LOG_ADMIN_SECURITY_ACTION_SQL,
                                    "create-function-log-admin-security-action"),
                            statement("CREATE FUNCTION cleanup_expired_impersonation_sessions() ...;", CLEANUP_EXPIRED_IMPERSONATION_SESSIONS_SQL,
                                    "create-function-cleanup-expired-impersonation-sessions")),
                    blocks("Migration: `email_system` (2025-01-20)",
                            table("email_templates", EMAIL_TEMPLATES_COLUMNS, "create-table-email-templates"),
                            table("email_logs", EMAIL_LOGS_COLUMNS, "create-table-email-logs"),
                            statement("CREATE FUNCTION update_email_templates_updated_at() ...;", UPDATE_EMAIL_TEMPLATES_UPDATED_AT_SQL,
                                    "create-function-set-updated-at (the map folds update_email_templates_updated_at into it), under the seed's name")),
                    blocks("Migration: `payment_integration` (2025-01-22)",
                            table("user_plans", USER_PLANS_COLUMNS, "create-table-user-plans"),
                            table("payments", PAYMENTS_COLUMNS, "create-table-payments",
                                    ", coupon_id without its reference: the guide creates coupons after payments in the same migration"),
                            table("user_payments", USER_PAYMENTS_COLUMNS, "create-table-user-payments"),
                            table("coupons", COUPONS_COLUMNS, "create-table-coupons"),
                            statement("CREATE FUNCTION sync_messages_quota() ...;", SYNC_MESSAGES_QUOTA_SQL, "create-function-sync-messages-quota")),
                    blocks("Migration: `alerts_system` (2025-01-25)",
                            table("alert_configurations", ALERT_CONFIGURATIONS_COLUMNS, "create-table-alert-configurations"),
                            table("alert_logs", ALERT_LOGS_COLUMNS, "create-table-alert-logs"),
                            table("chat_access_logs", CHAT_ACCESS_LOGS_COLUMNS, "create-table-chat-access-logs",
                                    ", conversation_id referring to the seed's ai_conversations"))));
        } else {
            LATER_MIGRATIONS.forEach(heading -> steps.add(skipped(heading, "applied after this point")));
        }
        steps.addAll(List.of(
                skipped("Migration: `observability_system` (In Development)", "\"Pending Migrations\": in development, not applied in production"),
                skipped("Migration: `advanced_analytics` (Planned)", "\"Pending Migrations\": planned, not applied in production"),
                skipped("Migration Best Practices", "advice: a BEGIN/COMMIT template around a placeholder and a rollback comment"),
                skipped("Individual Migration Rollback", "an example rollback of alerts_system (applied, never rolled back); alert_function_name is a placeholder"),
                skipped("2. RLS Policy Conflicts", "troubleshooting on a placeholder table (table_name)"),
                skipped("3. Lock Conflicts", "diagnostics, and terminating active backends: no schema")));
        return new Recipe(FILE, SHA256, name(), SeedRun.Style.SQL_EDITOR, steps);
    }

    @Override
    public List<String> fixtureResources() {
        List<String> resources = new ArrayList<>(List.of("/seeds/003/team-tables.sql", "/seeds/003/rows-after-ai_integration.sql"));
        if (point == Point.FINAL) {
            resources.add("/seeds/003/rows-final.sql");
        }
        return resources;
    }

    @Override
    public List<String> teamTables() {
        return List.of("public.landing_leads", "public.project_daily_logs");
    }

    /** The guide's {@code CREATE TABLE name (...);} with the columns of the changeset the seed map names for it. */
    private static Edit table(String name, String columns, String changeset) {
        return table(name, columns, changeset, "");
    }

    private static Edit table(String name, String columns, String changeset, String change) {
        return Edit.literal("CREATE TABLE " + name + " (...);", "CREATE TABLE " + name + " (\n" + columns + ");",
                "the guide elides the columns; " + MAP + changeset + ": its columns verbatim" + change);
    }

    /** An elided statement of the guide, as the changeset the seed map names for its object writes it. */
    private static Edit statement(String elided, String sql, String changeset) {
        return Edit.literal(elided, sql, "the guide elides the statement; " + MAP + changeset);
    }

    // The changesets' SQL (see the seed map), as the edits above put it in the guide's statements.

    private static final String PROJECTS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      name text not null,
                      description text,
                      project_type text,
                      location text,
                      status text not null default 'active'
                        constraint chk_projects_status check (status in ('planning', 'active', 'on_hold', 'completed', 'archived')),
                      start_date date,
                      end_date date,
                      budget_total numeric(14, 2) constraint chk_projects_budget_total check (budget_total >= 0),
                      metadata jsonb not null default '{}'::jsonb,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint chk_projects_dates check (end_date is null or start_date is null or end_date >= start_date)
                    """;
    private static final String USER_PROFILES_COLUMNS = """
                      id uuid primary key references auth.users (id) on delete cascade,
                      phone_number text,
                      name text,
                      preferences jsonb not null default '{}'::jsonb,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      email text,
                      full_name text,
                      avatar_url text,
                      constraint user_profiles_phone_number_key unique (phone_number),
                      constraint chk_phone_e164 check (phone_number ~ '^[+][1-9][0-9]{7,14}$'),
                      constraint chk_user_profiles_preferences_object check (jsonb_typeof(preferences) = 'object')
                    """;
    private static final String USER_REFERRALS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      referrer_id uuid not null references auth.users (id) on delete cascade,
                      referred_id uuid not null references auth.users (id) on delete cascade,
                      ref_code text not null,
                      status text not null default 'pending'
                        constraint chk_user_referrals_status check (status in ('pending', 'completed', 'rewarded', 'cancelled')),
                      reward_credits integer not null default 0 constraint chk_user_referrals_reward_credits check (reward_credits >= 0),
                      created_at timestamptz not null default now(),
                      completed_at timestamptz,
                      constraint uq_user_referrals_referred_id unique (referred_id),
                      constraint chk_user_referrals_not_self check (referrer_id <> referred_id)
                    """;
    private static final String PROJECT_BUDGET_ITEMS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      project_id uuid not null references public.projects (id) on delete cascade,
                      category text,
                      description text not null,
                      unit text,
                      quantity numeric(14, 3) not null default 1 constraint chk_project_budget_items_quantity check (quantity >= 0),
                      unit_price numeric(14, 2) not null default 0 constraint chk_project_budget_items_unit_price check (unit_price >= 0),
                      total_price numeric(16, 2) generated always as (round(quantity * unit_price, 2)) stored,
                      sort_order integer not null default 0,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now()
                    """;
    private static final String PROJECT_SCHEDULE_TASKS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      project_id uuid not null references public.projects (id) on delete cascade,
                      parent_task_id uuid references public.project_schedule_tasks (id) on delete cascade,
                      name text not null,
                      description text,
                      status text not null default 'pending'
                        constraint chk_project_schedule_tasks_status check (status in ('pending', 'in_progress', 'completed', 'blocked', 'cancelled')),
                      progress smallint not null default 0 constraint chk_project_schedule_tasks_progress check (progress between 0 and 100),
                      start_date date,
                      end_date date,
                      sort_order integer not null default 0,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint chk_project_schedule_tasks_dates check (end_date is null or start_date is null or end_date >= start_date)
                    """;
    private static final String PROJECT_DOCUMENTS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      project_id uuid not null references public.projects (id) on delete cascade,
                      uploaded_by uuid references auth.users (id) on delete set null,
                      name text not null,
                      storage_path text not null,
                      mime_type text,
                      size_bytes bigint constraint chk_project_documents_size check (size_bytes >= 0),
                      document_type text not null default 'other'
                        constraint chk_project_documents_type check (document_type in ('plan', 'contract', 'invoice', 'photo', 'report', 'spreadsheet', 'other')),
                      extracted_text text,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now()
                    """;
    private static final String PROJECT_CONVERSATIONS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      project_id uuid not null references public.projects (id) on delete cascade,
                      conversation_id uuid not null,
                      created_at timestamptz not null default now(),
                      constraint uq_project_conversations_conversation_id unique (conversation_id)
                    """;
    private static final String PROJECT_ANALYSES_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      project_id uuid not null references public.projects (id) on delete cascade,
                      created_by uuid references auth.users (id) on delete set null,
                      analysis_type text not null
                        constraint chk_project_analyses_type check (analysis_type in ('budget', 'schedule', 'risk', 'document', 'general')),
                      status text not null default 'pending'
                        constraint chk_project_analyses_status check (status in ('pending', 'running', 'completed', 'failed')),
                      model text,
                      input jsonb not null default '{}'::jsonb,
                      result jsonb,
                      error_message text,
                      created_at timestamptz not null default now(),
                      completed_at timestamptz
                    """;
    private static final String CONVERSATIONS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      customer_id uuid,
                      session_id text,
                      visitor_id text,
                      user_id uuid references auth.users (id) on delete cascade,
                      channel text not null default 'web',
                      wa_conversation_id text,
                      status text not null default 'active',
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint chk_conversations_owner check (customer_id is not null or user_id is not null),
                      constraint chk_conversations_channel check (channel in ('web', 'whatsapp')),
                      constraint chk_conversations_status check (status in ('active', 'closed', 'archived'))
                    """;
    private static final String MESSAGES_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      conversation_id uuid not null references public.ai_conversations (id) on delete cascade,
                      role text not null,
                      content text,
                      metadata jsonb not null default '{}'::jsonb,
                      wa_message_id text,
                      created_at timestamptz not null default now(),
                      constraint messages_wa_message_id_key unique (wa_message_id),
                      constraint chk_messages_role check (role in ('user', 'assistant', 'system'))
                    """;
    private static final String AI_MESSAGE_USAGE_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      conversation_id uuid references public.ai_conversations (id) on delete set null,
                      message_id uuid references public.ai_messages (id) on delete set null,
                      model text not null,
                      prompt_tokens integer not null default 0 constraint chk_ai_message_usage_prompt_tokens check (prompt_tokens >= 0),
                      completion_tokens integer not null default 0 constraint chk_ai_message_usage_completion_tokens check (completion_tokens >= 0),
                      total_tokens integer generated always as (prompt_tokens + completion_tokens) stored,
                      cost_usd numeric(12, 6) not null default 0 constraint chk_ai_message_usage_cost check (cost_usd >= 0),
                      created_at timestamptz not null default now()
                    """;
    private static final String AI_USAGE_METRICS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      period_date date not null,
                      model text not null default 'all',
                      request_count integer not null default 0 constraint chk_ai_usage_metrics_requests check (request_count >= 0),
                      total_tokens bigint not null default 0 constraint chk_ai_usage_metrics_tokens check (total_tokens >= 0),
                      cost_usd numeric(14, 6) not null default 0 constraint chk_ai_usage_metrics_cost check (cost_usd >= 0),
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint uq_ai_usage_metrics_user_period_model unique (user_id, period_date, model)
                    """;
    private static final String N8N_CHAT_HISTORIES_COLUMNS = """
                      id bigint generated always as identity primary key,
                      session_id text not null,
                      message jsonb not null,
                      created_at timestamptz not null default now()
                    """;
    private static final String ACHIEVEMENTS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      code text not null constraint uq_achievements_code unique,
                      name text not null,
                      description text,
                      category text,
                      icon text,
                      points integer not null default 0 constraint chk_achievements_points check (points >= 0),
                      criteria jsonb not null default '{}'::jsonb,
                      is_active boolean not null default true,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now()
                    """;
    private static final String USER_GAMIFICATION_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      total_points integer not null default 0 constraint chk_user_gamification_points check (total_points >= 0),
                      level integer not null default 1 constraint chk_user_gamification_level check (level >= 1),
                      current_streak integer not null default 0 constraint chk_user_gamification_streak check (current_streak >= 0),
                      longest_streak integer not null default 0 constraint chk_user_gamification_longest check (longest_streak >= 0),
                      last_activity_at timestamptz,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint uq_user_gamification_user_id unique (user_id)
                    """;
    private static final String GAMIFICATION_LOGS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      achievement_id uuid references public.achievements (id) on delete set null,
                      points integer not null,
                      reason text not null,
                      level_before integer not null,
                      level_after integer not null,
                      metadata jsonb not null default '{}'::jsonb,
                      created_at timestamptz not null default now()
                    """;
    private static final String ADMIN_PERMISSIONS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      role public.admin_role not null,
                      permission text not null,
                      description text,
                      created_at timestamptz not null default now(),
                      constraint uq_admin_permissions_role_permission unique (role, permission)
                    """;
    private static final String ADMIN_USERS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      role public.admin_role not null default 'moderator',
                      is_active boolean not null default true,
                      granted_by uuid references auth.users (id) on delete set null,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint uq_admin_users_user_id unique (user_id)
                    """;
    private static final String CRM_CLIENTS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      owner_id uuid not null references auth.users (id) on delete cascade,
                      name text not null,
                      email text,
                      phone text,
                      company text,
                      tax_id text,
                      status text not null default 'lead'
                        constraint chk_crm_clients_status check (status in ('lead', 'active', 'inactive', 'lost')),
                      notes text,
                      metadata jsonb not null default '{}'::jsonb,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now()
                    """;
    private static final String CRM_PROJECTS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      client_id uuid not null references public.crm_clients (id) on delete cascade,
                      owner_id uuid not null references auth.users (id) on delete cascade,
                      project_id uuid references public.projects (id) on delete set null,
                      name text not null,
                      description text,
                      status text not null default 'proposal'
                        constraint chk_crm_projects_status check (status in ('proposal', 'active', 'on_hold', 'completed', 'cancelled')),
                      budget numeric(14, 2) constraint chk_crm_projects_budget check (budget >= 0),
                      start_date date,
                      end_date date,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint chk_crm_projects_dates check (end_date is null or start_date is null or end_date >= start_date)
                    """;
    private static final String USER_ANALYTICS_ENHANCED_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      activity_date date not null default current_date,
                      sessions_count integer not null default 0 constraint chk_user_analytics_enhanced_sessions check (sessions_count >= 0),
                      messages_sent integer not null default 0 constraint chk_user_analytics_enhanced_messages check (messages_sent >= 0),
                      time_spent_seconds integer not null default 0 constraint chk_user_analytics_enhanced_time check (time_spent_seconds >= 0),
                      features_used jsonb not null default '{}'::jsonb,
                      engagement_score numeric(5, 2) not null default 0
                        constraint chk_user_analytics_enhanced_score check (engagement_score between 0 and 100),
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint uq_user_analytics_enhanced_user_date unique (user_id, activity_date)
                    """;
    private static final String USER_LOGIN_HISTORY_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      login_at timestamptz not null default now(),
                      login_method text not null default 'password'
                        constraint chk_user_login_history_method check (login_method in ('password', 'magic_link', 'oauth', 'otp', 'sso')),
                      success boolean not null default true,
                      failure_reason text,
                      ip_address inet,
                      user_agent text
                    """;
    private static final String ADMIN_AUDIT_LOGS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      admin_id uuid references auth.users (id) on delete set null,
                      action text not null,
                      target_type text,
                      target_id text,
                      details jsonb not null default '{}'::jsonb,
                      ip_address inet,
                      user_agent text,
                      created_at timestamptz not null default now()
                    """;
    private static final String ADMIN_SECURITY_LOGS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid references auth.users (id) on delete set null,
                      event_type text not null,
                      severity text not null default 'info'
                        constraint chk_admin_security_logs_severity check (severity in ('info', 'warning', 'critical')),
                      details jsonb not null default '{}'::jsonb,
                      ip_address inet,
                      user_agent text,
                      created_at timestamptz not null default now()
                    """;
    private static final String ADMIN_IMPERSONATION_LOGS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      admin_id uuid references auth.users (id) on delete set null,
                      target_user_id uuid references auth.users (id) on delete set null,
                      reason text not null,
                      started_at timestamptz not null default now(),
                      expires_at timestamptz not null,
                      ended_at timestamptz,
                      ip_address inet,
                      constraint chk_admin_impersonation_logs_expiry check (expires_at > started_at),
                      constraint chk_admin_impersonation_logs_end check (ended_at is null or ended_at >= started_at)
                    """;
    private static final String EMAIL_TEMPLATES_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      name text not null constraint uq_email_templates_name unique,
                      subject text not null,
                      html_body text not null,
                      text_body text,
                      variables text[] not null default '{}'::text[],
                      category text,
                      is_active boolean not null default true,
                      created_by uuid references auth.users (id) on delete set null,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now()
                    """;
    private static final String EMAIL_LOGS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      template_id uuid references public.email_templates (id) on delete set null,
                      user_id uuid references auth.users (id) on delete cascade,
                      to_email text not null,
                      subject text not null,
                      status text not null default 'queued'
                        constraint chk_email_logs_status check (status in ('queued', 'sent', 'delivered', 'opened', 'bounced', 'failed')),
                      provider text,
                      provider_message_id text,
                      error_message text,
                      metadata jsonb not null default '{}'::jsonb,
                      sent_at timestamptz,
                      created_at timestamptz not null default now()
                    """;
    private static final String USER_PLANS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references auth.users (id) on delete cascade,
                      plan public.plan_tier_v2 not null default 'FREE',
                      billing_cycle public.billing_cycle,
                      status text not null default 'active'
                        constraint chk_user_plans_status check (status in ('active', 'trialing', 'past_due', 'cancelled', 'expired')),
                      messages_quota integer constraint chk_user_plans_messages_quota check (messages_quota >= 0),
                      messages_used integer not null default 0 constraint chk_user_plans_messages_used check (messages_used >= 0),
                      current_period_start timestamptz,
                      current_period_end timestamptz,
                      cancel_at_period_end boolean not null default false,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint uq_user_plans_user_id unique (user_id),
                      constraint chk_user_plans_cycle check (plan = 'FREE' or billing_cycle is not null)
                    """;
    private static final String PAYMENTS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid references auth.users (id) on delete set null,
                      amount numeric(12, 2) not null constraint chk_payments_amount check (amount >= 0),
                      currency char(3) not null default 'BRL',
                      status text not null default 'pending'
                        constraint chk_payments_status check (status in ('pending', 'paid', 'failed', 'refunded', 'cancelled')),
                      provider text not null,
                      provider_payment_id text,
                      plan public.plan_tier_v2,
                      billing_cycle public.billing_cycle,
                      coupon_id uuid,
                      paid_at timestamptz,
                      metadata jsonb not null default '{}'::jsonb,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint uq_payments_provider_payment unique (provider, provider_payment_id)
                    """;
    private static final String USER_PAYMENTS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid references auth.users (id) on delete set null,
                      payment_id uuid not null references public.payments (id) on delete cascade,
                      user_plan_id uuid references public.user_plans (id) on delete set null,
                      plan public.plan_tier_v2 not null,
                      billing_cycle public.billing_cycle not null,
                      period_start timestamptz not null,
                      period_end timestamptz not null,
                      created_at timestamptz not null default now(),
                      constraint uq_user_payments_payment_id unique (payment_id),
                      constraint chk_user_payments_period check (period_end > period_start)
                    """;
    private static final String COUPONS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      code text not null constraint uq_coupons_code unique,
                      description text,
                      discount_type text not null
                        constraint chk_coupons_discount_type check (discount_type in ('percent', 'fixed')),
                      discount_value numeric(12, 2) not null constraint chk_coupons_discount_value check (discount_value > 0),
                      plan public.plan_tier_v2,
                      valid_from timestamptz not null default now(),
                      valid_until timestamptz,
                      max_redemptions integer constraint chk_coupons_max_redemptions check (max_redemptions > 0),
                      redemptions_count integer not null default 0 constraint chk_coupons_redemptions check (redemptions_count >= 0),
                      is_active boolean not null default true,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint chk_coupons_percent check (discount_type <> 'percent' or discount_value <= 100),
                      constraint chk_coupons_validity check (valid_until is null or valid_until > valid_from)
                    """;
    private static final String ALERT_CONFIGURATIONS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      name text not null,
                      description text,
                      metric text not null,
                      condition text not null
                        constraint chk_alert_configurations_condition check (condition in ('gt', 'gte', 'lt', 'lte', 'eq')),
                      threshold numeric not null,
                      window_minutes integer not null default 5 constraint chk_alert_configurations_window check (window_minutes > 0),
                      channels text[] not null default '{email}'::text[],
                      recipients text[] not null default '{}'::text[],
                      is_active boolean not null default true,
                      created_by uuid references auth.users (id) on delete set null,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now()
                    """;
    private static final String ALERT_LOGS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      alert_configuration_id uuid not null references public.alert_configurations (id) on delete cascade,
                      triggered_at timestamptz not null default now(),
                      metric_value numeric,
                      message text,
                      status text not null default 'triggered'
                        constraint chk_alert_logs_status check (status in ('triggered', 'acknowledged', 'resolved')),
                      acknowledged_by uuid references auth.users (id) on delete set null,
                      resolved_at timestamptz
                    """;
    private static final String CHAT_ACCESS_LOGS_COLUMNS = """
                      id uuid primary key default gen_random_uuid(),
                      conversation_id uuid references public.ai_conversations (id) on delete set null,
                      accessed_by uuid references auth.users (id) on delete set null,
                      access_type text not null default 'view'
                        constraint chk_chat_access_logs_access_type check (access_type in ('view', 'export', 'share', 'admin_view')),
                      reason text,
                      ip_address inet,
                      user_agent text,
                      created_at timestamptz not null default now()
                    """;
    private static final String HANDLE_NEW_USER_PROFILE_SQL = """
                    create function public.handle_new_user_profile() returns trigger
                      language plpgsql
                      security definer
                      set search_path = ''
                    as $$
                    declare
                      v_ref_code text := upper(substr(replace(pg_catalog.gen_random_uuid()::text, '-', ''), 1, 10));
                      v_referred_by text := nullif(upper(btrim(new.raw_user_meta_data ->> 'ref_code')), '');
                      v_referrer uuid;
                    begin
                      if v_referred_by is not null then
                        select p.id into v_referrer from public.user_profiles p where p.ref_code = v_referred_by;
                        if v_referrer is null then
                          v_referred_by := null;
                        end if;
                      end if;

                      insert into public.user_profiles (id, email, full_name, avatar_url, ref_code, referred_by)
                      values (new.id,
                              new.email,
                              nullif(new.raw_user_meta_data ->> 'full_name', ''),
                              nullif(new.raw_user_meta_data ->> 'avatar_url', ''),
                              v_ref_code,
                              v_referred_by)
                      on conflict (id) do nothing;

                      if v_referrer is not null then
                        insert into public.user_referrals (referrer_id, referred_id, ref_code)
                        values (v_referrer, new.id, v_referred_by)
                        on conflict (referred_id) do nothing;
                      end if;
                      return new;
                    end;
                    $$;
                    """;
    private static final String AWARD_POINTS_SQL = """
                    create function public.award_points(
                      p_user_id uuid,
                      p_points integer,
                      p_reason text,
                      p_achievement_id uuid default null,
                      p_metadata jsonb default '{}'::jsonb
                    ) returns public.user_gamification
                      language plpgsql
                      security invoker
                      set search_path = ''
                    as $$
                    declare
                      v_before integer;
                      v_row public.user_gamification;
                    begin
                      if p_points is null or p_points = 0 then
                        raise exception 'award_points: points must be a non-zero integer';
                      end if;

                      select g.level into v_before from public.user_gamification g where g.user_id = p_user_id for update;

                      insert into public.user_gamification as g (user_id, total_points, level, last_activity_at)
                      values (p_user_id, greatest(p_points, 0), public.calculate_level_from_points(greatest(p_points, 0)), now())
                      on conflict (user_id) do update
                         set total_points = greatest(g.total_points + p_points, 0),
                             level = public.calculate_level_from_points(greatest(g.total_points + p_points, 0)),
                             last_activity_at = now()
                      returning g.* into v_row;

                      insert into public.gamification_logs (user_id, achievement_id, points, reason, level_before, level_after, metadata)
                      values (p_user_id, p_achievement_id, p_points, p_reason, coalesce(v_before, 1), v_row.level, coalesce(p_metadata, '{}'::jsonb));

                      return v_row;
                    end;
                    $$;
                    """;
    private static final String CALCULATE_LEVEL_FROM_POINTS_SQL = """
                    create function public.calculate_level_from_points(p_points integer) returns integer
                      language sql
                      immutable
                      security invoker
                      set search_path = ''
                    as $$
                      select (floor(sqrt(greatest(coalesce(p_points, 0), 0) / 100.0)))::integer + 1
                    $$;
                    """;
    private static final String IS_ADMIN_USER_SQL = """
                    create function public.is_admin_user() returns boolean
                      language sql
                      stable
                      security invoker
                      set search_path = ''
                    as $$
                      select exists (
                        select 1 from public.admin_users a
                         where a.user_id = (select auth.uid()) and a.is_active
                      )
                    $$;
                    """;
    private static final String IS_SUPERUSER_SQL = """
                    create function public.is_superuser() returns boolean
                      language sql
                      stable
                      security invoker
                      set search_path = ''
                    as $$
                      select exists (
                        select 1 from public.admin_users a
                         where a.user_id = (select auth.uid()) and a.is_active and a.role = 'super_admin'
                      )
                    $$;
                    """;
    private static final String INSERT_CRM_CLIENT_SQL = """
                    create function public.insert_crm_client(
                      p_name text,
                      p_email text default null,
                      p_phone text default null,
                      p_company text default null,
                      p_notes text default null
                    ) returns uuid
                      language sql
                      volatile
                      security invoker
                      set search_path = ''
                    as $$
                      insert into public.crm_clients (owner_id, name, email, phone, company, notes)
                      values ((select auth.uid()), p_name, p_email, p_phone, p_company, p_notes)
                      returning id
                    $$;
                    """;
    private static final String INSERT_CRM_PROJECT_SQL = """
                    create function public.insert_crm_project(
                      p_client_id uuid,
                      p_name text,
                      p_description text default null,
                      p_budget numeric default null,
                      p_start_date date default null,
                      p_end_date date default null
                    ) returns uuid
                      language sql
                      volatile
                      security invoker
                      set search_path = ''
                    as $$
                      insert into public.crm_projects (client_id, owner_id, name, description, budget, start_date, end_date)
                      values (p_client_id, (select auth.uid()), p_name, p_description, p_budget, p_start_date, p_end_date)
                      returning id
                    $$;
                    """;
    private static final String GET_CLIENT_STATS_SQL = """
                    create function public.get_client_stats()
                    returns table (total_clients bigint, active_clients bigint, leads bigint, total_projects bigint, active_projects bigint, total_budget numeric)
                      language sql
                      stable
                      security invoker
                      set search_path = ''
                    as $$
                      select (select count(*) from public.crm_clients),
                             (select count(*) from public.crm_clients c where c.status = 'active'),
                             (select count(*) from public.crm_clients c where c.status = 'lead'),
                             (select count(*) from public.crm_projects),
                             (select count(*) from public.crm_projects p where p.status = 'active'),
                             (select coalesce(sum(p.budget), 0) from public.crm_projects p where p.status <> 'cancelled')
                    $$;
                    """;
    private static final String CALCULATE_USER_ENGAGEMENT_SQL = """
                    create function public.calculate_user_engagement() returns trigger
                      language plpgsql
                      security invoker
                      set search_path = ''
                    as $$
                    begin
                      new.engagement_score := least(100,
                          new.sessions_count * 5
                        + new.messages_sent * 1
                        + (new.time_spent_seconds / 60.0) * 0.5
                        + (select count(*) from jsonb_object_keys(new.features_used)) * 2)::numeric(5, 2);
                      return new;
                    end;
                    $$;
                    """;
    private static final String GET_USER_ENGAGEMENT_SQL = """
                    create function public.get_user_engagement(p_days integer default 30)
                    returns table (user_id uuid, active_days bigint, avg_engagement_score numeric, total_messages bigint, last_login_at timestamptz)
                      language sql
                      stable
                      security invoker
                      set search_path = ''
                    as $$
                      select a.user_id,
                             count(*) as active_days,
                             round(avg(a.engagement_score), 2) as avg_engagement_score,
                             sum(a.messages_sent)::bigint as total_messages,
                             (select max(l.login_at) from public.user_login_history l where l.user_id = a.user_id and l.success) as last_login_at
                        from public.user_analytics_enhanced a
                       where a.activity_date > current_date - greatest(p_days, 1)
                       group by a.user_id
                    $$;
                    """;
    private static final String LOG_ADMIN_SECURITY_ACTION_SQL = """
                    create function public.log_admin_security_action(
                      p_event_type text,
                      p_details jsonb default '{}'::jsonb,
                      p_severity text default 'info',
                      p_ip_address inet default null,
                      p_user_agent text default null
                    ) returns uuid
                      language sql
                      volatile
                      security invoker
                      set search_path = ''
                    as $$
                      insert into public.admin_security_logs (user_id, event_type, severity, details, ip_address, user_agent)
                      values ((select auth.uid()), p_event_type, coalesce(p_severity, 'info'), coalesce(p_details, '{}'::jsonb), p_ip_address, p_user_agent)
                      returning id
                    $$;
                    """;
    private static final String CLEANUP_EXPIRED_IMPERSONATION_SESSIONS_SQL = """
                    create function public.cleanup_expired_impersonation_sessions() returns integer
                      language plpgsql
                      security invoker
                      set search_path = ''
                    as $$
                    declare
                      removed integer;
                    begin
                      with expired as (
                        delete from public.admin_impersonation_logs l
                         where l.expires_at < now()
                        returning l.id, l.admin_id, l.target_user_id, l.reason, l.started_at, l.expires_at, l.ended_at, l.ip_address
                      )
                      insert into public.admin_audit_logs (admin_id, action, target_type, target_id, details, ip_address)
                      select e.admin_id, 'impersonation.session_expired', 'user', e.target_user_id::text,
                             jsonb_build_object('impersonation_log_id', e.id, 'reason', e.reason, 'started_at', e.started_at,
                                                'expires_at', e.expires_at, 'ended_at', e.ended_at),
                             e.ip_address
                        from expired e;
                      get diagnostics removed = row_count;
                      return removed;
                    end;
                    $$;
                    """;
    private static final String UPDATE_EMAIL_TEMPLATES_UPDATED_AT_SQL = """
                    create function public.update_email_templates_updated_at() returns trigger
                      language plpgsql
                      security invoker
                      set search_path = ''
                    as $$
                    begin
                      new.updated_at := now();
                      return new;
                    end;
                    $$;
                    """;
    private static final String SYNC_MESSAGES_QUOTA_SQL = """
                    create function public.sync_messages_quota() returns trigger
                      language plpgsql
                      security invoker
                      set search_path = ''
                    as $$
                    begin
                      new.messages_quota := case new.plan
                        when 'FREE' then 50
                        when 'BASIC' then 500
                        when 'PRO' then 5000
                        when 'ENTERPRISE' then null
                      end;
                      return new;
                    end;
                    $$;
                    """;

    /** docs/contracts/seed-003.md: ai_conversations is conversations, ai_messages is messages. */
    @Override
    public Map<String, String> movedTables() {
        return Map.of("public.ai_conversations", "public.conversations", "public.ai_messages", "public.messages");
    }
}
