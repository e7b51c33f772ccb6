package platformdb.benchmarks;

import java.util.List;

/** Count, errors, median, p99 and maximum of a set of operation latencies, in milliseconds. */
record LatencySummary(int count, int errors, double p50, double p99, double max, String firstError) {

    static LatencySummary of(List<Sample> samples) {
        double[] millis = samples.stream().mapToDouble(Sample::millis).sorted().toArray();
        List<String> errors = samples.stream().map(Sample::error).filter(e -> e != null).toList();
        if (millis.length == 0) {
            return new LatencySummary(0, 0, Double.NaN, Double.NaN, Double.NaN, null);
        }
        return new LatencySummary(millis.length, errors.size(), percentile(millis, 0.50), percentile(millis, 0.99),
                millis[millis.length - 1], errors.isEmpty() ? null : errors.get(0));
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
