package platformdb.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One run's results as a labelled markdown section, appended to docs/benchmarks.md (earlier runs stay). */
final class BenchmarkReport {

    private final StringBuilder text = new StringBuilder();

    BenchmarkReport heading(String label, String date, String command) {
        line("");
        line("### " + label + ": " + date);
        line("");
        line("Command: `" + command + "`");
        line("");
        return this;
    }

    BenchmarkReport facts(Map<String, String> facts) {
        facts.forEach((key, value) -> line("- " + key + ": " + value));
        line("");
        return this;
    }

    BenchmarkReport dataset(Map<String, String> rowCounts, Map<String, Double> buildSeconds, boolean reused) {
        line("**Populated database** (the template, deployed to the base release then loaded):");
        return template(rowCounts, buildSeconds, reused);
    }

    /** A template database's row counts, and its build steps unless an earlier run built it. */
    private BenchmarkReport template(Map<String, String> rowCounts, Map<String, Double> buildSeconds, boolean reused) {
        line("");
        line("| table | rows |");
        line("| --- | ---: |");
        rowCounts.forEach((table, rows) -> line("| " + table + " | " + rows + " |"));
        line("");
        if (reused) {
            line("Template reused from an earlier run of the same scale (build times are in that run's section; `--rebuild` rebuilds it).");
        } else {
            line("| template build step | seconds |");
            line("| --- | ---: |");
            buildSeconds.forEach((step, seconds) -> line("| " + step + " | " + format(seconds) + " |"));
            line("| **total** | **" + format(buildSeconds.values().stream().mapToDouble(Double::doubleValue).sum()) + "** |");
        }
        line("");
        return this;
    }

    BenchmarkReport deploys(List<DeployMeasurement> measurements, long copyMillis) {
        line("**Deploy under load** (each on a fresh copy of the template; copying it took " + copyMillis + " ms). Latencies in ms of the"
                + " load's operations: baseline = the " + DeployUnderLoadBenchmark.BASELINE_MILLIS / 1000 + " s before the deploy, during ="
                + " every operation overlapping the deploy process, after = operations started once the deploy (and the long transaction) ended.");
        line("");
        line("| release | scenario | completed | deploy wall s | baseline p50 / p99 / max | during: ops, p99 / **max** | after p50 / p99 | errors during |");
        line("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |");
        for (DeployMeasurement m : measurements) {
            line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s / %s | %d, %s / **%s** | %s / %s | %s |",
                    m.release(), m.scenario().description(), m.completed() ? "yes" : "**no**: " + m.failure().replace("|", "\\|"),
                    format(m.run().wallSeconds()), format(m.baseline().p50()), format(m.baseline().p99()), format(m.baseline().max()),
                    m.during().count(), format(m.during().p99()), format(m.during().max()), format(m.after().p50()), format(m.after().p99()),
                    m.during().errors() == 0 ? "0" : m.during().errors() + " (" + m.during().firstError().replace("|", "\\|") + ")"));
        }
        line("");
        line("Per operation (baseline p99 → during-deploy p99 / max, ms):");
        line("");
        line("| release | scenario | " + String.join(" | ", List.of(LoadOperation.values()).stream().map(LoadOperation::description).toList()) + " |");
        line("| --- | --- |" + " ---: |".repeat(LoadOperation.values().length));
        for (DeployMeasurement m : measurements) {
            StringBuilder row = new StringBuilder("| " + m.release() + " | " + m.scenario().description() + " |");
            for (LoadOperation operation : LoadOperation.values()) {
                LatencySummary before = m.baselineByOperation().get(operation);
                LatencySummary during = m.duringByOperation().get(operation);
                row.append(' ').append(format(before.p99())).append(" → ").append(format(during.p99())).append(" / ").append(format(during.max())).append(" |");
            }
            line(row.toString());
        }
        line("");
        return this;
    }

    BenchmarkReport fixedCosts(List<FixedCost> costs, int runs) {
        line("**Fixed costs** (" + runs + " runs each after one warm-up, interleaved; seconds of wall time, process start to exit):");
        line("");
        line("| command | median | min | floor: same SQL by psql | median | min |");
        line("| --- | ---: | ---: | --- | ---: | ---: |");
        for (FixedCost cost : costs) {
            line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", cost.command(), format(FixedCost.median(cost.liquibaseSeconds())),
                    format(FixedCost.min(cost.liquibaseSeconds())), cost.floor(), format(FixedCost.median(cost.psqlSeconds())), format(FixedCost.min(cost.psqlSeconds()))));
        }
        line("");
        for (FixedCost cost : costs) {
            line("- " + cost.command() + ": " + FixedCost.all(cost.liquibaseSeconds()) + "; psql: " + FixedCost.all(cost.psqlSeconds()));
        }
        line("");
        return this;
    }

    BenchmarkReport seedDatabase(Map<String, String> rowCounts, Map<String, Double> buildSeconds, boolean reused, long copyMillis) {
        line("**Seed 000's database** (the template: an empty Supabase project, the seed's own SQL, the team's tables, then"
                + " rows at scale; every run adopts a fresh copy, which took " + copyMillis + " ms):");
        return template(rowCounts, buildSeconds, reused);
    }

    BenchmarkReport adoption(AdoptionMeasurement m) {
        line("**The adoption** (`scripts/liquibase adopt`, then `adopt --apply --fingerprint=<the preview's>`, each a process of its own;"
                + " wall time from process start to exit):");
        line("");
        line("| step | wall s | exit | result |");
        line("| --- | ---: | ---: | --- |");
        line("| adopt (preview) | " + format(m.preview().wallSeconds()) + " | " + m.preview().exitCode() + " | "
                + (m.fingerprint() == null ? "no fingerprint printed: " + escape(m.preview().lastError()) : "fingerprint " + m.fingerprint()) + " |");
        if (m.apply() == null) {
            line("| adopt --apply | - | - | not run |");
        } else {
            line("| adopt --apply | **" + format(m.apply().wallSeconds()) + "** | " + m.apply().exitCode() + " | "
                    + (m.applied() ? "adopted and verified" : "**failed**: " + escape(m.apply().lastError())) + " |");
        }
        line("");
        if (!m.recorded().isEmpty()) {
            line("History after the apply: " + String.join("; ", m.recorded().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()) + ".");
            line("");
        }
        LatencySummary apply = m.summary(AdoptionMeasurement.Window.APPLY);
        line(String.format(Locale.ROOT, "**Worst stall during the apply: %s ms** (goal <= %s ms: %s); baseline worst %s ms.",
                format(apply.max()), format(AdoptionMeasurement.GOAL_MILLIS),
                Double.isNaN(apply.max()) ? "not measured" : apply.max() <= AdoptionMeasurement.GOAL_MILLIS ? "**met**" : "**not met**",
                format(m.summary(AdoptionMeasurement.Window.BASELINE).max())));
        line("");
        line("Latencies in ms of the load's operations, whole transactions: baseline = the " + DeployUnderLoadBenchmark.BASELINE_MILLIS / 1000
                + " s before the preview; during = every operation overlapping the process; after = operations started once the apply ended.");
        line("");
        line("| window | ops | errors | p50 | p99 | max |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (AdoptionMeasurement.Window window : AdoptionMeasurement.Window.values()) {
            LatencySummary s = m.summary(window);
            line("| " + window.description() + " | " + s.count() + " | " + s.errors() + " | " + format(s.p50()) + " | " + format(s.p99()) + " | " + format(s.max()) + " |");
        }
        line("");
        line("Per operation (p50 / p99 / max, ms; errors):");
        line("");
        line("| operation | baseline | during the preview | during the apply | errors during the apply | after |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        Map<SeedLoadOperation, LatencySummary> baseline = m.byOperation(AdoptionMeasurement.Window.BASELINE);
        Map<SeedLoadOperation, LatencySummary> preview = m.byOperation(AdoptionMeasurement.Window.PREVIEW);
        Map<SeedLoadOperation, LatencySummary> during = m.byOperation(AdoptionMeasurement.Window.APPLY);
        Map<SeedLoadOperation, LatencySummary> after = m.byOperation(AdoptionMeasurement.Window.AFTER);
        for (SeedLoadOperation operation : SeedLoadOperation.values()) {
            line("| " + operation.description() + " | " + triple(baseline.get(operation)) + " | " + triple(preview.get(operation)) + " | "
                    + triple(during.get(operation)) + " | " + during.get(operation).errors() + " of " + during.get(operation).count() + " | "
                    + triple(after.get(operation)) + " |");
        }
        line("");
        List<Sample> longest = m.longestDuringApply(5);
        if (!longest.isEmpty()) {
            line("The longest operations during the apply, and what the adoption's sessions were running meanwhile (pg_stat_activity, sampled every "
                    + DeployActivity.EVERY_MILLIS + " ms):");
            line("");
            line("| operation | ms | started (s into the apply) | the adoption was running |");
            line("| --- | ---: | ---: | --- |");
            for (Sample sample : longest) {
                line(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |", sample.operation().description(), format(sample.millis()),
                        m.secondsIntoApply(sample), escape(m.adoptionStatementsDuring(sample))));
            }
            line("");
        }
        for (AdoptionMeasurement.Window window : AdoptionMeasurement.Window.values()) {
            List<AdoptionMeasurement.Errors> errors = m.errors(window);
            if (!errors.isEmpty()) {
                line("Errors of the load " + window.description() + " (seconds from the start of "
                        + (window == AdoptionMeasurement.Window.PREVIEW ? "the preview" : "the apply") + "):");
                line("");
                for (AdoptionMeasurement.Errors e : errors) {
                    line(String.format(Locale.ROOT, "- %d x %s: from %.1f s to %.1f s; the adoption's statement last seen at the first: `%s`",
                            e.count(), escape(e.error()), e.firstSeconds(), e.lastSeconds(), e.adoptionStatement().replace("`", "'")));
                }
                line("");
            }
        }
        return this;
    }

    private static String triple(LatencySummary s) {
        return format(s.p50()) + " / " + format(s.p99()) + " / " + format(s.max());
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|");
    }

    void appendTo(Path file) {
        try {
            Files.writeString(file, text.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void line(String line) {
        text.append(line).append('\n');
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
