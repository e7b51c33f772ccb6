package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * The gate KilledDeployTest steps a run through must never deadlock with the run. A gate queued behind the run's
 * history write holds a snapshot while it waits; a {@code create index concurrently} that starts then (on a busy
 * machine the run gets there before the gate's backend finishes its statement) waits for that gate's whole
 * transaction, which waits for the run. Built here state by state, no timing involved: the build is stuck on the
 * gate until the gate reopens behind a new transaction, and then it finishes.
 */
class HistoryGateTest {

    @Test
    void anIndexBuildWaitingOnTheGatesOwnTransactionIsLetOnByReopeningTheGate() throws Exception {
        try (FreshDatabase database = FreshDatabase.create();
             Connection observer = database.connect();
             Connection run = database.connect();
             Connection builder = database.connect()) {
            database.execute("create table liquibase.databasechangelog (id int); create table public.t (id int)");
            HistoryGate gate = new HistoryGate(database, observer);
            try {
                run.setAutoCommit(false);
                CompletableFuture<Void> historyWrite = async(run, "insert into liquibase.databasechangelog values (1)");
                awaitTrue(() -> gate.waitingQuery() != null, "the run's history write waits at the gate");

                CompletableFuture<Void> letThrough = CompletableFuture.runAsync(() -> {
                    try {
                        gate.letOneThrough();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                historyWrite.get(1, TimeUnit.MINUTES);  // let through; the next gate now queues behind the run's open transaction
                CompletableFuture<Void> indexBuild = async(builder, "create index concurrently t_id on public.t (id)");
                awaitTrue(() -> Sql.one(observer, "select count(*) from pg_locks where locktype = 'virtualxid' and not granted").equals("1"),
                        "the index build waits for the queued gate's snapshot");
                run.commit();
                letThrough.get(1, TimeUnit.MINUTES);  // the gate closed again behind the write

                assertTrue(!indexBuild.isDone() && gate.waitingQuery() != null,
                        "the build still waits, now for the closed gate's transaction: the deadlock the gate must undo");
                assertTrue(gate.reopenIfTheRunWaitsOnIt(), "the gate sees the run waiting on it");
                indexBuild.get(1, TimeUnit.MINUTES);
                assertEquals("t_id", Sql.one(observer, "select indexrelid::regclass::text from pg_index where indrelid = 'public.t'::regclass and indisvalid"));
                assertTrue(!gate.reopenIfTheRunWaitsOnIt(), "nothing waits on the gate any more");
            } finally {
                gate.close();
            }
        }
    }

    private static CompletableFuture<Void> async(Connection connection, String sql) {
        return CompletableFuture.runAsync(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface Condition {
        boolean holds() throws SQLException;
    }

    /** Waits for a state the test built (it lasts until the test changes it); bounded only so a broken build fails. */
    private static void awaitTrue(Condition condition, String what) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never reached: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
