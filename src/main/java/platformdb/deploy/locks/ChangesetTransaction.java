package platformdb.deploy.locks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import liquibase.Scope;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;

/**
 * The open transaction of one changeset (its work, or its rollback's) on a live database. Every attempt waits at most
 * the policy's attempt timeout for each lock; when a lock is not granted in time (or a deadlock is detected) the
 * transaction is rolled back, and after a pause all of its work is replayed, until the policy's budget is spent.
 * Then it fails naming the sessions that held the locks, with nothing applied.
 */
public final class ChangesetTransaction {

    /** One piece of the changeset's work, replayable after a rollback. */
    @FunctionalInterface
    public interface Work {
        void run() throws LiquibaseException;
    }

    /** Waits before the next attempt. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration pause) throws DatabaseException;
    }

    /**
     * What each attempt checks before any of its work, in the same statement that sets its lock timeout: a SQL boolean
     * ({@code condition}) that must be true on the transaction's own backend, else the attempt stops with
     * {@code refusal}, nothing of the changeset applied.
     */
    public record AttemptCheck(String condition, String refusal) {
    }

    /** Opens a second connection to the same database, or returns null when it cannot. */
    @FunctionalInterface
    public interface ProbeConnections {
        Connection open() throws SQLException;
    }

    private static final ScheduledExecutorService PROBES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "platformdb-blocking-session-probe");
        thread.setDaemon(true);
        return thread;
    });

    private final Connection connection;
    private final ProbeConnections probeConnections;
    private final LockRetryPolicy policy;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private AttemptCheck check;
    private final List<Work> work = new ArrayList<>();
    private volatile List<String> blockers = List.of();
    private Connection probe;
    private long startedNanos;
    private int attempts;
    private int pid;

    public ChangesetTransaction(Connection connection, ProbeConnections probeConnections, LockRetryPolicy policy) {
        this(connection, probeConnections, policy, System::nanoTime, ChangesetTransaction::sleep);
    }

    /** With the clock (nanoseconds) that measures the budget and the sleeper that pauses between attempts. */
    ChangesetTransaction(Connection connection, ProbeConnections probeConnections, LockRetryPolicy policy,
                         LongSupplier clock, Sleeper sleeper) {
        this.connection = connection;
        this.probeConnections = probeConnections;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Every attempt from now on checks {@code check} first; null checks nothing (a rehearsal, which always rolls back). */
    public void checkEachAttempt(AttemptCheck check) {
        this.check = check;
    }

    public boolean isOpen() {
        return !work.isEmpty();
    }

    /** Runs one more piece of the changeset's work in its transaction, retrying the whole transaction on lock waits. */
    public void run(Work next) throws LiquibaseException {
        if (work.isEmpty()) {
            startedNanos = clock.getAsLong();
            attempts = 1;
            startAttempt();
        }
        work.add(next);
        try {
            watched(next);
        } catch (LiquibaseException failure) {
            if (!isLockWait(failure)) {
                throw failure;
            }
            retryFromTheStart(failure);
        }
    }

    /** The transaction was committed or rolled back: nothing left to replay. */
    public void ended() {
        work.clear();
        blockers = List.of();
    }

    public void close() {
        ended();
        if (probe != null) {
            try {
                probe.close();
            } catch (SQLException ignored) {
                // the probe connection only reads pg_stat_activity
            }
            probe = null;
        }
    }

    private void retryFromTheStart(LiquibaseException firstFailure) throws LiquibaseException {
        LiquibaseException lastFailure = firstFailure;
        while (true) {
            rollbackAttempt();
            Duration spent = Duration.ofNanos(clock.getAsLong() - startedNanos);
            Optional<Duration> nextPause = policy.pauseAfter(attempts, spent);
            if (nextPause.isEmpty()) {
                throw exhausted(spent, lastFailure);
            }
            Duration pause = nextPause.get();
            Scope.getCurrentScope().getLog(getClass()).info("A lock was not granted within "
                    + policy.attemptTimeout().toMillis() + " ms (attempt " + attempts + "); retrying in "
                    + pause.toMillis() + " ms. Waiting for: " + describedBlockers());
            sleeper.sleep(pause);
            attempts++;
            try {
                startAttempt();
                for (Work piece : List.copyOf(work)) {
                    watched(piece);
                }
                return;
            } catch (LiquibaseException failure) {
                if (!isLockWait(failure)) {
                    throw failure;
                }
                lastFailure = failure;
            }
        }
    }

    private void startAttempt() throws DatabaseException {
        boolean passed;
        try (Statement statement = connection.createStatement();
             var row = statement.executeQuery("select set_config('lock_timeout', '" + policy.lockTimeoutSetting() + "', true)"
                     + (check == null ? ", true" : ", " + check.condition()))) {
            row.next();
            passed = row.getBoolean(2);
        } catch (SQLException e) {
            throw new DatabaseException("could not set the lock timeout of the changeset's transaction: " + e.getMessage(), e);
        }
        if (!passed) {
            throw new DatabaseException(check.refusal());
        }
    }

    /** Runs the work while a probe, halfway through the attempt's timeout, notes who the statement waits for. */
    private void watched(Work piece) throws LiquibaseException {
        int pid = backendPid();
        ScheduledFuture<?> probing = PROBES.schedule(() -> noteBlockersOf(pid),
                Math.max(1, policy.attemptTimeout().toMillis() / 2), TimeUnit.MILLISECONDS);
        try {
            piece.run();
        } finally {
            probing.cancel(false);
        }
    }

    private synchronized void noteBlockersOf(int pid) {
        try {
            if (probe == null) {
                probe = probeConnections.open();
            }
            if (probe != null) {
                List<String> seen = BlockingSessions.blockersOf(probe, pid);
                if (!seen.isEmpty()) {
                    blockers = seen;
                }
            }
        } catch (SQLException | RuntimeException e) {
            Scope.getCurrentScope().getLog(getClass()).fine("blocking-session probe failed: " + e.getMessage());
        }
    }

    private int backendPid() throws DatabaseException {
        if (pid != 0) {
            return pid;
        }
        try (Statement statement = connection.createStatement();
             var rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            pid = rows.getInt(1);
            return pid;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private void rollbackAttempt() throws DatabaseException {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new DatabaseException("could not roll back the attempt that waited for a lock: " + e.getMessage(), e);
        }
    }

    private DatabaseException exhausted(Duration spent, LiquibaseException lastFailure) {
        String who = describedBlockers();
        DatabaseException failure = new DatabaseException("could not take the changeset's locks in " + spent.toSeconds()
                + " s (" + attempts + " attempts, each waiting at most " + policy.attemptTimeout().toMillis()
                + " ms, so other sessions were never queued longer). Waiting for: " + who + ". Nothing of this changeset"
                + " was applied. End or wait for that session (if it is stuck: select pg_terminate_backend(<pid>)),"
                + " then run update again; to wait longer set -Dplatformdb.lockRetry.budgetSeconds=<seconds>.",
                lastFailure);
        ended();
        return failure;
    }

    private String describedBlockers() {
        if (!blockers.isEmpty()) {
            return String.join("; ", blockers);
        }
        try {
            List<String> old = BlockingSessions.oldTransactions(connection);
            return old.isEmpty() ? "a session that could not be identified"
                    : "one of the sessions with a long open transaction: " + String.join("; ", old);
        } catch (SQLException e) {
            return "a session that could not be identified (" + e.getMessage() + ")";
        }
    }

    static boolean isLockWait(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration pause) throws DatabaseException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting to retry a lock", e);
        }
    }
}
