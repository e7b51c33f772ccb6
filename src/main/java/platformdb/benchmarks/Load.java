package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The application's traffic while a deploy runs: one thread per {@link Operation}, each on its own connection, one
 * operation every {@code PAUSE_MILLIS} after the previous ends, on random rows of the dataset. Every operation's
 * latency and error is recorded; a statement_timeout of 60 s keeps a stuck operation from hanging the run.
 */
final class Load implements AutoCloseable {

    static final long PAUSE_MILLIS = 10;

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** The release benchmark's load: every {@link LoadOperation} on the populated database. */
    static Load start(BenchmarkServer server, String database, Dataset dataset) {
        return start(server, database, dataset, List.of(LoadOperation.values()));
    }

    static <D> Load start(BenchmarkServer server, String database, D dataset, List<? extends Operation<D>> operations) {
        Load load = new Load();
        long seed = 42;
        for (Operation<D> operation : operations) {
            Random random = new Random(seed++);
            Thread thread = new Thread(() -> load.loop(server, database, dataset, operation, random), "load-" + operation);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private <D> void loop(BenchmarkServer server, String database, D dataset, Operation<D> operation, Random random) {
        try (Connection connection = server.connect(database)) {
            try (Statement sql = connection.createStatement()) {
                sql.execute("set statement_timeout = '60s'");
                sql.execute("set application_name = 'benchmark-load'");
            }
            connection.setAutoCommit(false);
            while (running) {
                long start = System.nanoTime();
                String error = null;
                try {
                    operation.run(connection, dataset, random);
                    connection.commit();
                } catch (SQLException e) {
                    error = e.getMessage().lines().findFirst().orElse("error");
                    connection.rollback();
                }
                samples.add(new Sample(operation, start, System.nanoTime(), error));
                LockSupport.parkNanos(PAUSE_MILLIS * 1_000_000);
            }
        } catch (SQLException e) {
            samples.add(new Sample(operation, System.nanoTime(), System.nanoTime(), "connection lost: " + e.getMessage()));
        }
    }

    /** Stops every thread after its current operation and returns every sample taken. */
    List<Sample> stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        stop();
    }
}
