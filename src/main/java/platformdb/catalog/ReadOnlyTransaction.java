package platformdb.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads a live database in one read-only transaction whose statements wait at most a moment for a lock (catalog reads
 * such as {@code pg_get_viewdef} take them, and a read queued behind DDL would queue everything after it), rolled back
 * at the end. The connection is left as it was found: autocommit and read-only state restored, and a transaction the
 * caller had open committed first, as Liquibase, whose connections are never in autocommit, would have.
 */
public final class ReadOnlyTransaction {

    /** What runs inside the transaction; it may fail with its own checked exception. */
    public interface Work<T, E extends Exception> {
        T run(Connection connection) throws SQLException, E;
    }

    private ReadOnlyTransaction() {
    }

    public static <T, E extends Exception> T read(Connection connection, String lockTimeout, Work<T, E> work) throws SQLException, E {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        if (!autoCommit) {
            connection.commit();
        }
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement settings = connection.createStatement()) {
                settings.execute("set local lock_timeout = '" + lockTimeout + "'");
            }
            return work.run(connection);
        } finally {
            try {
                connection.rollback();
                connection.setReadOnly(readOnly);
                connection.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // nothing was written; a connection that cannot be reset is closed by its owner
            }
        }
    }
}
