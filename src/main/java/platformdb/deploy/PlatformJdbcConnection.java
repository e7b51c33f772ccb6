package platformdb.deploy;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/**
 * Liquibase's JDBC connection that remembers how it was opened, so that a deploy waiting for a lock can open a second
 * connection and name the session it waits for. Chosen over {@link JdbcConnection} (higher priority) for PostgreSQL URLs.
 * A transaction-mode pooler is refused here, before Liquibase does anything on the connection ({@link TransactionPooler}).
 */
public class PlatformJdbcConnection extends JdbcConnection {

    private String url;
    private Driver driver;
    private Properties properties;

    @Override
    public int getPriority() {
        return super.getPriority() + 10;
    }

    @Override
    public boolean supports(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    @Override
    public void open(String url, Driver driverObject, Properties driverProperties) throws DatabaseException {
        Optional<String> byUrl = TransactionPooler.refusalForUrl(url);
        if (byUrl.isPresent()) {
            throw new DatabaseException(byUrl.get());
        }
        super.open(url, driverObject, driverProperties);
        this.url = url;
        this.driver = driverObject;
        this.properties = driverProperties == null ? new Properties() : (Properties) driverProperties.clone();
        if (TransactionPooler.probeEnabled()) {
            refuseTransactionPooler();
        }
    }

    private void refuseTransactionPooler() throws DatabaseException {
        Optional<String> refusal;
        try {
            refusal = TransactionPooler.refusalByBehaviour(getUnderlyingConnection(),
                    () -> openSibling("platformdb deploy: pooler probe"));
        } catch (SQLException e) {
            closeQuietly();
            throw new DatabaseException("could not probe the connection for a transaction-mode pooler: " + e.getMessage(), e);
        }
        if (refusal.isPresent()) {
            closeQuietly();
            throw new DatabaseException(refusal.get());
        }
    }

    private void closeQuietly() {
        try {
            getUnderlyingConnection().close();
        } catch (SQLException ignored) {
            // refusing anyway
        }
    }

    /** A second connection with the same credentials (read-only use), or null when this one was not opened by URL. */
    Connection openSibling() throws SQLException {
        return openSibling("platformdb deploy: lock probe");
    }

    private Connection openSibling(String applicationName) throws SQLException {
        if (url == null) {
            return null;
        }
        Properties sibling = (Properties) properties.clone();
        sibling.setProperty("ApplicationName", applicationName);
        Connection connection = driver.connect(url, sibling);
        if (connection != null) {
            connection.setAutoCommit(true);
        }
        return connection;
    }
}
