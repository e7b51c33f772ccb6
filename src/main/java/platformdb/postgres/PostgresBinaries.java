package platformdb.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which PostgreSQL major a run targets, and where a major's binaries are. The major is the setting
 * {@code PG_MAJOR} (or {@code -Dplatformdb.pgMajor}), 15 by default, the same setting scripts/local-postgres.sh
 * reads. A client tool that reads a server (pg_dump, pg_restore) is taken from the server's own major: pg_dump
 * refuses a newer server and prints other SQL for an older one.
 */
public final class PostgresBinaries {

    public static final int DEFAULT_MAJOR = 15;

    /** Where scripts/local-postgres.sh builds a major that the machine's repositories do not package. */
    private static final String BUILT_ROOT = "/opt/postgresql";
    private static final String PACKAGED_ROOT = "/usr/lib/postgresql";

    private PostgresBinaries() {
    }

    public static int configuredMajor() {
        String value = System.getProperty("platformdb.pgMajor");
        if (value == null || value.isBlank()) {
            value = System.getenv("PG_MAJOR");
        }
        if (value == null || value.isBlank()) {
            return DEFAULT_MAJOR;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PG_MAJOR must be a PostgreSQL major version such as 15 or 17, not '" + value + "'");
        }
    }

    /**
     * The bin folder of a major: {@code PG_BIN} when set (for the configured major only), else Debian's (or PGDG's)
     * packaged folder, else the one scripts/local-postgres.sh builds into; the packaged path when neither exists,
     * so that messages name where the binaries are expected.
     */
    public static Path binFolder(int major) {
        String override = System.getenv("PG_BIN");
        if (override != null && !override.isBlank() && major == configuredMajor()) {
            return Path.of(override);
        }
        Path packaged = Path.of(PACKAGED_ROOT, String.valueOf(major), "bin");
        Path built = Path.of(BUILT_ROOT, String.valueOf(major), "bin");
        if (!hasServerOrClient(packaged) && hasServerOrClient(built)) {
            return built;
        }
        return packaged;
    }

    /** A client program of the same major as the server behind the connection. */
    public static Path clientFor(Connection connection, String program) {
        return binFolder(serverMajor(connection)).resolve(program);
    }

    /** A client program of the same major as the server. */
    public static Path clientFor(PostgresServer server, String program) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(server.maintenanceDatabase()), server.username(), server.password())) {
            return clientFor(connection, program);
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask " + server.describe() + " for its version: " + e.getMessage(), e);
        }
    }

    public static int serverMajor(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            row.next();
            return row.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the server's version: " + e.getMessage(), e);
        }
    }

    /** How to get a major's binaries with pgvector, for messages. */
    public static String installHint(int major) {
        return (major == DEFAULT_MAJOR ? "" : "PG_MAJOR=" + major + " ") + "scripts/local-postgres.sh install-pgvector";
    }

    private static boolean hasServerOrClient(Path bin) {
        return Files.isExecutable(bin.resolve("postgres")) || Files.isExecutable(bin.resolve("pg_dump"));
    }
}
