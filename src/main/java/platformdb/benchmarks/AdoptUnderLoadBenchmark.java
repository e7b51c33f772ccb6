package platformdb.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import platformdb.seeds.SupabaseProject;

/**
 * Issue 21: seed 000's database at its final point, filled at a scale (1 = 100 000 conversations, 1 000 000 messages),
 * adopted while the seed's application runs: {@code scripts/liquibase adopt} (the preview, for its fingerprint), then
 * {@code adopt --apply --fingerprint=...} (baseline, reshaping, master, verification), each the real script in its own
 * process, on a fresh copy of the {@link Seed000Template}, with the {@link SeedLoadOperation} load running throughout.
 * Reports the load's worst stall during the apply (goal: at most 200 ms) and the adoption's wall times. Run by
 * {@code scripts/benchmark adopt-under-load [--scale=<s>] [--label=<text>] [--rebuild]}.
 */
final class AdoptUnderLoadBenchmark {

    private static final String DATABASE = "bench_adopt";
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: (\\w+)");

    private final BenchmarkServer server;
    private final LiquibaseCli liquibase;
    private final SeedDataset dataset;
    private final Path work;

    AdoptUnderLoadBenchmark(BenchmarkServer server, LiquibaseCli liquibase, SeedDataset dataset, Path work) {
        this.server = server;
        this.liquibase = liquibase;
        this.dataset = dataset;
        this.work = work;
    }

    /** Warm-up, baseline, preview, apply, after; the load runs throughout. The copy is dropped at the end. */
    AdoptionMeasurement run(Seed000Template template) {
        server.copy(template.name(), DATABASE);
        // the roles' search_path in the seed's database is a per-database setting, which a copy does not carry
        try (Connection connection = server.connect(DATABASE)) {
            SupabaseProject.giveRolesSupabaseSearchPath(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot give the copy Supabase's role settings: " + e.getMessage(), e);
        }
        Load load = Load.start(server, DATABASE, dataset, List.of(SeedLoadOperation.values()));
        DeployActivity activity = DeployActivity.start(server, DATABASE);
        pause(DeployUnderLoadBenchmark.WARM_UP_MILLIS);
        long baselineFrom = System.nanoTime();
        pause(DeployUnderLoadBenchmark.BASELINE_MILLIS);
        System.err.println("benchmark: adopt (preview)");
        ProcessRun preview = liquibase.run(DATABASE, "adopt");
        String fingerprint = fingerprint(preview);
        ProcessRun apply = null;
        if (preview.succeeded() && fingerprint != null) {
            System.err.println("benchmark: adopt --apply --fingerprint=" + fingerprint);
            apply = liquibase.run(DATABASE, "adopt", "--apply", "--fingerprint=" + fingerprint,
                    "--accepted-differences-file=" + work.resolve("adopt-under-load-accepted.yaml"));
        }
        long afterFrom = apply != null ? apply.endNanos() : preview.endNanos();
        pause(Math.max(0, DeployUnderLoadBenchmark.AFTER_MILLIS - (System.nanoTime() - afterFrom) / 1_000_000));
        List<Sample> samples = load.stop();
        List<DeployActivity.Seen> seen = activity.stop();
        Map<String, String> recorded = recorded();
        server.drop(DATABASE);
        return new AdoptionMeasurement(preview, fingerprint, apply, samples, baselineFrom, seen, recorded);
    }

    /** What the adoption recorded in the history: the reshaping's changesets, the master's, the baseline's. */
    private Map<String, String> recorded() {
        Map<String, String> counts = new LinkedHashMap<>();
        if (!"1".equals(server.queryOne(DATABASE, "select 1 from pg_tables where schemaname = 'liquibase' and tablename = 'databasechangelog'"))) {
            return counts;
        }
        counts.put("recorded as there by the baseline", server.queryOne(DATABASE,
                "select count(*) from liquibase.databasechangelog where comments like 'adopted:%'"));
        counts.put("reshaping changesets run", server.queryOne(DATABASE,
                "select count(*) from liquibase.databasechangelog where filename like 'changelog/adoption/%'"));
        counts.put("master changesets run", server.queryOne(DATABASE,
                "select count(*) from liquibase.databasechangelog where filename not like 'changelog/adoption/%' and comments not like 'adopted:%'"));
        return counts;
    }

    private static String fingerprint(ProcessRun preview) {
        try {
            Matcher printed = FINGERPRINT.matcher(Files.readString(preview.output()));
            return printed.find() ? printed.group(1) : null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void main(Path root, BenchmarkServer server, LiquibaseCli liquibase, double scale, String label, boolean rebuild, String command) {
        Path work = root.resolve("target/benchmark");
        SeedDataset dataset = SeedDataset.atScale(scale);
        String activityAtStart = Machine.otherActivity(work.resolve("cluster").toString());
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));

        Seed000Template template = new Seed000Template(server, dataset);
        boolean reused = !rebuild && template.isComplete();
        Map<String, Double> buildSeconds = reused ? Map.of() : template.build();
        Map<String, String> rows = template.rowCounts(template.name());
        long copyMillis = server.copy(template.name(), "bench_copy_probe");
        server.drop("bench_copy_probe");

        AdoptionMeasurement measurement = new AdoptUnderLoadBenchmark(server, liquibase, dataset, work).run(template);

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Machine", Machine.describe());
        facts.put("PostgreSQL", server.describe() + "; the cluster's superuser is postgres, which the adoption and the seed's SQL run as");
        facts.put("Load (seed 000's application, unchanged)", SeedLoadOperation.values().length + " threads, one per operation ("
                + String.join("; ", List.of(SeedLoadOperation.values()).stream().map(SeedLoadOperation::description).toList())
                + "), each pausing " + Load.PAUSE_MILLIS + " ms between operations, on random conversations of the whole dataset");
        facts.put("What else was running, at start", activityAtStart);
        facts.put("What else was running, at end", Machine.otherActivity(work.resolve("cluster").toString()));
        facts.put("Runs", "1 (a single stall is a sample, not a distribution)");

        String heading = "Seed 000 adopted under load, scale " + scale + (label.isBlank() ? "" : ", " + label);
        BenchmarkReport report = new BenchmarkReport().heading(heading, date, command).facts(facts)
                .seedDatabase(rows, buildSeconds, reused, copyMillis).adoption(measurement);
        report.appendTo(root.resolve("docs/benchmarks.md"));
        System.out.print(report);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
