package platformdb.tooling;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import platformdb.postgres.FreshDatabase;

/**
 * An application's load on one table while a deploy runs: each thread repeats one statement on its own connection,
 * 5 ms apart, and records the longest time any single execution took, that is the longest any client was stalled.
 */
final class TableLoad implements AutoCloseable {

    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicLong executions = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    static TableLoad start(FreshDatabase database, String... statements) {
        TableLoad load = new TableLoad();
        for (String sql : statements) {
            Connection connection = database.connect();
            Thread thread = new Thread(() -> load.repeat(connection, sql), "table-load");
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void repeat(Connection connection, String sql) {
        try (connection; Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            while (running.get()) {
                long started = System.nanoTime();
                statement.execute(sql);
                longestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                executions.incrementAndGet();
                // An application's clients pause between statements; a tight loop of three clients took the CPU the
                // deploy under test needed. What is measured is one execution's duration, which the pause does not touch.
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        } catch (SQLException | RuntimeException e) {
            synchronized (failures) {
                failures.add(e);
            }
        }
    }

    long executions() {
        return executions.get();
    }

    /** Forgets the stalls so far (those of warming up): {@link #longestStallMillis} counts from here. */
    void startMeasuring() {
        longestNanos.set(0);
    }

    long longestStallMillis() {
        return longestNanos.get() / 1_000_000;
    }

    List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
