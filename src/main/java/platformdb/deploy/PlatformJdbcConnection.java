package platformdb.deploy;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/**
 * Liquibase's JDBC connection that remembers how it was opened, so that a deploy waiting for a lock can open a second
 * connection and name the session it waits for. Chosen over {@link JdbcConnection} (higher priority) for PostgreSQL URLs.
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
        super.open(url, driverObject, driverProperties);
        this.url = url;
        this.driver = driverObject;
        this.properties = driverProperties == null ? new Properties() : (Properties) driverProperties.clone();
    }

    /** A second connection with the same credentials (read-only use), or null when this one was not opened by URL. */
    Connection openSibling() throws SQLException {
        if (url == null) {
            return null;
        }
        Properties sibling = (Properties) properties.clone();
        sibling.setProperty("ApplicationName", "platformdb deploy: lock probe");
        Connection connection = driver.connect(url, sibling);
        if (connection != null) {
            connection.setAutoCommit(true);
        }
        return connection;
    }
}
