package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/**
 * A session that has read public.conversations and keeps its transaction open (a report, a slow request): it holds
 * an ACCESS SHARE lock, so a deploy's ALTER on conversations waits for it, and every later client of the table waits
 * behind the deploy (the lock queue). Opened before the deploy starts; closed {@code holdMillis} after the deploy's
 * backend first waits for a lock (or when the deploy ends, if it never does): the deploy has reached the table,
 * however long the deployer took to start, and finds the transaction open for {@code holdMillis} more.
 */
final class LongReadTransaction {

    private final BenchmarkServer server;
    private final String database;
    private final Connection connection;
    private long closedNanos;

    private LongReadTransaction(BenchmarkServer server, String database, Connection connection) {
        this.server = server;
        this.database = database;
        this.connection = connection;
    }

    static LongReadTransaction open(BenchmarkServer server, String database) {
        try {
            Connection connection = server.connect(database);
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                sql.execute("set application_name = 'benchmark-long-read'");
                sql.executeQuery("select count(*) from (select id from public.conversations order by created_at desc limit 100) recent").close();
            }
            return new LongReadTransaction(server, database, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the long read transaction: " + e.getMessage(), e);
        }
    }

    /** Waits for the deploy to wait on a lock, then keeps the transaction open {@code holdMillis} more; commits at once if the deploy ends first. */
    void closeAfterDeployBlocks(long holdMillis, BooleanSupplier deployFinished) {
        try (Connection watcher = server.connect("postgres"); Statement sql = watcher.createStatement()) {
            String query = "select count(*) from pg_stat_activity where datname = '" + database + "' and application_name = '"
                    + LiquibaseCli.DEPLOY_APPLICATION_NAME + "' and wait_event_type = 'Lock'";
            while (!deployFinished.getAsBoolean()) {
                try (var rows = sql.executeQuery(query)) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            if (!deployFinished.getAsBoolean()) {
                Thread.sleep(holdMillis);
            }
            connection.commit();
            connection.close();
            closedNanos = System.nanoTime();
        } catch (SQLException e) {
            throw new IllegalStateException("the long read transaction failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long closedNanos() {
        return closedNanos;
    }
}
