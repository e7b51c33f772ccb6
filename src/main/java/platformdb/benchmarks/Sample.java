package platformdb.benchmarks;

/** One operation of the load: when it started and ended (System.nanoTime) and its error, null when it succeeded. */
record Sample(Operation<?> operation, long startNanos, long endNanos, String error) {

    double millis() {
        return (endNanos - startNanos) / 1e6;
    }

    boolean overlaps(long fromNanos, long toNanos) {
        return startNanos < toNanos && endNanos > fromNanos;
    }
}
