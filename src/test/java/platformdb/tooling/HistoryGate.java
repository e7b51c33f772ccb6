package platformdb.tooling;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import platformdb.postgres.FreshDatabase;

/**
 * Holds Liquibase's history table so that a run under test records one changeset at a time, at the test's pace, not
 * the machine's: a {@code share} lock on {@code liquibase.databasechangelog} makes each history write (the insert of an
 * update, the delete of a rollback, inside the changeset's own transaction) wait. {@link #letOneThrough} lets exactly one
 * write pass: a second gate queues behind the waiting write (PostgreSQL queues a request that conflicts with a waiting
 * one behind it), then the first opens; the write commits, the second gate closes. So a kill point is a state the run is
 * held in, never a moment a busy observer has to catch.
 *
 * <p>{@link #holdSnapshot} adds a repeatable-read transaction holding a snapshot, which the next {@code create index
 * concurrently} waits for: the run is then held inside the index build.
 */
final class HistoryGate implements AutoCloseable {

    private static final String LOCK = "lock table liquibase.databasechangelog in share mode";

    private final FreshDatabase database;
    private final Connection observer;
    private final List<Integer> ownPids = new ArrayList<>();
    private Connection holding;
    private Connection snapshot;
    private int snapshotPid;

    HistoryGate(FreshDatabase database, Connection observer) throws SQLException {
        this.database = database;
        this.observer = observer;
        ownPids.add(pid(observer));
        this.holding = closedGate();
    }

    /** Waits until the run waits (at the gate, or inside an index build held by the snapshot); false when it ended instead. */
    boolean awaitRunWaiting(Process process) throws SQLException {
        // The run stays where it waits, so looking less often only delays the test: from 1 ms (a changeset's next
        // history write comes soon) to 16 ms (a JVM starting), instead of a poll every 2 ms that took CPU from the run.
        long pauseMillis = 1;
        while (process.isAlive()) {
            if (waitingQuery() != null) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMillis));
            pauseMillis = Math.min(16, pauseMillis * 2);
        }
        return false;
    }

    /** The query of the run's session that waits for a lock, or null when none does. */
    String waitingQuery() throws SQLException {
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("select query from pg_stat_activity where datname = current_database()"
                     + " and backend_type = 'client backend' and wait_event_type = 'Lock'"
                     + " and pid <> all ('{" + String.join(",", ownPids.stream().map(String::valueOf).toList()) + "}'::int[])")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** Lets the run's waiting history write through, and closes again behind it (the run is waiting when called). */
    void letOneThrough() throws SQLException {
        Connection next = database.connect();
        int nextPid = pid(next);
        next.setAutoCommit(false);
        ownPids.add(nextPid);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try (Statement statement = next.createStatement()) {
                statement.execute(LOCK);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!lockRequested(nextPid)) {
            if (closing.isDone()) {
                throw new IllegalStateException("the gate was let through while the run did not wait at a history write: " + waitingQuery());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        holding.commit();
        holding.close();
        closing.join();
        holding = next;
    }

    /**
     * Whether the run waits on a transaction of the gate itself, and if so ends it behind a new one: a gate queued
     * behind a history write holds a snapshot while it waits (PostgreSQL gives a waiting LOCK TABLE one), and when the
     * run, let through, reaches a {@code create index concurrently} before that gate's backend has finished its
     * statement (a busy machine), the build waits for the whole gate transaction, which waits for the run: a deadlock
     * of the test's own making. The new gate closes first (the run is not at a history write, so it is granted at once
     * and the build never saw it), then the old one commits and the build goes on.
     */
    boolean reopenIfTheRunWaitsOnIt() throws SQLException {
        if (waitingOnOwnTransaction() == 0) {
            return false;
        }
        Connection reopened = closedGate();
        holding.commit();
        holding.close();
        holding = reopened;
        return true;
    }

    private int waitingOnOwnTransaction() throws SQLException {
        List<Integer> gates = new ArrayList<>(ownPids);
        gates.remove(Integer.valueOf(snapshotPid));
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from pg_locks waiting join pg_locks held"
                     + " on held.locktype = 'virtualxid' and held.virtualxid = waiting.virtualxid and held.granted"
                     + " where waiting.locktype = 'virtualxid' and not waiting.granted"
                     + " and held.pid = any ('{" + String.join(",", gates.stream().map(String::valueOf).toList()) + "}'::int[])")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** From now on a concurrent index build waits inside, for this snapshot. */
    void holdSnapshot() throws SQLException {
        snapshot = database.connect();
        snapshotPid = pid(snapshot);
        ownPids.add(snapshotPid);
        snapshot.setAutoCommit(false);
        snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = snapshot.createStatement()) {
            statement.executeQuery("select 1").close();
        }
    }

    /** Opens everything: a killed run's waiting statement then ends, and its session notices it is gone. */
    @Override
    public void close() throws SQLException {
        if (snapshot != null) {
            snapshot.close();
        }
        holding.close();
    }

    private Connection closedGate() throws SQLException {
        Connection gate = database.connect();
        ownPids.add(pid(gate));
        gate.setAutoCommit(false);
        try (Statement statement = gate.createStatement()) {
            statement.execute(LOCK);
        }
        return gate;
    }

    private boolean lockRequested(int pid) throws SQLException {
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from pg_locks where pid = " + pid + " and not granted")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
