package platformdb.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection per server to its maintenance database, kept open for creating and dropping test databases: a
 * connection costs a backend process (~20 ms on these machines), and a test run creates and drops hundreds.
 */
final class AdminConnection {

    interface Work {
        void run(Connection admin) throws SQLException;
    }

    private static final Map<PostgresServer, Connection> OPEN = new HashMap<>();

    private AdminConnection() {
    }

    /** Runs the work on the server's admin connection, one caller at a time; a broken connection is replaced. */
    static synchronized void on(PostgresServer server, Work work) throws SQLException {
        Connection admin = OPEN.get(server);
        if (admin == null || !admin.isValid(2)) {
            admin = DriverManager.getConnection(server.jdbcUrl(server.maintenanceDatabase()), server.adminUsername(), server.adminPassword());
            OPEN.put(server, admin);
        }
        work.run(admin);
    }
}
