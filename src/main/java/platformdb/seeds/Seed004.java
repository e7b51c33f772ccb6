package platformdb.seeds;

import static platformdb.seeds.Recipe.added;
import static platformdb.seeds.Recipe.block;

import java.util.List;

/**
 * Seed 004 (unified schema v3) at its final point: the team applied {@code 003_unified_production_schema.sql} and
 * {@code 004_data_migration.sql} with the Supabase CLI, then ran the guide's two post-migration SQL blocks (regenerate
 * 384-dimension embeddings, drop the legacy tables) in Supabase's SQL editor, the production checklist's last step.
 * <p>
 * The guide prints neither migration: its only SQL is the two post-migration blocks. The unified schema's shape comes
 * from docs/contracts/seed-004.md (the columns of memories and widgets, where vector_dims lives) and, for each object
 * docs/seed-map.md lists for seed 004 without columns or body, from the changeset the map names, taking only the
 * columns the contract lists. The 41 fragmented files and the legacy ai_memories/ai_widgets are not printed either; at
 * this point the cleanup has dropped the legacy tables, so the final database is the same whether they existed: the
 * data migration's result is the rows of {@code seeds/004/rows.sql}.
 * <p>
 * Every script runs as one transaction: the Supabase CLI applies a migration file in one, and the SQL editor runs a
 * pasted snippet as one.
 */
public final class Seed004 implements SeedPoint {

    public static final String FILE = "004_f06abdf0f176b614.txt";
    public static final String SHA256 = "30060c501a3b198ac9bb697ecd86bab003c8c10f1d3569487fff39e66d116831";

    static final String MIGRATION = "003_unified_production_schema.sql";
    private static final String CONTRACT = "docs/contracts/seed-004.md";
    private static final String NOT_PRINTED = "the guide applies " + MIGRATION + " (supabase migration up) without printing it";

    @Override
    public String name() {
        return "004-final";
    }

    @Override
    public Recipe recipe() {
        return new Recipe(FILE, SHA256, name(), SeedRun.Style.SQL_EDITOR, List.of(
                added(MIGRATION + ": extensions", """
                        CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA extensions;
                        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;
                        """,
                        CONTRACT + " (vector_dims: extensions.vector_dims, status same: the seed's vector is in schema extensions);"
                                + " pg_trgm beside it for the trigram opclass of the seed's text search index (docs/seed-map.md -> create-index-memories-content-trgm)",
                        NOT_PRINTED + "; 1536-dimension vectors and a text search index need both"),
                added(MIGRATION + ": set_updated_at", """
                        create function public.set_updated_at() returns trigger
                          language plpgsql
                          security invoker
                          set search_path = ''
                        as $$
                        begin
                          new.updated_at := now();
                          return new;
                        end;
                        $$;
                        """,
                        "docs/seed-map.md (widgets updated_at trigger -> create-trigger-widgets-set-updated-at, which calls the function of create-function-set-updated-at): that function verbatim",
                        NOT_PRINTED + "; the widgets' updated_at trigger needs its function"),
                added(MIGRATION + ": memories", """
                        CREATE TABLE IF NOT EXISTS memories (
                          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                          user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
                          content text NOT NULL,
                          embedding vector(1536),
                          metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
                          tags text[] NOT NULL DEFAULT '{}'::text[],
                          created_at timestamptz NOT NULL DEFAULT now(),
                          updated_at timestamptz NOT NULL DEFAULT now()
                        );
                        CREATE INDEX idx_memories_metadata ON memories USING gin (metadata jsonb_path_ops);
                        CREATE INDEX idx_memories_tags ON memories USING gin (tags);
                        CREATE INDEX idx_memories_embedding_cosine ON memories USING hnsw (embedding vector_cosine_ops);
                        CREATE INDEX idx_memories_content_trgm ON memories USING gin (content gin_trgm_ops);
                        ALTER TABLE memories ENABLE ROW LEVEL SECURITY;
                        CREATE POLICY memories_owner_all ON memories
                          AS PERMISSIVE FOR ALL TO authenticated
                          USING (user_id = (SELECT auth.uid()))
                          WITH CHECK (user_id = (SELECT auth.uid()));
                        """,
                        CONTRACT + " (memories: id uuid, user_id uuid, content text, embedding vector(1536), metadata jsonb, created_at, updated_at timestamptz),"
                                + " each column as its changeset defines it (create-table-memories; add-column-memories-metadata, -updated-at);"
                                + " tags text[] (add-column-memories-tags) because the seed's idx_memories_tags indexes it;"
                                + " indexes of docs/seed-map.md's seed 004 rows (create-index-memories-metadata, -tags, -embedding-cosine, -content-trgm) without CONCURRENTLY (a migration file runs in a transaction, the table is new);"
                                + " the memories policy the map gives the one memories table (create-policy-memories-owner-all), as the guide's 'Comprehensive RLS: Policies on all tables'",
                        NOT_PRINTED + ": its unified memories table with 1536-dimension vectors"),
                added(MIGRATION + ": widgets", """
                        CREATE TABLE IF NOT EXISTS widgets (
                          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                          user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
                          name text NOT NULL,
                          config jsonb NOT NULL DEFAULT '{}'::jsonb,
                          version integer NOT NULL DEFAULT 1 CONSTRAINT chk_widgets_version CHECK (version >= 1),
                          created_at timestamptz NOT NULL DEFAULT now(),
                          updated_at timestamptz NOT NULL DEFAULT now()
                        );
                        CREATE INDEX idx_widgets_user_id ON widgets (user_id, updated_at DESC);
                        CREATE INDEX idx_widgets_config ON widgets USING gin (config jsonb_path_ops);
                        CREATE TRIGGER trg_widgets_set_updated_at
                          BEFORE UPDATE ON widgets
                          FOR EACH ROW EXECUTE FUNCTION set_updated_at();
                        ALTER TABLE widgets ENABLE ROW LEVEL SECURITY;
                        CREATE POLICY widgets_all_own ON widgets
                          AS PERMISSIVE FOR ALL TO authenticated
                          USING (user_id = (SELECT auth.uid()))
                          WITH CHECK (user_id = (SELECT auth.uid()));
                        """,
                        CONTRACT + " (widgets: id uuid, user_id uuid, name text, config jsonb, version integer, created_at, updated_at timestamptz),"
                                + " each column as create-table-widgets defines it (without its widget_type, is_published, deleted_at, which the contract does not list);"
                                + " docs/seed-map.md's seed 004 rows: create-index-widgets-user-id, create-index-widgets-config, create-trigger-widgets-set-updated-at, create-policy-widgets-all-own",
                        NOT_PRINTED + ": its unified widgets table"),
                added(MIGRATION + ": widget versioning", """
                        CREATE TABLE IF NOT EXISTS widget_versions (
                          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                          widget_id uuid NOT NULL REFERENCES widgets (id) ON DELETE CASCADE,
                          version integer NOT NULL CONSTRAINT chk_widget_versions_version CHECK (version >= 1),
                          name text NOT NULL,
                          config jsonb NOT NULL,
                          created_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
                          created_at timestamptz NOT NULL DEFAULT now(),
                          CONSTRAINT uq_widget_versions_widget_version UNIQUE (widget_id, version)
                        );
                        CREATE INDEX idx_widget_versions_created_by ON widget_versions (created_by);
                        ALTER TABLE widget_versions ENABLE ROW LEVEL SECURITY;
                        CREATE POLICY widget_versions_select_own ON widget_versions
                          AS PERMISSIVE FOR SELECT TO authenticated
                          USING (EXISTS (SELECT 1 FROM widgets w WHERE w.id = widget_id AND w.user_id = (SELECT auth.uid())));
                        CREATE POLICY widget_versions_insert_own ON widget_versions
                          AS PERMISSIVE FOR INSERT TO authenticated
                          WITH CHECK (created_by = (SELECT auth.uid()) AND EXISTS (SELECT 1 FROM widgets w WHERE w.id = widget_id AND w.user_id = (SELECT auth.uid())));
                        create function public.bump_widget_version() returns trigger
                          language plpgsql
                          security invoker
                          set search_path = ''
                        as $$
                        begin
                          if new.config is distinct from old.config or new.name is distinct from old.name then
                            new.version := old.version + 1;
                          end if;
                          return new;
                        end;
                        $$;
                        CREATE TRIGGER bump_widget_version
                          BEFORE UPDATE ON widgets
                          FOR EACH ROW EXECUTE FUNCTION bump_widget_version();
                        create function public.record_widget_version() returns trigger
                          language plpgsql
                          security invoker
                          set search_path = ''
                        as $$
                        begin
                          if tg_op = 'INSERT' or new.version <> old.version then
                            insert into public.widget_versions (widget_id, version, name, config, created_by)
                            values (new.id, new.version, new.name, new.config, coalesce(auth.uid(), new.user_id));
                          end if;
                          return null;
                        end;
                        $$;
                        CREATE TRIGGER record_widget_version
                          AFTER INSERT OR UPDATE ON widgets
                          FOR EACH ROW EXECUTE FUNCTION record_widget_version();
                        """,
                        CONTRACT + " (widget_versions; bump_widget_version() -> trigger, record_widget_version() -> trigger, status same);"
                                + " their shapes from docs/seed-map.md's changesets: create-table-widget-versions, create-index-widget-versions-created-by,"
                                + " create-policy-widget-versions-select-own, -insert-own, create-function-bump-widget-version, create-trigger-widgets-bump-version,"
                                + " create-function-record-widget-version, create-trigger-widgets-record-version (the functions verbatim)",
                        NOT_PRINTED + ": 'Unified widget system: single widgets table with proper versioning', every function SECURITY INVOKER"),
                block("5. Post-Migration Tasks", 1),
                block("5. Post-Migration Tasks", 2)));
    }

    @Override
    public List<String> fixtureResources() {
        return List.of("/seeds/004/team-tables.sql", "/seeds/004/rows.sql");
    }

    @Override
    public List<String> teamTables() {
        return List.of("public.embedding_jobs", "public.widget_shares");
    }
}
