package platformdb.benchmarks;

/** What runs beside a measured deploy. */
enum Scenario {
    UNDER_LOAD("reader+writer load"),
    LONG_READ_TRANSACTION("load + a transaction that read conversations, open 10 s into the deploy");

    static final long LONG_TRANSACTION_MILLIS = 10_000;

    private final String description;

    Scenario(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
