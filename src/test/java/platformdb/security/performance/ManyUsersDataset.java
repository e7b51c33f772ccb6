package platformdb.security.performance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * Rows for many users, loaded set-based (generate_series) into a deployed database, then ANALYZEd:
 * 1 000 users; 200 of them are tenants (customers.auth_user_id) with one site (customer_configs) each;
 * 10 000 personal conversations (10 per user) and 2 000 widget conversations (10 per site), 10 messages each
 * (120 000 messages); 20 000 memories (20 per user) with vector(1536) embeddings; 20 000 scraped pages
 * (100 per site) with one embedded chunk each.
 *
 * <p>Ids are md5 of a name, so a test can name any row without asking the database. Embeddings come from a
 * pool of 256 random vectors: the cost of a distance is the same for any 1536 floats, and generating one
 * random array per row would cost seconds for nothing.
 *
 * <p>The HNSW indexes of the loaded tables (vector columns) are dropped before loading: building one over
 * 20 000 vectors of 1536 dimensions takes about 60 s on the project's 2-core machines (measured), and
 * inserting into three of them row by row even longer, which is beyond this suite's budget. They do not serve
 * these reads anyway: a user's or a tenant's nearest rows are a selective filter (1 user in 1 000), which the
 * B-tree on the owner serves exactly, while an approximate HNSW scan would filter its ef_search candidates
 * after the fact and return fewer rows than asked.
 */
final class ManyUsersDataset {

    static final int USERS = 1_000;
    static final int TENANTS = 200;
    static final int CONVERSATIONS_PER_USER = 10;
    static final int WIDGET_CONVERSATIONS_PER_SITE = 10;
    static final int MESSAGES_PER_CONVERSATION = 10;
    static final int MEMORIES_PER_USER = 20;
    static final int PAGES_PER_SITE = 100;

    private final List<String> droppedVectorIndexes;

    private ManyUsersDataset(List<String> droppedVectorIndexes) {
        this.droppedVectorIndexes = droppedVectorIndexes;
    }

    static UUID user(int n) {
        return id("perf-user-" + n);
    }

    static UUID conversationOf(int user, int k) {
        return id("perf-conv-" + (user - 1 + USERS * (k - 1)));
    }

    /** The k-th widget conversation (1-based) of the site of tenant {@code tenant}. */
    static UUID widgetConversationOf(int tenant, int k) {
        return id("perf-widget-conv-" + (tenant - 1 + TENANTS * (k - 1)));
    }

    List<String> droppedVectorIndexes() {
        return droppedVectorIndexes;
    }

    /** Loads batch 0: the rows every read names (its users, tenants, conversations). */
    static ManyUsersDataset loadInto(FreshDatabase database) {
        return loadInto(database, 0);
    }

    /**
     * Loads batch {@code batch} of the same shape: batch 0 has users 1..1000 and tenants 1..200, batch 1 users
     * 1001..2000 and tenants 201..400, and so on, so another batch doubles every table with other owners' rows.
     * The HNSW indexes are dropped before batch 0.
     */
    static ManyUsersDataset loadInto(FreshDatabase database, int batch) {
        try (Connection server = database.connect(); Statement sql = server.createStatement()) {
            List<String> hnsw = Sql.column(server, """
                    select i.indexrelid::regclass::text from pg_index i
                      join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
                     where a.amname = 'hnsw'
                       and i.indrelid in ('public.memories'::regclass, 'public.page_embeddings'::regclass, 'public.messages'::regclass)
                     order by 1""");
            for (String index : hnsw) {
                sql.execute("drop index " + index);
            }
            // replica: no row triggers (message counters, profile creation) and no FK checks during the bulk load
            sql.execute("set session_replication_role = replica");
            for (String statement : batchStatements(batch)) {
                sql.execute(statement);
            }
            sql.execute("set session_replication_role = origin");
            sql.execute("analyze auth.users, public.customers, public.customer_configs, public.conversations, public.messages, public.memories, public.scraped_pages, public.page_embeddings");
            return new ManyUsersDataset(hnsw);
        } catch (SQLException e) {
            throw new IllegalStateException("loading the many-users dataset failed: " + e.getMessage(), e);
        }
    }

    /**
     * The inserts of one batch. Row g of a batch belongs to user {@code g % USERS + 1 + firstUser} (or tenant, or
     * site, alike); the rows derived from others (messages, page chunks) are made for the rows that have none yet.
     */
    private static List<String> batchStatements(int batch) {
        int u = batch * USERS;
        int t = batch * TENANTS;
        int c = batch * USERS * CONVERSATIONS_PER_USER;
        int w = batch * TENANTS * WIDGET_CONVERSATIONS_PER_SITE;
        int m = batch * USERS * MEMORIES_PER_USER;
        int p = batch * TENANTS * PAGES_PER_SITE;
        return List.of(
                "insert into auth.users (id, email) select md5('perf-user-' || g)::uuid, 'perf-user-' || g || '@example.test' from generate_series(" + (u + 1) + ", " + (u + USERS) + ") g",
                "insert into public.customers (id, email, name, auth_user_id) select md5('perf-customer-' || g)::uuid, 'tenant-' || g || '@example.test', 'Tenant ' || g, md5('perf-user-' || g)::uuid from generate_series(" + (t + 1) + ", " + (t + TENANTS) + ") g",
                "insert into public.customer_configs (id, customer_id, domain) select md5('perf-config-' || g)::uuid, md5('perf-customer-' || g)::uuid, 'site-' || g || '.example.test' from generate_series(" + (t + 1) + ", " + (t + TENANTS) + ") g",
                "insert into public.conversations (id, user_id, created_at) select md5('perf-conv-' || g)::uuid, md5('perf-user-' || (g % " + USERS + " + " + (u + 1) + "))::uuid, now() - g * interval '1 minute' from generate_series(" + c + ", " + (c + USERS * CONVERSATIONS_PER_USER - 1) + ") g",
                "insert into public.conversations (id, customer_id, session_id, created_at) select md5('perf-widget-conv-' || g)::uuid, md5('perf-config-' || (g % " + TENANTS + " + " + (t + 1) + "))::uuid, 'session-' || g, now() - g * interval '1 minute' from generate_series(" + w + ", " + (w + TENANTS * WIDGET_CONVERSATIONS_PER_SITE - 1) + ") g",
                "insert into public.messages (conversation_id, role, content, created_at) select c.id, case when k % 2 = 1 then 'user' else 'assistant' end, 'message ' || k || ' of ' || c.id, c.created_at + k * interval '1 second' from public.conversations c cross join generate_series(1, " + MESSAGES_PER_CONVERSATION + ") k where not exists (select 1 from public.messages x where x.conversation_id = c.id)",
                "create temporary table if not exists perf_vectors as select v, (select array_agg(random() - 0.5)::extensions.vector(1536) from generate_series(1, 1536) d where v >= 0) as embedding from generate_series(0, 255) v",
                "insert into public.memories (user_id, type, content, embedding, created_at) select md5('perf-user-' || (g % " + USERS + " + " + (u + 1) + "))::uuid, 'fact', 'memory ' || g, pv.embedding, now() - g * interval '1 minute' from generate_series(" + m + ", " + (m + USERS * MEMORIES_PER_USER - 1) + ") g join perf_vectors pv on pv.v = g % 256",
                "insert into public.scraped_pages (id, customer_id, url, title, domain, last_scraped_at) select md5('perf-page-' || g)::uuid, md5('perf-config-' || (g % " + TENANTS + " + " + (t + 1) + "))::uuid, 'https://site-' || (g % " + TENANTS + " + " + (t + 1) + ") || '.example.test/page-' || g, 'Page ' || g, 'site-' || (g % " + TENANTS + " + " + (t + 1) + ") || '.example.test', now() - g * interval '1 minute' from generate_series(" + p + ", " + (p + TENANTS * PAGES_PER_SITE - 1) + ") g",
                "insert into public.page_embeddings (page_id, chunk_index, chunk_text, embedding) select p.id, 0, 'chunk of ' || p.url, pv.embedding from public.scraped_pages p join perf_vectors pv on pv.v = abs(hashtext(p.url)) % 256 where not exists (select 1 from public.page_embeddings x where x.page_id = p.id)");
    }

    /** Loads the dataset and prints one "RLS cost | dataset" line: the row counts and the load time. */
    static ManyUsersDataset loadAndReport(FreshDatabase database, int batch) {
        long start = System.nanoTime();
        ManyUsersDataset dataset = loadInto(database, batch);
        System.out.printf("RLS cost | dataset after batch %d: %d users, %d conversations, %d messages, %d memories, %d scraped_pages, %d page_embeddings; loaded in %d ms; HNSW indexes left out: %s%n",
                batch, count(database, "auth.users"), count(database, "public.conversations"), count(database, "public.messages"),
                count(database, "public.memories"), count(database, "public.scraped_pages"), count(database, "public.page_embeddings"),
                (System.nanoTime() - start) / 1_000_000, dataset.droppedVectorIndexes);
        return dataset;
    }

    static int count(FreshDatabase database, String table) {
        try (Connection server = database.connect()) {
            return Integer.parseInt(Sql.one(server, "select count(*) from " + table));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A query embedding (not one of the stored ones), as a vector literal. */
    static String queryEmbedding() {
        Random random = new Random(5);
        StringBuilder literal = new StringBuilder("'[");
        for (int i = 0; i < 1536; i++) {
            literal.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", random.nextDouble() - 0.5));
        }
        return literal.append("]'::extensions.vector").toString();
    }

    /** The uuid PostgreSQL's md5(name)::uuid gives. */
    private static UUID id(String name) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (digest[i] & 0xff);
                low = (low << 8) | (digest[i + 8] & 0xff);
            }
            return new UUID(high, low);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
