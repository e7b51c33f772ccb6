package platformdb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Issue 22, point 1: the first of one, two and three {@code scripts/liquibase update} runs of the whole changelog
 * started 1.5 s apart into one empty database, its wall time against its time alone (goal <= 1.2x). Interleaved per
 * round (1, 2, 3 deploys, on a new database each), so a slow moment of the machine falls on all three alike. Every run
 * must record each changeset once. Run by {@code scripts/benchmark concurrent-deploys [--runs=N]}.
 */
final class ConcurrentDeploysBenchmark {

    private static final String DATABASE = "bench_concurrent_deploys";
    private static final long START_APART_MILLIS = 1500;

    private final BenchmarkServer server;
    private final LiquibaseCli liquibase;

    ConcurrentDeploysBenchmark(BenchmarkServer server, LiquibaseCli liquibase) {
        this.server = server;
        this.liquibase = liquibase;
    }

    /** The first deploy's seconds, per round, for 1, 2 and 3 deploys at once. */
    List<double[]> run(int rounds) {
        List<double[]> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double[] first = new double[3];
            for (int deploys = 1; deploys <= 3; deploys++) {
                first[deploys - 1] = firstOf(deploys);
                System.err.printf(Locale.ROOT, "benchmark: round %d, %d deploys: the first took %.2f s%n", round + 1, deploys, first[deploys - 1]);
            }
            results.add(first);
        }
        return results;
    }

    private double firstOf(int deploys) {
        server.drop(DATABASE);
        server.execute("postgres", "create database " + DATABASE);
        server.execute(DATABASE, "create schema liquibase");
        List<CompletableFuture<ProcessRun>> runs = new ArrayList<>();
        for (int i = 0; i < deploys; i++) {
            if (i > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(START_APART_MILLIS));
            }
            runs.add(CompletableFuture.supplyAsync(() -> liquibase.run(DATABASE, "update")));
        }
        List<ProcessRun> finished = runs.stream().map(CompletableFuture::join).toList();
        for (ProcessRun run : finished) {
            if (!run.succeeded()) {
                throw new IllegalStateException("a deploy failed: " + run.lastError());
            }
        }
        String recorded = server.queryOne(DATABASE, "select count(*) || ' ' || count(distinct (filename, id, author)) from liquibase.databasechangelog");
        String[] counts = recorded.split(" ");
        if (!counts[0].equals(counts[1])) {
            throw new IllegalStateException("a changeset was recorded twice: " + recorded);
        }
        server.drop(DATABASE);
        return finished.get(0).wallSeconds();
    }

    static void main(Path root, BenchmarkServer server, LiquibaseCli liquibase, int rounds, String command) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String activity = Machine.otherActivity(root.resolve("target/benchmark/cluster").toString());
        List<double[]> results = new ConcurrentDeploysBenchmark(server, liquibase).run(rounds);
        StringBuilder text = new StringBuilder("\n\n### Deploys at once, waiting for the deploy lock: ").append(date).append("\n\n")
                .append("`").append(command).append("`: the first of N `scripts/liquibase update` runs of the whole changelog started ")
                .append(START_APART_MILLIS / 1000.0).append(" s apart into one empty database, ").append(rounds)
                .append(" rounds, interleaved; every run recorded each changeset once. Machine: ").append(Machine.describe())
                .append(". What else was running: ").append(activity).append(".\n\n")
                .append("| first deploy | median (s) | runs (s) | ratio to alone, per round | median ratio |\n| --- | ---: | --- | --- | ---: |\n");
        for (int deploys = 1; deploys <= 3; deploys++) {
            int index = deploys - 1;
            List<Double> seconds = results.stream().map(round -> round[index]).toList();
            List<Double> ratios = results.stream().map(round -> round[index] / round[0]).toList();
            text.append("| ").append(deploys == 1 ? "alone" : "with " + (deploys - 1) + " more").append(" | ")
                    .append(format(median(seconds))).append(" | ").append(join(seconds)).append(" | ")
                    .append(deploys == 1 ? "" : join(ratios)).append(" | ").append(deploys == 1 ? "" : format(median(ratios)) + "x").append(" |\n");
        }
        try {
            Files.writeString(root.resolve("docs/benchmarks.md"), text, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        System.out.print(text);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String join(List<Double> values) {
        return values.stream().map(ConcurrentDeploysBenchmark::format).collect(Collectors.joining(", "));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
