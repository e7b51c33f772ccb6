package platformdb.seeds;

import static platformdb.seeds.Recipe.added;
import static platformdb.seeds.Recipe.blocks;
import static platformdb.seeds.Recipe.skipped;

import java.util.List;

/**
 * Seed 002 (Identra tunnel-gateway) after its "Solution 1": the team's database existed from an earlier schema, and
 * the guide's recommended, non-destructive fix is to paste {@code 20250214_alter_existing_schema.sql} into Supabase's
 * SQL editor, after which "your schema should have" its "Current Migration Status" (10 tables, 5 functions, 1 view).
 * The guide prints none of that migration, only a pointer to the file; it prints the extensions it needs (the fix of
 * "extension does not exist"). So the migration's result is added from docs/contracts/seed-002.md (the columns of
 * memories, conversations, messages, user_profiles, in its order, which is the guide's own expected column order for
 * memories) and, for each shape the contract does not give, the changeset docs/seed-map.md names for that seed
 * object. Where a changeset qualifies with {@code extensions.}, this seed has the extension in public (it creates it
 * unqualified, as the guide prints), so the name is unqualified or {@code public.}.
 */
public final class Seed002 implements SeedPoint {

    public static final String FILE = "002_341b9abd056caeac.txt";
    public static final String SHA256 = "85bf1d4629021733f8da32dda1001cb4e3689b5ad717bac67e96673263944ab6";

    static final String MIGRATION = "20250214_alter_existing_schema.sql";

    private static final String CONTRACT = "docs/contracts/seed-002.md";

    @Override
    public String name() {
        return "002-after-alter-existing-schema";
    }

    @Override
    public Recipe recipe() {
        return new Recipe(FILE, SHA256, name(), SeedRun.Style.SQL_EDITOR, List.of(
                blocks("Error: \"extension does not exist\""),
                added(MIGRATION, MIGRATION_RESULT,
                        CONTRACT + " for the columns and types of memories, conversations, messages, user_profiles"
                                + " (memories in the order of the guide's 'Should show: id, user_id, content, ...');"
                                + " docs/seed-map.md's changesets for every other shape: create-table-memories, create-table-conversations,"
                                + " create-table-messages, create-table-user-profiles (base columns, keys, references) and the add-column-*,"
                                + " add-constraint-chk-* changesets of seed 002 (defaults, not null, checks); create-table-memory-links, -feedback,"
                                + " -user-sessions, -import-history, -system-metrics, -feature-flags verbatim; create-index-* of seed 002 (without"
                                + " concurrently, which a transaction refuses); create-function-set-updated-at under the seed's name"
                                + " update_updated_at_column; create-function-handle-new-user, -update-conversation-stats,"
                                + " -search-memories-semantic, -cleanup-expired-sessions; the triggers create-trigger-on-auth-user-created,"
                                + " -messages-update-conversation-stats, -memories/-import-history/-feature-flags-set-updated-at (on the seed's"
                                + " function); create-view-user-statistics; create-policy-* of seed 002. conversations.is_archived is the"
                                + " contract's boolean, with the not null default false of the same migration's memories.is_archived"
                                + " (add-column-memories-is-archived). RLS on all ten tables: the guide's 'Check RLS is enabled ... All should show t'",
                        "the guide's Solution 1 runs this migration in the SQL editor but prints only a pointer to its file"),
                skipped("Steps:", "pointers to the two migration files (the update one is the added step; the destructive"
                        + " 'Fresh Start' drop-all and complete schema were not the team's path: their tables exist with data),"
                        + " and read-only verification queries"),
                skipped("2. Migration Tracking Table", "advice for future deployments: the guide's own check counts exactly 10 tables in"
                        + " public after the migration (seed map: schema_migrations maps to no object, Liquibase's history replaces it)"),
                skipped("4. Rollback Strategy", "comments only"),
                skipped("Next Steps After Migration", "read-only checks, index statistics, and a sample insert of auth.uid(), which is"
                        + " null in the SQL editor (memories.user_id is not null): the fixture's rows stand for the team's data")));
    }

    @Override
    public List<String> fixtureResources() {
        return List.of("/seeds/002/team-tables.sql", "/seeds/002/rows.sql");
    }

    @Override
    public List<String> teamTables() {
        return List.of("public.gateway_api_keys", "public.waitlist_signups");
    }

    /** What 20250214_alter_existing_schema.sql leaves, in one pasted script (one transaction in the SQL editor). */
    static final String MIGRATION_RESULT = """
            -- update_updated_at_column: the shared updated_at function (create-function-set-updated-at) under the seed's name
            create function public.update_updated_at_column() returns trigger
              language plpgsql
              security invoker
              set search_path = ''
            as $$
            begin
              new.updated_at := now();
              return new;
            end;
            $$;

            create table public.user_profiles (
              id uuid primary key references auth.users (id) on delete cascade,
              email text,
              full_name text,
              avatar_url text,
              settings jsonb not null default '{}'::jsonb,
              last_active_at timestamptz,
              created_at timestamptz not null default now(),
              updated_at timestamptz not null default now()
            );

            create table public.memories (
              id uuid primary key default gen_random_uuid(),
              user_id uuid not null references auth.users (id) on delete cascade,
              content text not null,
              summary text,
              embedding vector(1536),
              metadata jsonb not null default '{}'::jsonb,
              tags text[] not null default '{}'::text[],
              encrypted_data bytea,
              source text not null default 'manual',
              is_favorite boolean not null default false,
              is_archived boolean not null default false,
              created_at timestamptz not null default now(),
              updated_at timestamptz not null default now(),
              deleted_at timestamptz,
              constraint chk_memories_source check (source in ('manual', 'chat', 'import', 'api', 'extension'))
            );

            create table public.conversations (
              id uuid primary key default gen_random_uuid(),
              user_id uuid references auth.users (id) on delete cascade,
              title text,
              system_prompt text,
              model text,
              temperature real,
              is_pinned boolean not null default false,
              is_archived boolean not null default false,
              folder text,
              tags text[] not null default '{}'::text[],
              message_count integer not null default 0,
              last_message_at timestamptz,
              created_at timestamptz not null default now(),
              updated_at timestamptz not null default now(),
              constraint chk_conversations_temperature check (temperature is null or (temperature >= 0 and temperature <= 2)),
              constraint chk_conversations_message_count check (message_count >= 0)
            );

            create table public.messages (
              id uuid primary key default gen_random_uuid(),
              conversation_id uuid not null references public.conversations (id) on delete cascade,
              role text not null,
              content text,
              metadata jsonb not null default '{}'::jsonb,
              embedding vector(1536),
              context_memories uuid[] not null default '{}'::uuid[],
              token_count integer,
              created_at timestamptz not null default now(),
              constraint chk_messages_role check (role in ('user', 'assistant', 'system')),
              constraint chk_messages_token_count check (token_count is null or token_count >= 0)
            );

            create table public.memory_links (
              id uuid primary key default gen_random_uuid(),
              user_id uuid not null references auth.users (id) on delete cascade,
              source_memory_id uuid not null references public.memories (id) on delete cascade,
              target_memory_id uuid not null references public.memories (id) on delete cascade,
              link_type text not null default 'related'
                constraint chk_memory_links_link_type check (link_type in ('related', 'supports', 'contradicts', 'follows', 'derived_from')),
              strength real not null default 1.0
                constraint chk_memory_links_strength check (strength >= 0 and strength <= 1),
              created_at timestamptz not null default now(),
              constraint chk_memory_links_not_self check (source_memory_id <> target_memory_id),
              constraint uq_memory_links_pair unique (source_memory_id, target_memory_id, link_type)
            );

            create table public.feedback (
              id uuid primary key default gen_random_uuid(),
              user_id uuid not null references auth.users (id) on delete cascade,
              conversation_id uuid references public.conversations (id) on delete set null,
              message_id uuid references public.messages (id) on delete set null,
              feedback_type text not null default 'rating'
                constraint chk_feedback_type check (feedback_type in ('rating', 'thumbs_up', 'thumbs_down', 'bug', 'feature_request', 'other')),
              rating smallint constraint chk_feedback_rating check (rating between 1 and 5),
              comment text,
              metadata jsonb not null default '{}'::jsonb,
              created_at timestamptz not null default now()
            );

            create table public.user_sessions (
              id uuid primary key default gen_random_uuid(),
              user_id uuid not null references auth.users (id) on delete cascade,
              session_token_hash text not null constraint uq_user_sessions_token_hash unique,
              device_info jsonb not null default '{}'::jsonb,
              ip_address inet,
              user_agent text,
              created_at timestamptz not null default now(),
              last_activity_at timestamptz not null default now(),
              expires_at timestamptz not null,
              constraint chk_user_sessions_expiry check (expires_at > created_at)
            );

            create table public.import_history (
              id uuid primary key default gen_random_uuid(),
              user_id uuid not null references auth.users (id) on delete cascade,
              source text not null
                constraint chk_import_history_source check (source in ('chatgpt', 'claude', 'notion', 'markdown', 'json', 'csv', 'other')),
              file_name text,
              status text not null default 'pending'
                constraint chk_import_history_status check (status in ('pending', 'processing', 'completed', 'failed', 'cancelled')),
              items_total integer not null default 0 constraint chk_import_history_items_total check (items_total >= 0),
              items_imported integer not null default 0 constraint chk_import_history_items_imported check (items_imported >= 0),
              error_message text,
              metadata jsonb not null default '{}'::jsonb,
              started_at timestamptz,
              completed_at timestamptz,
              created_at timestamptz not null default now(),
              updated_at timestamptz not null default now()
            );

            create table public.system_metrics (
              id uuid primary key default gen_random_uuid(),
              metric_name text not null,
              metric_value double precision not null,
              unit text,
              tags jsonb not null default '{}'::jsonb,
              recorded_at timestamptz not null default now()
            );

            create table public.feature_flags (
              id uuid primary key default gen_random_uuid(),
              name text not null constraint uq_feature_flags_name unique,
              description text,
              is_enabled boolean not null default false,
              rollout_percentage integer not null default 0
                constraint chk_feature_flags_rollout check (rollout_percentage between 0 and 100),
              conditions jsonb not null default '{}'::jsonb,
              created_at timestamptz not null default now(),
              updated_at timestamptz not null default now()
            );

            -- Indexes: vector search, text search (pg_trgm), foreign keys, composite (the seed map's names)
            create index idx_memories_user_id on public.memories (user_id, created_at desc);
            create index idx_memories_embedding_cosine on public.memories using hnsw (embedding vector_cosine_ops);
            create index idx_memories_content_trgm on public.memories using gin (content gin_trgm_ops);
            create index idx_conversations_user_last_message on public.conversations (user_id, last_message_at desc nulls last);
            create index idx_conversations_tags on public.conversations using gin (tags);
            create index idx_conversations_title_trgm on public.conversations using gin (title gin_trgm_ops);
            create index idx_messages_conversation_id on public.messages (conversation_id, created_at);
            create index idx_messages_embedding_hnsw on public.messages using hnsw (embedding vector_cosine_ops);
            create index idx_memory_links_user_id on public.memory_links (user_id);
            create index idx_memory_links_target_memory_id on public.memory_links (target_memory_id);
            create index idx_feedback_user_id on public.feedback (user_id, created_at desc);
            create index idx_feedback_conversation_id on public.feedback (conversation_id);
            create index idx_feedback_message_id on public.feedback (message_id);
            create index idx_user_sessions_user_id on public.user_sessions (user_id);
            create index idx_user_sessions_expires_at on public.user_sessions (expires_at);
            create index idx_import_history_user_id on public.import_history (user_id, created_at desc);
            create index idx_system_metrics_name_recorded on public.system_metrics (metric_name, recorded_at desc);

            alter table public.user_profiles enable row level security;
            alter table public.memories enable row level security;
            alter table public.conversations enable row level security;
            alter table public.messages enable row level security;
            alter table public.memory_links enable row level security;
            alter table public.feedback enable row level security;
            alter table public.user_sessions enable row level security;
            alter table public.import_history enable row level security;
            alter table public.system_metrics enable row level security;
            alter table public.feature_flags enable row level security;

            create policy memory_links_all_own on public.memory_links
              as permissive for all to authenticated
              using (user_id = (select auth.uid()))
              with check (user_id = (select auth.uid())
                and exists (select 1 from public.memories m where m.id = source_memory_id and m.user_id = (select auth.uid()))
                and exists (select 1 from public.memories m where m.id = target_memory_id and m.user_id = (select auth.uid())));
            create policy feedback_all_own on public.feedback
              as permissive for all to authenticated
              using (user_id = (select auth.uid()))
              with check (user_id = (select auth.uid()));
            create policy user_sessions_select_own on public.user_sessions
              as permissive for select to authenticated
              using (user_id = (select auth.uid()));
            create policy user_sessions_delete_own on public.user_sessions
              as permissive for delete to authenticated
              using (user_id = (select auth.uid()));
            create policy import_history_all_own on public.import_history
              as permissive for all to authenticated
              using (user_id = (select auth.uid()))
              with check (user_id = (select auth.uid()));
            create policy feature_flags_select_authenticated on public.feature_flags
              as permissive for select to authenticated
              using (true);

            create function public.handle_new_user() returns trigger
              language plpgsql
              security definer
              set search_path = ''
            as $$
            begin
              insert into public.user_profiles (id, email, full_name, avatar_url)
              values (new.id,
                      new.email,
                      nullif(new.raw_user_meta_data ->> 'full_name', ''),
                      nullif(new.raw_user_meta_data ->> 'avatar_url', ''))
              on conflict (id) do nothing;
              return new;
            end;
            $$;
            revoke execute on function public.handle_new_user() from public, anon, authenticated;

            create function public.update_conversation_stats() returns trigger
              language plpgsql
              security invoker
              set search_path = ''
            as $$
            begin
              if tg_op = 'INSERT' then
                update public.conversations c
                   set message_count = c.message_count + 1,
                       last_message_at = greatest(coalesce(c.last_message_at, new.created_at), new.created_at)
                 where c.id = new.conversation_id;
                return new;
              elsif tg_op = 'DELETE' then
                update public.conversations c
                   set message_count = greatest(c.message_count - 1, 0),
                       last_message_at = (select max(m.created_at) from public.messages m where m.conversation_id = old.conversation_id)
                 where c.id = old.conversation_id;
                return old;
              end if;
              return null;
            end;
            $$;

            create function public.search_memories_semantic(
              p_user_id uuid,
              query_embedding public.vector,
              match_count integer default 10,
              match_threshold real default 0.7
            ) returns table (id uuid, content text, summary text, tags text[], metadata jsonb, source text, similarity real, created_at timestamptz)
              language sql
              stable
              security invoker
              set search_path = ''
            as $$
              select m.id, m.content, m.summary, m.tags, m.metadata, m.source,
                     (1 - (m.embedding operator(public.<=>) query_embedding))::real as similarity,
                     m.created_at
                from public.memories m
               where m.user_id = p_user_id
                 and m.deleted_at is null
                 and m.embedding is not null
                 and 1 - (m.embedding operator(public.<=>) query_embedding) > match_threshold
               order by m.embedding operator(public.<=>) query_embedding
               limit match_count
            $$;

            create function public.cleanup_expired_sessions() returns integer
              language plpgsql
              security invoker
              set search_path = ''
            as $$
            declare
              removed integer;
            begin
              delete from public.user_sessions s where s.expires_at < now();
              get diagnostics removed = row_count;
              return removed;
            end;
            $$;

            create trigger on_auth_user_created
              after insert on auth.users
              for each row execute function public.handle_new_user();
            create trigger update_conversation_stats
              after insert or delete on public.messages
              for each row execute function public.update_conversation_stats();
            create trigger trg_memories_set_updated_at
              before update on public.memories
              for each row execute function public.update_updated_at_column();
            create trigger trg_import_history_set_updated_at
              before update on public.import_history
              for each row execute function public.update_updated_at_column();
            create trigger trg_feature_flags_set_updated_at
              before update on public.feature_flags
              for each row execute function public.update_updated_at_column();

            create view public.user_statistics with (security_invoker = true) as
            select p.id as user_id,
                   (select count(*) from public.memories m where m.user_id = p.id and m.deleted_at is null) as memory_count,
                   (select count(*) from public.conversations c where c.user_id = p.id) as conversation_count,
                   (select coalesce(sum(c.message_count), 0) from public.conversations c where c.user_id = p.id)::bigint as message_count,
                   (select count(*) from public.feedback fb where fb.user_id = p.id) as feedback_count,
                   (select max(c.last_message_at) from public.conversations c where c.user_id = p.id) as last_message_at,
                   p.last_active_at
              from public.user_profiles p;
            """;
}
