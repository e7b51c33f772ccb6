package platformdb.seeds;

import static platformdb.seeds.Recipe.added;
import static platformdb.seeds.Recipe.blocks;
import static platformdb.seeds.Recipe.skipped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import platformdb.seeds.Recipe.Step;

/**
 * Seed 001 (migue.ai WhatsApp bot), whose guide lists eight production migrations run in Supabase's SQL editor and
 * prints four of them. Two points: right after {@code 001_optimize_rls_indexes} (the MVP schema and the RLS
 * optimisation), and final (after {@code 20251006_add_dlq}). The MVP schema and the four unprinted migrations are not
 * in the guide: their shapes come from docs/contracts/seed-001.md, or where it lists a table without columns, from the
 * changeset docs/seed-map.md names for it, with the seed's own {@code users(id)} as the owner reference.
 */
public final class Seed001 implements SeedPoint {

    public static final String FILE = "001_0a513556e8ef861e.txt";
    public static final String SHA256 = "c92db9e93e2942c5390b08304920519a9a4b3bcb7852ef1b351d1ee2cc4bda75";

    /** The points of seed 001's history this fixture builds. */
    public enum Point { AFTER_001_OPTIMIZE_RLS_INDEXES, FINAL }

    private static final String CONTRACT = "docs/contracts/seed-001.md";
    private static final String OWNER_REFERENCE = "user_id references users(id), as the seed's printed migrations 003 and 007 write it (the changeset references auth.users)";

    private final Point point;

    public Seed001(Point point) {
        this.point = point;
    }

    public static Seed001 afterOptimizeRlsIndexes() {
        return new Seed001(Point.AFTER_001_OPTIMIZE_RLS_INDEXES);
    }

    public static Seed001 atFinalPoint() {
        return new Seed001(Point.FINAL);
    }

    @Override
    public String name() {
        return point == Point.FINAL ? "001-final" : "001-after-001_optimize_rls_indexes";
    }

    @Override
    public Recipe recipe() {
        List<Step> steps = new ArrayList<>(List.of(
                added("MVP schema", """
                        CREATE TYPE msg_type AS ENUM ('text', 'image', 'audio', 'video', 'document', 'location', 'interactive', 'contacts', 'unsupported');
                        CREATE TABLE IF NOT EXISTS users (
                          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
                          phone_number TEXT NOT NULL,
                          name TEXT,
                          preferences JSONB,
                          updated_at TIMESTAMPTZ DEFAULT NOW()
                        );
                        CREATE INDEX IF NOT EXISTS idx_users_phone ON users(phone_number);
                        CREATE TABLE IF NOT EXISTS conversations (
                          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
                          user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                          wa_conversation_id TEXT,
                          channel TEXT,
                          status TEXT,
                          created_at TIMESTAMPTZ DEFAULT NOW(),
                          updated_at TIMESTAMPTZ DEFAULT NOW()
                        );
                        CREATE TABLE IF NOT EXISTS messages_v2 (
                          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
                          conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                          role TEXT,
                          type msg_type,
                          content TEXT,
                          wa_message_id TEXT,
                          created_at TIMESTAMPTZ DEFAULT NOW()
                        );
                        ALTER TABLE users ENABLE ROW LEVEL SECURITY;
                        ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
                        ALTER TABLE messages_v2 ENABLE ROW LEVEL SECURITY;
                        """,
                        CONTRACT + ": the columns and types of users, conversations, messages_v2; msg_type's labels without the three 006 adds;"
                                + " users.updated_at because the guide's t_users_updated sets it; idx_users_phone as the guide's idempotency example writes it;"
                                + " RLS on because migration 001 optimises existing policies; foreign keys as the guide's own migrations write them",
                        "the guide never prints the schema its eight migrations start from"),
                blocks("4. Constraints"),
                blocks("5. Functions"),
                added("t_users_updated", """
                        CREATE TRIGGER t_users_updated BEFORE UPDATE ON users
                        FOR EACH ROW EXECUTE FUNCTION set_updated_at();
                        """,
                        "the guide's Pitfall 4, its 'Good' order, verbatim",
                        "the block also holds the 'Bad' order and an elided function ('...'): only the statement the team ran is taken"),
                blocks("Migration 001: RLS Optimization"),
                skipped("1. Idempotency", "good and bad examples side by side (users (...) elided); idx_users_phone, its one real object, is in the MVP step"),
                skipped("2. Enum Handling", "an example with a shorter msg_type; the real values come from the MVP step and migration 006"),
                skipped("3. Drop-First Pattern", "an example policy FOR ALL USING (true); migration 001 gives users its real policy"),
                skipped("Safety Checks", "read-only checks"),
                skipped("1. Transaction Approach", "an example that rolls back"),
                skipped("2. Manual Rollback", "an example column added and dropped"),
                skipped("Pitfall 1: Non-Idempotent DDL", "examples (users (...) elided)"),
                skipped("Pitfall 2: Enum Management", "how to recreate an enum: never run (006 only adds values)"),
                skipped("Pitfall 3: Trigger Order", "examples with elided bodies"),
                skipped("Pitfall 4: Dependency Order", "its 'Good' trigger statement is taken as the step t_users_updated"),
                skipped("Vacuum & Analyze", "maintenance, no schema"),
                skipped("Reindex", "maintenance, no schema"),
                skipped("Update Statistics", "maintenance, no schema")));
        if (point == Point.FINAL) {
            steps.add(added("002_whatsapp_v23_tables", """
                    CREATE TABLE whatsapp_flow_sessions (
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references users (id) on delete cascade,
                      conversation_id uuid references conversations (id) on delete set null,
                      flow_id text not null,
                      flow_token text not null,
                      status text not null default 'pending',
                      session_data jsonb not null default '{}'::jsonb,
                      response_data jsonb,
                      expires_at timestamptz,
                      completed_at timestamptz,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint whatsapp_flow_sessions_flow_token_key unique (flow_token),
                      constraint chk_whatsapp_flow_sessions_status check (status in ('pending', 'in_progress', 'completed', 'expired', 'failed'))
                    );
                    CREATE TABLE whatsapp_calls (
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references users (id) on delete cascade,
                      conversation_id uuid references conversations (id) on delete set null,
                      wa_call_id text not null,
                      direction text not null,
                      status text not null default 'ringing',
                      started_at timestamptz,
                      ended_at timestamptz,
                      duration_seconds integer,
                      end_reason text,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint whatsapp_calls_wa_call_id_key unique (wa_call_id),
                      constraint chk_whatsapp_calls_direction check (direction in ('inbound', 'outbound')),
                      constraint chk_whatsapp_calls_status check (status in ('ringing', 'accepted', 'rejected', 'missed', 'ended', 'failed')),
                      constraint chk_whatsapp_calls_duration check (duration_seconds is null or duration_seconds >= 0),
                      constraint chk_whatsapp_calls_times check (ended_at is null or started_at is null or ended_at >= started_at)
                    );
                    """,
                    "docs/seed-map.md -> create-table-whatsapp-flow-sessions, create-table-whatsapp-calls (their tables verbatim but for the owner reference); " + OWNER_REFERENCE,
                    "the guide names migration 002 without printing it"));
            steps.add(blocks("Migration 003: pgvector Setup"));
            steps.add(added("004_ai_cost_tracking", """
                    CREATE TABLE ai_usage_costs (
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid references users (id) on delete cascade,
                      conversation_id uuid references conversations (id) on delete set null,
                      provider text not null,
                      model text not null,
                      operation text not null default 'chat',
                      input_tokens integer not null default 0,
                      output_tokens integer not null default 0,
                      cost_usd numeric(12, 6) not null default 0,
                      latency_ms integer,
                      metadata jsonb not null default '{}'::jsonb,
                      created_at timestamptz not null default now(),
                      constraint chk_ai_usage_costs_provider check (provider in ('openai', 'anthropic', 'google', 'groq', 'deepseek', 'mistral', 'openrouter')),
                      constraint chk_ai_usage_costs_operation check (operation in ('chat', 'embedding', 'transcription', 'vision', 'tts', 'moderation')),
                      constraint chk_ai_usage_costs_tokens check (input_tokens >= 0 and output_tokens >= 0),
                      constraint chk_ai_usage_costs_cost check (cost_usd >= 0),
                      constraint chk_ai_usage_costs_latency check (latency_ms is null or latency_ms >= 0)
                    );
                    """,
                    "docs/seed-map.md -> create-table-ai-usage-costs (its table verbatim but for the owner reference); " + OWNER_REFERENCE,
                    "the guide names migration 004 without printing it"));
            steps.add(added("005_scheduled_messages", """
                    CREATE TABLE scheduled_messages (
                      id uuid primary key default gen_random_uuid(),
                      user_id uuid not null references users (id) on delete cascade,
                      conversation_id uuid references conversations (id) on delete set null,
                      content text not null,
                      scheduled_for timestamptz not null,
                      status text not null default 'pending',
                      attempts integer not null default 0,
                      sent_at timestamptz,
                      error_message text,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint chk_scheduled_messages_status check (status in ('pending', 'processing', 'sent', 'failed', 'cancelled')),
                      constraint chk_scheduled_messages_attempts check (attempts >= 0)
                    );
                    """,
                    "docs/seed-map.md -> create-table-scheduled-messages (its table verbatim but for the owner reference); " + OWNER_REFERENCE,
                    "the guide names migration 005 without printing it"));
            steps.add(blocks("Migration 006: Enum Values"));
            steps.add(blocks("Migration 007: Messaging Windows", Recipe.Edit.literal(
                    "  proactive_messages_sent_today INT NOT NULL DEFAULT 0,\n",
                    "  proactive_messages_sent_today INT NOT NULL DEFAULT 0,\n  last_proactive_sent_at TIMESTAMPTZ,\n",
                    "the guide's trigger function reads NEW.last_proactive_sent_at, which its table omits; "
                            + CONTRACT + " lists messaging_windows.last_proactive_sent_at timestamptz")));
            steps.add(added("20251006_add_dlq", """
                    CREATE TABLE dead_letter_queue (
                      id uuid primary key default gen_random_uuid(),
                      source text not null,
                      user_id uuid references users (id) on delete cascade,
                      payload jsonb not null,
                      error_message text not null,
                      error_code text,
                      attempts integer not null default 0,
                      status text not null default 'pending',
                      next_retry_at timestamptz,
                      last_attempt_at timestamptz,
                      resolved_at timestamptz,
                      created_at timestamptz not null default now(),
                      updated_at timestamptz not null default now(),
                      constraint chk_dead_letter_queue_source check (source in ('whatsapp_webhook', 'outbound_message', 'scheduled_message', 'ai_processing')),
                      constraint chk_dead_letter_queue_status check (status in ('pending', 'retrying', 'resolved', 'discarded')),
                      constraint chk_dead_letter_queue_attempts check (attempts >= 0)
                    );
                    """,
                    "docs/seed-map.md -> create-table-dead-letter-queue (its table verbatim but for the owner reference); " + OWNER_REFERENCE,
                    "the guide names migration 20251006_add_dlq without printing it"));
        } else {
            steps.add(skipped("Migration 003: pgvector Setup", "after this point"));
            steps.add(skipped("Migration 006: Enum Values", "after this point"));
            steps.add(skipped("Migration 007: Messaging Windows", "after this point"));
        }
        return new Recipe(FILE, SHA256, name(), SeedRun.Style.SQL_EDITOR, steps);
    }

    @Override
    public List<String> fixtureResources() {
        List<String> resources = new ArrayList<>(List.of("/seeds/001/team-tables.sql", "/seeds/001/rows-after-001.sql"));
        if (point == Point.FINAL) {
            resources.add("/seeds/001/rows-final.sql");
        }
        return resources;
    }

    @Override
    public List<String> teamTables() {
        return List.of("public.broadcast_opt_outs");
    }

    /** docs/seed-map.md: users is user_profiles, messages_v2 is messages, user_memory is memories. */
    @Override
    public Map<String, String> movedTables() {
        return Map.of("public.users", "public.user_profiles", "public.messages_v2", "public.messages", "public.user_memory", "public.memories");
    }
}
