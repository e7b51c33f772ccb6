package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template database every measured deploy copies: deployed up to a release tag through scripts/liquibase, then
 * populated set-based (generate_series) with the {@link Dataset}. Built once per scale and kept in the benchmark
 * cluster (its database comment marks it complete); {@code --rebuild} builds it again.
 *
 * <p>Nothing the application relies on stays off: auth.users' trigger creates every profile; foreign keys and checks
 * are enforced on every row. Two shortcuts, both inside the load, both leaving the catalog as deployed: the
 * messages' per-row stats trigger is disabled inside the one transaction that inserts the messages, which then sets
 * conversations.message_count and last_message_at set-based to what the trigger would have written; and the
 * secondary indexes of messages and memories (B-tree, GIN, HNSW) are dropped before their load and recreated from
 * their own pg_get_indexdef after it (a bulk build, instead of a million random index inserts).
 */
final class PopulatedTemplate {

    private static final String COMPLETE = "benchmark template: complete";

    private final BenchmarkServer server;
    private final LiquibaseCli liquibase;
    private final Dataset dataset;
    private final String name;

    PopulatedTemplate(BenchmarkServer server, LiquibaseCli liquibase, Dataset dataset) {
        this.server = server;
        this.liquibase = liquibase;
        this.dataset = dataset;
        this.name = "bench_template_" + String.valueOf(dataset.scale()).replace('.', '_');
    }

    String name() {
        return name;
    }

    boolean isComplete() {
        return server.exists(name)
                && COMPLETE.equals(server.queryOne("postgres", "select shobj_description(oid, 'pg_database') from pg_database where datname = '" + name + "'"));
    }

    /** Builds the template: deploy to {@code tag}, then each load step. Returns the seconds of each step, in order. */
    Map<String, Double> build(String tag) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        server.drop(name);
        server.execute("postgres", "create database " + name);
        server.execute(name, "create schema liquibase");
        long start = System.nanoTime();
        liquibase.updateToTag(name, tag);
        seconds.put("deploy to " + tag + " (scripts/liquibase update-to-tag)", since(start));
        try (Connection connection = server.connect(name); Statement sql = connection.createStatement()) {
            sql.execute("set maintenance_work_mem = '1GB'");
            step(seconds, "users (profiles by the app's trigger), tenants, sites", sql, accounts());
            step(seconds, "conversations", sql, List.of(conversations()));
            List<String> messageIndexes = secondaryIndexes(sql, "public.messages");
            List<String> memoryIndexes = secondaryIndexes(sql, "public.memories");
            step(seconds, "messages, with conversation stats", sql, messages(messageIndexes));
            step(seconds, "memories", sql, memories(memoryIndexes));
            step(seconds, "messages' and memories' secondary indexes rebuilt (" + (messageIndexes.size() + memoryIndexes.size()) + ")", sql, concat(messageIndexes, memoryIndexes));
            step(seconds, "vacuum analyze", sql, List.of("vacuum analyze"));
            step(seconds, "checkpoint", sql, List.of("checkpoint"));
        } catch (SQLException e) {
            throw new IllegalStateException("populating " + name + " failed: " + e.getMessage(), e);
        }
        server.execute("postgres", "comment on database " + name + " is '" + COMPLETE + "'");
        return seconds;
    }

    private static void step(Map<String, Double> seconds, String what, Statement sql, List<String> statements) throws SQLException {
        TemplateStep.run("template", seconds, what, sql, statements);
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The CREATE INDEX statements of the table's indexes that back no constraint. */
    static List<String> secondaryIndexes(Statement sql, String table) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("select pg_get_indexdef(i.indexrelid) from pg_index i where i.indrelid = '" + table
                + "'::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid) order by i.indexrelid")) {
            while (rows.next()) {
                definitions.add(rows.getString(1));
            }
        }
        return definitions;
    }

    static List<String> dropping(List<String> definitions) {
        return definitions.stream()
                .map(definition -> definition.replaceFirst("^CREATE INDEX (\\S+) ON (\\S+)\\..*$", "drop index $2.$1"))
                .toList();
    }

    private List<String> accounts() {
        return List.of(
                "insert into auth.users (id, email, created_at) select md5('bench-user-' || g)::uuid, 'bench-user-' || g || '@example.test', now() - interval '400 days' + g * interval '1 second' from generate_series(1, " + dataset.users() + ") g",
                "insert into public.customers (id, email, name, auth_user_id) select md5('bench-customer-' || g)::uuid, 'tenant-' || g || '@example.test', 'Tenant ' || g, md5('bench-user-' || g)::uuid from generate_series(1, " + dataset.tenants() + ") g",
                "insert into public.customer_configs (id, customer_id, domain) select md5('bench-site-' || g)::uuid, md5('bench-customer-' || g)::uuid, 'site-' || g || '.example.test' from generate_series(1, " + dataset.tenants() + ") g");
    }

    /** Nine in ten personal (user g % users + 1), every tenth a widget conversation of a site; spread over a year. */
    private String conversations() {
        int c = dataset.conversations();
        return "insert into public.conversations (id, user_id, customer_id, session_id, title, created_at)"
                + " select md5('bench-conv-' || g)::uuid,"
                + " case when g % 10 <> 0 then md5('bench-user-' || (g % " + dataset.users() + " + 1))::uuid end,"
                + " case when g % 10 = 0 then md5('bench-site-' || (g / 10 % " + dataset.tenants() + " + 1))::uuid end,"
                + " case when g % 10 = 0 then 'session-' || g end, 'Conversation ' || g,"
                + " now() - interval '365 days' + g * (interval '365 days' / " + c + ")"
                + " from generate_series(1, " + c + ") g";
    }

    /** Messages with distinct random embeddings on some; the stats trigger's effect applied set-based, atomically. */
    private List<String> messages(List<String> indexes) {
        List<String> statements = new ArrayList<>(dropping(indexes));
        statements.addAll(List.of(
                "begin",
                "alter table public.messages disable trigger update_conversation_stats",
                "insert into public.messages (conversation_id, role, content, created_at, embedding)"
                        + " select c.id, case when k % 2 = 1 then 'user' else 'assistant' end, 'Message ' || k || ' of ' || c.title,"
                        + " c.created_at + k * interval '1 minute', e.embedding"
                        + " from public.conversations c cross join generate_series(1, " + dataset.messagesPerConversation() + ") k"
                        + " left join lateral (" + randomVector() + " where k = 1 and hashtext(c.id::text) % " + Math.max(1, dataset.conversations() / dataset.embeddedMessages()) + " = 0) e on true",
                "alter table public.messages enable trigger update_conversation_stats",
                "update public.conversations c set message_count = s.n, last_message_at = s.last"
                        + " from (select conversation_id, count(*)::int n, max(created_at) last from public.messages group by conversation_id) s"
                        + " where s.conversation_id = c.id",
                "commit"));
        return statements;
    }

    /** Memories of every user; every (memories / embeddedMemories)-th has a distinct random embedding. */
    private List<String> memories(List<String> indexes) {
        List<String> statements = new ArrayList<>(dropping(indexes));
        int every = Math.max(1, dataset.memories() / dataset.embeddedMemories());
        statements.add("insert into public.memories (user_id, type, content, created_at, embedding)"
                + " select md5('bench-user-' || (g % " + dataset.users() + " + 1))::uuid, (array['fact', 'preference', 'conversation'])[g % 3 + 1],"
                + " 'Memory ' || g || ': the user mentioned topic ' || (g % 997), now() - interval '300 days' + g * interval '1 minute', e.embedding"
                + " from generate_series(1, " + dataset.memories() + ") g"
                + " left join lateral (" + randomVector() + " where g % " + every + " = 0) e on true");
        return statements;
    }

    /** A select of one random vector(1536); correlated by its caller's WHERE, so each row gets its own. */
    private static String randomVector() {
        return "select array_agg(random() - 0.5)::extensions.vector(1536) as embedding from generate_series(1, 1536) d";
    }
}
