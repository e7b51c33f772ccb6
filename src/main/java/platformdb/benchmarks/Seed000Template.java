package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.SeedDatabase;
import platformdb.seeds.SupabaseProject;

/**
 * Seed 000's production database at its final point, built on the benchmark's cluster as the seed tests build it (an
 * empty Supabase project, the seed's own SQL by its recipe, the team's own tables), then filled set-based
 * (generate_series) with the {@link SeedDataset}: the template every adoption run copies. Built once per scale and
 * kept (its database comment marks it complete); {@code --rebuild} builds it again.
 *
 * <p>The rows are what the reshaping takes without a refusal (every conversation has a site, every message a
 * conversation and a role, colours are #rrggbb, domains lowercase, one row per unique key the reshaping adds) and hold
 * the nulls a running seed application leaves where its schema has no default: user messages carry no metadata, one
 * conversation in five was never updated, one customer in ten has no updated_at. The reshaping backfills those, so
 * its backfills do real work. Foreign keys and checks are enforced on every row; the one shortcut is that messages'
 * secondary indexes are dropped before their load and recreated from their own pg_get_indexdef after it.
 */
final class Seed000Template {

    private static final String COMPLETE = "benchmark seed 000 template: complete";

    private final BenchmarkServer server;
    private final SeedDataset dataset;
    private final String name;

    Seed000Template(BenchmarkServer server, SeedDataset dataset) {
        this.server = server;
        this.dataset = dataset;
        this.name = "bench_seed000_" + String.valueOf(dataset.scale()).replace('.', '_');
    }

    String name() {
        return name;
    }

    boolean isComplete() {
        return server.exists(name)
                && COMPLETE.equals(server.queryOne("postgres", "select shobj_description(oid, 'pg_database') from pg_database where datname = '" + name + "'"));
    }

    /** Builds the template; returns the seconds of each step, in order. */
    Map<String, Double> build() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        server.drop(name);
        server.execute("postgres", "create database " + name);
        try (Connection connection = server.connect(name); Statement sql = connection.createStatement()) {
            long start = System.nanoTime();
            System.err.println("benchmark: seed 000 template: the seed's own SQL");
            SupabaseProject.shape(connection, SupabaseProject.PREINSTALLED_EXTENSIONS);
            SupabaseProject.giveRolesSupabaseSearchPath(connection);
            // the role settings apply from the next session on: the seed's SQL runs as the seed's team ran it
            try (Connection seedSession = server.connect(name)) {
                List<?> failures = SeedDatabase.runSeedSql(new Seed000Final(), seedSession);
                if (!failures.isEmpty()) {
                    throw new IllegalStateException("the seed's SQL did not run as in the seed tests, where nothing fails: " + failures);
                }
                SupabaseProject.letPostgresMoveItsExtensions(seedSession);
                for (String resource : new Seed000Final().fixtureResources()) {
                    if (resource.endsWith("team-tables.sql")) {
                        SeedDatabase.runStrictly(seedSession, resource);
                    }
                }
            }
            seconds.put("Supabase project, seed 000's SQL (recipe " + new Seed000Final().name() + "), team tables", since(start));
            step(seconds, "tenants, sites, domains", sql, tenants());
            step(seconds, "crawled pages, embeddings, content, extractions, jobs, patterns", sql, content());
            step(seconds, "conversations, tickets, widget events", sql, conversations());
            List<String> messageIndexes = PopulatedTemplate.secondaryIndexes(sql, "public.messages");
            step(seconds, "messages", sql, messages(messageIndexes));
            step(seconds, "messages' secondary indexes rebuilt (" + messageIndexes.size() + ")", sql, messageIndexes);
            step(seconds, "vacuum analyze", sql, List.of("vacuum analyze"));
            step(seconds, "checkpoint", sql, List.of("checkpoint"));
        } catch (SQLException e) {
            throw new IllegalStateException("building " + name + " failed: " + e.getMessage(), e);
        }
        server.execute("postgres", "comment on database " + name + " is '" + COMPLETE + "'");
        return seconds;
    }

    /** Row counts of the seed's and the team's tables, and the database's size. */
    Map<String, String> rowCounts(String database) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String table : List.of("auth.users", "public.customers", "public.customer_configs", "public.domains", "public.scraped_pages",
                "public.page_embeddings", "public.website_content", "public.ai_optimized_content", "public.structured_extractions",
                "public.content_refresh_jobs", "public.domain_patterns", "public.conversations", "public.messages", "public.support_tickets",
                "public.feature_requests", "public.widget_events")) {
            rows.put(table, server.queryOne(database, "select to_char(count(*), 'FM999G999G999') from " + table));
        }
        rows.put("public.messages with metadata null (backfilled by the reshaping)",
                server.queryOne(database, "select to_char(count(*), 'FM999G999G999') from public.messages where metadata is null"));
        rows.put("public.conversations with updated_at null (backfilled by the reshaping)",
                server.queryOne(database, "select to_char(count(*), 'FM999G999G999') from public.conversations where updated_at is null"));
        rows.put("database size", server.queryOne(database, "select pg_size_pretty(pg_database_size(current_database()))"));
        return rows;
    }

    private static void step(Map<String, Double> seconds, String what, Statement sql, List<String> statements) throws SQLException {
        TemplateStep.run("seed 000 template", seconds, what, sql, statements);
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Site s: owner account, customer and customer_configs row; two lowercase domains; an active site but every twentieth. */
    private List<String> tenants() {
        int s = dataset.sites();
        return List.of(
                "insert into auth.users (id, email, created_at, updated_at) select md5('bench-seed-owner-' || g)::uuid,"
                        + " 'owner-' || g || '@site-' || g || '.example.test', now() - interval '500 days' + g * interval '1 minute',"
                        + " now() - interval '500 days' + g * interval '1 minute' from generate_series(1, " + s + ") g",
                "insert into public.customers (id, auth_user_id, email, name, company_name, created_at, updated_at)"
                        + " select md5('bench-seed-customer-' || g)::uuid, md5('bench-seed-owner-' || g)::uuid, 'owner-' || g || '@site-' || g || '.example.test',"
                        + " 'Owner ' || g, case when g % 3 <> 0 then 'Company ' || g end, now() - interval '500 days' + g * interval '1 minute',"
                        + " case when g % 10 <> 0 then now() - interval '100 days' + g * interval '1 minute' end from generate_series(1, " + s + ") g",
                "insert into public.customer_configs (id, customer_id, domain, business_name, business_description, primary_color, welcome_message,"
                        + " suggested_questions, woocommerce_url, encrypted_credentials, owned_domains, rate_limit, allowed_origins, active, created_at, updated_at)"
                        + " select md5('bench-seed-site-' || g)::uuid, md5('bench-seed-customer-' || g)::uuid, 'site-' || g || '.example.test',"
                        + " 'Shop ' || g, 'Everything for hobby ' || g % 37, '#' || lpad(to_hex(g::bigint * 2654435 % 16777216), 6, '0'),"
                        + " 'Hi! How can we help?', '[\"Where is my order?\", \"Do you ship abroad?\"]'::jsonb,"
                        + " case when g % 2 = 0 then 'https://site-' || g || '.example.test' end,"
                        + " case when g % 2 = 0 then jsonb_build_object('woocommerce', jsonb_build_object('consumer_key', 'enc:v1:' || md5(g::text))) end,"
                        + " array['site-' || g || '.example.test', 'shop.site-' || g || '.example.test'], 10 + g % 3 * 10,"
                        + " array['https://site-' || g || '.example.test'], g % 20 <> 0, now() - interval '500 days' + g * interval '1 minute',"
                        + " now() - interval '50 days' + g * interval '1 minute' from generate_series(1, " + s + ") g",
                "insert into public.domains (id, customer_id, domain) select md5('bench-seed-domain-' || g || '-' || k)::uuid,"
                        + " md5('bench-seed-site-' || g)::uuid, case when k = 1 then '' else 'shop.' end || 'site-' || g || '.example.test'"
                        + " from generate_series(1, " + s + ") g cross join generate_series(1, " + SeedDataset.DOMAINS_PER_SITE + ") k");
    }

    /** Per site: crawled pages with one embedding each (a distinct random vector(1536)), unified and AI-optimised content, extractions, jobs, patterns, feature requests. */
    private List<String> content() {
        int s = dataset.sites();
        String sites = " from generate_series(1, " + s + ") g";
        return List.of(
                "insert into public.scraped_pages (id, customer_id, url, title, content, metadata, last_scraped_at, created_at, domain)"
                        + " select md5('bench-seed-page-' || g || '-' || k)::uuid, md5('bench-seed-site-' || g)::uuid,"
                        + " 'https://site-' || g || '.example.test/page-' || k, 'Page ' || k || ' of shop ' || g,"
                        + " repeat('Product ' || k || ' of shop ' || g || ' ships within three working days. ', 12),"
                        + " case when k % 4 <> 0 then '{\"status\": 200}'::jsonb end, now() - interval '3 days' + k * interval '1 minute',"
                        + " now() - interval '400 days' + k * interval '1 minute', 'site-' || g || '.example.test'"
                        + sites + " cross join generate_series(1, " + SeedDataset.PAGES_PER_SITE + ") k",
                "insert into public.page_embeddings (id, page_id, chunk_text, embedding, metadata, created_at)"
                        + " select md5('bench-seed-embedding-' || p.id)::uuid, p.id, left(p.content, 200), e.embedding,"
                        + " case when p.metadata is not null then '{\"chunk\": 0}'::jsonb end, p.last_scraped_at"
                        + " from public.scraped_pages p cross join lateral (select array_agg(random() - 0.5)::vector(1536) as embedding"
                        + " from generate_series(1, 1536) d where p.id is not null) e",
                "insert into public.website_content (id, domain_id, url, title, content, content_hash, metadata, is_active, created_at, updated_at)"
                        + " select md5('bench-seed-content-' || g || '-' || k)::uuid, md5('bench-seed-domain-' || g || '-1')::uuid,"
                        + " 'https://site-' || g || '.example.test/page-' || k, 'Page ' || k, 'Product ' || k || ' of shop ' || g || '.',"
                        + " md5('Product ' || k || ' of shop ' || g || '.'), case when k % 2 = 0 then '{\"source\": \"crawler\"}'::jsonb end,"
                        + " k % 10 <> 0, now() - interval '400 days' + k * interval '1 minute', case when k % 3 <> 0 then now() - interval '3 days' end"
                        + sites + " cross join generate_series(1, " + SeedDataset.CONTENT_PER_SITE + ") k",
                "insert into public.ai_optimized_content (id, domain_id, source_content_id, url, content_type, raw_content, optimized_title,"
                        + " optimized_summary, key_points, topics, keywords, readability_score, content_quality_score, created_at, updated_at)"
                        + " select md5('bench-seed-optimized-' || g || '-' || k)::uuid, md5('bench-seed-domain-' || g || '-1')::uuid,"
                        + " md5('bench-seed-content-' || g || '-' || k)::uuid, 'https://site-' || g || '.example.test/page-' || k,"
                        + " case when k = 1 then 'product' else 'article' end, 'Product ' || k || ' of shop ' || g || '.', 'Product ' || k,"
                        + " 'A summary of product ' || k, case when k = 1 then '[\"fast shipping\"]'::jsonb end, case when k = 1 then '[\"shop\"]'::jsonb end,"
                        + " case when k = 1 then array['shop', 'product'] end, 60 + k, 0.8, now() - interval '300 days', null"
                        + sites + " cross join generate_series(1, " + SeedDataset.OPTIMIZED_PER_SITE + ") k",
                "insert into public.structured_extractions (id, page_id, extraction_type, extracted_data, confidence_score, created_at)"
                        + " select md5('bench-seed-extraction-' || g || '-' || k)::uuid, md5('bench-seed-page-' || g || '-' || k)::uuid, 'product',"
                        + " jsonb_build_object('name', 'Product ' || k, 'price', 10 + k), 0.9, now() - interval '3 days'"
                        + sites + " cross join generate_series(1, " + SeedDataset.PAGES_PER_SITE + ", " + SeedDataset.PAGES_PER_EXTRACTION + ") k",
                "insert into public.content_refresh_jobs (id, customer_id, job_type, status, pages_processed, pages_total, started_at, completed_at)"
                        + " select md5('bench-seed-job-' || g || '-' || k)::uuid, md5('bench-seed-site-' || g)::uuid,"
                        + " (array['full', 'incremental', 'discover'])[k % 3 + 1], 'completed', " + SeedDataset.PAGES_PER_SITE + ", "
                        + SeedDataset.PAGES_PER_SITE + ", now() - k * interval '7 days', now() - k * interval '7 days' + interval '5 minutes'"
                        + sites + " cross join generate_series(1, " + SeedDataset.REFRESH_JOBS_PER_SITE + ") k",
                "insert into public.domain_patterns (domain_id, url_pattern, pattern_type, priority)"
                        + " select md5('bench-seed-domain-' || g || '-' || k)::uuid, '/page-*', case when k = 1 then 'product' else 'exclude' end, k"
                        + sites + " cross join generate_series(1, " + SeedDataset.DOMAINS_PER_SITE + ") k",
                "insert into public.feature_requests (customer_id, requested_by, title, votes, created_at)"
                        + " select md5('bench-seed-site-' || g)::uuid, case when k = 1 then md5('bench-seed-owner-' || g)::uuid end,"
                        + " 'Feature ' || k, k * 3, now() - k * interval '20 days'"
                        + sites + " cross join generate_series(1, " + SeedDataset.FEATURE_REQUESTS_PER_SITE + ") k");
    }

    /** Conversation g: site g % sites + 1, session sess_g, a visitor id on nine in ten, spread over a year; a ticket per hundred, a widget event each. */
    private List<String> conversations() {
        int s = dataset.sites();
        int c = dataset.conversations();
        return List.of(
                "insert into public.conversations (id, customer_id, session_id, user_id, status, created_at, updated_at)"
                        + " select md5('bench-seed-conversation-' || g)::uuid, md5('bench-seed-site-' || (g % " + s + " + 1))::uuid, 'sess_' || g,"
                        + " case when g % 10 <> 0 then 'visitor_' || to_hex(g * 7919) end, case when g > " + c + " - " + c + " / 50 then 'active' else 'closed' end,"
                        + " now() - interval '365 days' + g * (interval '365 days' / " + c + "),"
                        + " case when g % 5 <> 0 then now() - interval '365 days' + g * (interval '365 days' / " + c + ") + interval '10 minutes' end"
                        + " from generate_series(1, " + c + ") g",
                "insert into public.support_tickets (id, customer_id, email, subject, message, status, priority, created_at, resolved_at)"
                        + " select md5('bench-seed-ticket-' || g)::uuid, md5('bench-seed-site-' || (g % " + s + " + 1))::uuid, 'visitor-' || g || '@mail.example',"
                        + " 'Order ' || g, 'Where is my order ' || g || '?', case when g % 4 = 0 then 'open' else 'resolved' end,"
                        + " (array['low', 'medium', 'high'])[g % 3 + 1], now() - interval '365 days' + g * (interval '365 days' / " + c + "),"
                        + " case when g % 4 <> 0 then now() - interval '365 days' + g * (interval '365 days' / " + c + ") + interval '1 day' end"
                        + " from generate_series(" + SeedDataset.CONVERSATIONS_PER_TICKET + ", " + c + ", " + SeedDataset.CONVERSATIONS_PER_TICKET + ") g",
                "insert into public.widget_events (customer_id, event, payload, occurred_at)"
                        + " select md5('bench-seed-site-' || (g % " + s + " + 1))::uuid, 'opened', jsonb_build_object('conversation', 'sess_' || g),"
                        + " now() - interval '365 days' + g * (interval '365 days' / " + c + ") from generate_series(1, " + c + ") g");
    }

    /** Ten per conversation, a minute apart, user and assistant in turn; the assistant's carry their sources, the user's no metadata (null). */
    private List<String> messages(List<String> indexes) {
        List<String> statements = new ArrayList<>(PopulatedTemplate.dropping(indexes));
        statements.add("insert into public.messages (id, conversation_id, role, content, metadata, created_at)"
                + " select gen_random_uuid(), c.id, case when k % 2 = 1 then 'user' else 'assistant' end,"
                + " case when k % 2 = 1 then 'Question ' || k || ' about my order, in session ' || c.session_id"
                + " else 'Answer ' || k || ': your order ships within three working days; see the shipping page.' end,"
                + " case when k % 2 = 0 then '{\"sources\": [\"https://example.test/shipping\"]}'::jsonb end, c.created_at + k * interval '1 minute'"
                + " from public.conversations c cross join generate_series(1, " + dataset.messagesPerConversation() + ") k");
        return statements;
    }
}
