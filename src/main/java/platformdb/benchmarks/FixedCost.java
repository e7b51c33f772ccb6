package platformdb.benchmarks;

import java.util.Arrays;
import java.util.List;

/** The wall times, in seconds, of one command through Liquibase and of psql running the SQL it would run. */
record FixedCost(String command, String floor, List<Double> liquibaseSeconds, List<Double> psqlSeconds) {

    static double median(List<Double> seconds) {
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(List<Double> seconds) {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static String all(List<Double> seconds) {
        return Arrays.toString(seconds.stream().mapToDouble(s -> Math.round(s * 1000) / 1000.0).toArray());
    }
}
