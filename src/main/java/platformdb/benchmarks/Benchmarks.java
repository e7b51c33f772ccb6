package platformdb.benchmarks;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks of issue 10, run by scripts/benchmark (never by ./mvnw verify): a populated template database at
 * the base release, each later release deployed under load (and beside a long read transaction), and the fixed
 * costs of a no-op update and of rollbackCount 1 against psql. Appends a labelled section to docs/benchmarks.md.
 *
 * <p>Arguments: {@code --scale=<s>} (1 = 1M messages), {@code --runs=<n>} (fixed-cost runs), {@code --label=<text>},
 * {@code --rebuild} (build the template again), {@code --base-tag=<tag>} (default advanced-analytics); or
 * {@code concurrent-deploys [--runs=<n>]} alone ({@link ConcurrentDeploysBenchmark}); or
 * {@code adopt-under-load [--scale=<s>] [--label=<text>] [--rebuild]} alone ({@link AdoptUnderLoadBenchmark}).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        double scale = Double.parseDouble(option(args, "scale", "1"));
        int runs = Integer.parseInt(option(args, "runs", "5"));
        String label = option(args, "label", "run");
        String baseTag = option(args, "base-tag", "advanced-analytics");
        boolean rebuild = List.of(args).contains("--rebuild");
        Path root = Path.of(System.getenv().getOrDefault("BENCH_ROOT", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("target/benchmark");
        String command = System.getenv().getOrDefault("BENCH_COMMAND", "scripts/benchmark " + String.join(" ", args));

        BenchmarkServer server = BenchmarkServer.fromEnvironment();
        LiquibaseCli liquibase = new LiquibaseCli(root, server, work.resolve("logs"));
        if (List.of(args).contains("concurrent-deploys")) {
            ConcurrentDeploysBenchmark.main(root, server, liquibase, runs, command);
            return;
        }
        if (List.of(args).contains("adopt-under-load")) {
            AdoptUnderLoadBenchmark.main(root, server, liquibase, scale, option(args, "label", ""), rebuild, command);
            return;
        }
        Dataset dataset = Dataset.atScale(scale);
        List<String> releases = Releases.after(root.resolve("changelog/db.changelog-master.yaml"), baseTag);
        String activityAtStart = Machine.otherActivity(work.resolve("cluster").toString());
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        System.err.println("benchmark: releases after " + baseTag + ": " + releases);

        PopulatedTemplate template = new PopulatedTemplate(server, liquibase, dataset);
        boolean reused = !rebuild && template.isComplete();
        Map<String, Double> buildSeconds = reused ? Map.of() : template.build(baseTag);
        Map<String, String> rows = rowCounts(server, template.name());
        long copyMillis = server.copy(template.name(), "bench_copy_probe");
        server.drop("bench_copy_probe");

        List<DeployMeasurement> deploys = new DeployUnderLoadBenchmark(server, liquibase, template, dataset).run(releases);
        List<FixedCost> fixedCosts = new FixedCostsBenchmark(server, liquibase, template, root, work).run(runs);

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Machine", Machine.describe());
        facts.put("PostgreSQL", server.describe());
        facts.put("Releases measured (after " + baseTag + ", read from the master changelog)", String.join(", ", releases));
        facts.put("Load", LoadOperation.values().length + " threads, one per operation (" + String.join("; ",
                List.of(LoadOperation.values()).stream().map(LoadOperation::description).toList()) + "), each pausing "
                + Load.PAUSE_MILLIS + " ms between operations, on random personal conversations");
        facts.put("What else was running, at start", activityAtStart);
        facts.put("What else was running, at end", Machine.otherActivity(work.resolve("cluster").toString()));
        facts.put("Runs", "deploy under load: 1 per release and scenario; fixed costs: " + runs + " each");

        BenchmarkReport report = new BenchmarkReport().heading(label, date, command).facts(facts)
                .dataset(rows, buildSeconds, reused).deploys(deploys, copyMillis).fixedCosts(fixedCosts, runs);
        report.appendTo(root.resolve("docs/benchmarks.md"));
        System.out.print(report);
    }

    private static Map<String, String> rowCounts(BenchmarkServer server, String database) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String table : List.of("auth.users", "public.user_profiles", "public.customers", "public.customer_configs",
                "public.conversations", "public.messages", "public.memories")) {
            rows.put(table, server.queryOne(database, "select to_char(count(*), 'FM999G999G999') from " + table));
        }
        rows.put("public.memories with an embedding", server.queryOne(database, "select to_char(count(*), 'FM999G999G999') from public.memories where embedding is not null"));
        rows.put("public.messages with an embedding", server.queryOne(database, "select to_char(count(*), 'FM999G999G999') from public.messages where embedding is not null"));
        rows.put("database size", server.queryOne(database, "select pg_size_pretty(pg_database_size(current_database()))"));
        return rows;
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
