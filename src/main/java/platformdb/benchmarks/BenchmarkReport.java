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
