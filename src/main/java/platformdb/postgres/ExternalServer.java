package platformdb.postgres;

import java.net.URI;
import java.util.Optional;

/** A server the user names with a JDBC URL; its database is used only to create and drop test databases. */
final class ExternalServer implements PostgresServer {

    private final String host;
    private final int port;
    private final String database;
    private final String username;
    private final String password;

    private ExternalServer(String host, int port, String database, String username, String password) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.username = username;
        this.password = password;
    }

    static Optional<PostgresServer> fromEnvironment() {
        String url = setting("test.database.url", "TEST_DATABASE_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("TEST_DATABASE_URL must look like jdbc:postgresql://host:5432/postgres, got: " + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String user = setting("test.database.user", "TEST_DATABASE_USER");
        String password = setting("test.database.password", "TEST_DATABASE_PASSWORD");
        return Optional.of(new ExternalServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database,
                user == null ? "postgres" : user, password == null ? "" : password));
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(variable);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String maintenanceDatabase() {
        return database;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String describe() {
        return "the named server " + jdbcUrl(database) + " as " + username;
    }
}
