package platformdb.benchmarks;

/**
 * What runs beside a measured deploy: the {@link Load} alone, or the load and a {@link LongReadTransaction} on
 * public.conversations, held {@code LONG_TRANSACTION_MILLIS} after the deploy first waits on a lock.
 */
enum Scenario {
    UNDER_LOAD("load"),
    LONG_READ_TRANSACTION("load + long read transaction");

    static final long LONG_TRANSACTION_MILLIS = 10_000;

    private final String description;

    Scenario(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
