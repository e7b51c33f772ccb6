package platformdb.benchmarks;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One measured deploy of a release: its process run, and the load's latencies in three windows: baseline (the
 * seconds before the deploy started), during (operations overlapping the deploy), after (operations started once
 * the deploy and any long transaction had ended), overall and per operation.
 */
record DeployMeasurement(String release, Scenario scenario, ProcessRun run, LatencySummary baseline, LatencySummary during,
                         LatencySummary after, Map<LoadOperation, LatencySummary> baselineByOperation,
                         Map<LoadOperation, LatencySummary> duringByOperation) {

    static DeployMeasurement of(String release, Scenario scenario, ProcessRun run, List<Sample> samples,
                                long baselineFromNanos, long afterFromNanos) {
        List<Sample> baseline = samples.stream().filter(s -> s.startNanos() >= baselineFromNanos && s.endNanos() <= run.startNanos()).toList();
        List<Sample> during = samples.stream().filter(s -> s.overlaps(run.startNanos(), run.endNanos())).toList();
        List<Sample> after = samples.stream().filter(s -> s.startNanos() >= afterFromNanos).toList();
        return new DeployMeasurement(release, scenario, run, LatencySummary.of(baseline), LatencySummary.of(during),
                LatencySummary.of(after), byOperation(baseline), byOperation(during));
    }

    private static Map<LoadOperation, LatencySummary> byOperation(List<Sample> samples) {
        Map<LoadOperation, LatencySummary> summaries = new EnumMap<>(LoadOperation.class);
        for (LoadOperation operation : LoadOperation.values()) {
            summaries.put(operation, LatencySummary.of(samples.stream().filter(s -> s.operation() == operation).toList()));
        }
        return summaries;
    }

    boolean completed() {
        return run.succeeded();
    }

    /** Why the deploy failed, short: the changeset id and PostgreSQL's message ("canceling statement due to lock timeout"). */
    String failure() {
        String error = run.lastError();
        Matcher changeset = Pattern.compile("changeset \\S+::(\\S+)::\\S+").matcher(error);
        String message = error.contains("ERROR: ") ? error.substring(error.lastIndexOf("ERROR: ") + 7) : error;
        return changeset.find() ? changeset.group(1) + ": " + message : message;
    }
}
