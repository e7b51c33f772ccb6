package platformdb.seeds;

import static platformdb.seeds.Recipe.added;
import static platformdb.seeds.Recipe.blocks;
import static platformdb.seeds.Recipe.skipped;

import java.util.List;
import platformdb.seeds.Recipe.Edit;

/**
 * Seed 000 (Omniops widget) at its final point: the guide's "Recommended sequence" ends with
 * 20250127_performance_indexes, and its "Database Schema Overview", functions, indexes and policies describe that
 * state. The migration files themselves are not in the guide, so the overview stands for them.
 */
public final class Seed000Final implements SeedPoint {

    public static final String FILE = "000_77c709e41e9aa673.txt";
    public static final String SHA256 = "4ceb027d7a9fe3c537dd85af0dfbed4f29627fb0c9da378404c5245f61096c39";

    /** The overview writes {@code name (} ... {@code )} for each table: the smallest executable form adds the keyword and the semicolon. */
    static final Edit TABLE_HEADER = Edit.regex("^([a-z_]+) \\($", "CREATE TABLE $1 (",
            "the schema overview lists each table as 'name (' without CREATE TABLE");
    static final Edit TABLE_END = Edit.regex("^\\)$", ");",
            "the schema overview closes each table with ')' and no semicolon");

    @Override
    public String name() {
        return "000-final";
    }

    @Override
    public Recipe recipe() {
        return new Recipe(FILE, SHA256, name(), SeedRun.Style.PSQL, List.of(
                blocks("Prerequisites"),
                blocks("Customer Management", TABLE_HEADER, TABLE_END),
                added("domains", """
                        CREATE TABLE domains (
                          id UUID PRIMARY KEY,
                          customer_id UUID REFERENCES customer_configs(id),
                          domain TEXT
                        );
                        """,
                        "docs/contracts/seed-000.md (domains.id uuid, domains.customer_id uuid, domains.domain text); the reference as every customer_id of the overview's site tables",
                        "website_content and ai_optimized_content reference domains(id), which the guide never defines"),
                blocks("Content Management", TABLE_HEADER, TABLE_END),
                blocks("AI Content Optimization", TABLE_HEADER, TABLE_END),
                blocks("Chat System", TABLE_HEADER, TABLE_END),
                blocks("Data Extraction & Processing", TABLE_HEADER, TABLE_END),
                added("domain_patterns", """
                        CREATE TABLE domain_patterns (
                          id uuid primary key default gen_random_uuid(),
                          domain_id uuid not null references domains (id) on delete cascade,
                          url_pattern text not null,
                          pattern_type text not null,
                          selectors jsonb not null default '{}'::jsonb,
                          priority integer not null default 0,
                          is_active boolean not null default true,
                          created_at timestamptz not null default now(),
                          updated_at timestamptz not null default now(),
                          constraint domain_patterns_domain_id_url_pattern_key unique (domain_id, url_pattern),
                          constraint chk_domain_patterns_type check (pattern_type in ('product', 'category', 'article', 'faq', 'support', 'exclude')),
                          constraint chk_domain_patterns_selectors_object check (jsonb_typeof(selectors) = 'object')
                        );
                        """,
                        "docs/seed-map.md (domain_patterns -> create-table-domain-patterns): that changeset's table, without its RLS, policy and trigger",
                        "the recommended sequence runs 20250125_add_domain_patterns.sql, whose SQL the guide does not print; the contract lists the table without columns"),
                blocks("Vector Search Function"),
                blocks("Data Cleanup Function"),
                added("scraped_pages.domain", """
                        ALTER TABLE scraped_pages ADD COLUMN domain TEXT;
                        """,
                        "docs/contracts/seed-000.md (scraped_pages.domain text, status same)",
                        "the guide's performance indexes idx_scraped_pages_domain(_scraped) use scraped_pages.domain, which its overview omits"),
                blocks("Core Performance Indexes"),
                added("customer_configs row level security", """
                        ALTER TABLE customer_configs ENABLE ROW LEVEL SECURITY;
                        """,
                        "the guide's migration template (enable RLS, then create policies) and its 'Enable RLS on all tables with sensitive data'",
                        "002_add_auth 'adds RLS policies': the guide's customer_configs policies do nothing unless RLS is on for that table"),
                blocks("Customer Data Isolation"),
                skipped("Migration Template", "a template for new migrations (placeholder table new_table), not a migration of the sequence"),
                skipped("Common Migration Issues", "troubleshooting on placeholders (table_name) and a rebuild of the vector index to the same definition"),
                skipped("Verification Commands", "read-only checks and psql meta-commands: nothing to build")));
    }

    @Override
    public List<String> fixtureResources() {
        return List.of("/seeds/000-final/team-tables.sql", "/seeds/000-final/rows.sql");
    }

    @Override
    public List<String> teamTables() {
        return List.of("public.feature_requests", "public.widget_events");
    }
}
