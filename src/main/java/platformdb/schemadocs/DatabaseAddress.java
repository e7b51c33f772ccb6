package platformdb.schemadocs;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import platformdb.postgres.FreshDatabase;

/** Where a database is and who reads it: what pg_dump and JDBC both need. */
public record DatabaseAddress(String jdbcUrl, String username, String password) {

    public static DatabaseAddress of(FreshDatabase database) {
        return new DatabaseAddress(database.jdbcUrl(), database.server().username(), database.server().password());
    }

    String host() {
        return uri().getHost();
    }

    int port() {
        return uri().getPort() < 0 ? 5432 : uri().getPort();
    }

    String database() {
        return uri().getPath().substring(1);
    }

    Connection connect() {
        try {
            return DriverManager.getConnection(jdbcUrl, username, password);
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect to " + jdbcUrl + " as " + username + ": " + e.getMessage(), e);
        }
    }

    private URI uri() {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("expected a URL like jdbc:postgresql://host:5432/database, got: " + jdbcUrl);
        }
        return URI.create(jdbcUrl.substring("jdbc:".length()));
    }
}
