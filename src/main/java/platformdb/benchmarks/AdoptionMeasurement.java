package platformdb.benchmarks;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One measured adoption: the preview's and the apply's process runs, every sample of the seed application's load, and
 * what the adoption's sessions were running meanwhile. The windows: baseline (the seconds before the preview),
 * preview and apply (operations overlapping each process), after (operations started once the apply ended).
 */
record AdoptionMeasurement(ProcessRun preview, String fingerprint, ProcessRun apply, List<Sample> samples, long baselineFromNanos,
                           List<DeployActivity.Seen> activity, Map<String, String> recorded) {

    /** The worst stall's goal: no operation of the load longer than this while the adoption applies. */
    static final double GOAL_MILLIS = 200;

    /** A named window of the load and its predicate on samples. */
    enum Window {
        BASELINE("baseline"), PREVIEW("during adopt (preview)"), APPLY("during adopt --apply"), AFTER("after");

        private final String description;

        Window(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    boolean applied() {
        return apply != null && apply.succeeded();
    }

    List<Sample> in(Window window) {
        return samples.stream().filter(predicate(window)).toList();
    }

    LatencySummary summary(Window window) {
        return LatencySummary.of(in(window));
    }

    Map<SeedLoadOperation, LatencySummary> byOperation(Window window) {
        Map<SeedLoadOperation, LatencySummary> summaries = new EnumMap<>(SeedLoadOperation.class);
        List<Sample> inWindow = in(window);
        for (SeedLoadOperation operation : SeedLoadOperation.values()) {
            summaries.put(operation, LatencySummary.of(inWindow.stream().filter(s -> s.operation() == operation).toList()));
        }
        return summaries;
    }

    /** The longest operations overlapping the apply, longest first. */
    List<Sample> longestDuringApply(int count) {
        return in(Window.APPLY).stream().sorted(Comparator.comparingDouble(Sample::millis).reversed()).limit(count).toList();
    }

    /**
     * One distinct error of the load (operation and message): how often, from when to when (seconds from the start of
     * the window's process), and the adoption's statement last seen running when it first occurred.
     */
    record Errors(String error, long count, double firstSeconds, double lastSeconds, String adoptionStatement) {
    }

    /** Each distinct error of the window, most frequent first. */
    List<Errors> errors(Window window) {
        Map<String, List<Sample>> byError = in(window).stream().filter(s -> s.error() != null)
                .collect(Collectors.groupingBy(s -> s.operation().description() + ": " + s.error(), LinkedHashMap::new, Collectors.toList()));
        long origin = window == Window.PREVIEW || apply == null ? preview.startNanos() : apply.startNanos();
        return byError.entrySet().stream().map(e -> {
            List<Sample> failed = e.getValue();
            Sample first = failed.get(0);
            return new Errors(e.getKey(), failed.size(), (first.startNanos() - origin) / 1e9,
                    (failed.get(failed.size() - 1).startNanos() - origin) / 1e9, DeployActivity.lastBefore(activity, first.endNanos()));
        }).sorted(Comparator.comparingLong(Errors::count).reversed()).toList();
    }

    /** Seconds from the apply's start to the sample's start. */
    double secondsIntoApply(Sample sample) {
        return (sample.startNanos() - apply.startNanos()) / 1e9;
    }

    /** The adoption's statements sampled while the operation ran, else the last one sampled before it ended. */
    String adoptionStatementsDuring(Sample sample) {
        List<String> during = DeployActivity.between(activity, sample.startNanos(), sample.endNanos());
        return during.isEmpty() ? "last seen before: " + DeployActivity.lastBefore(activity, sample.endNanos()) : String.join("; ", during);
    }

    private Predicate<Sample> predicate(Window window) {
        return switch (window) {
            case BASELINE -> s -> s.startNanos() >= baselineFromNanos && s.endNanos() <= preview.startNanos();
            case PREVIEW -> s -> s.overlaps(preview.startNanos(), preview.endNanos());
            case APPLY -> s -> apply != null && s.overlaps(apply.startNanos(), apply.endNanos());
            case AFTER -> s -> s.startNanos() >= (apply != null ? apply.endNanos() : preview.endNanos());
        };
    }
}
