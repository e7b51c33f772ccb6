package platformdb.postgres;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Chooses the one server of a test run, in this order: a server the user names
 * ({@code TEST_DATABASE_URL} or {@code -Dtest.database.url}); Testcontainers when a Docker engine answers;
 * the local PostgreSQL binaries of the configured major ({@code PG_MAJOR}, default 15: a throwaway cluster);
 * else a failure saying how to get one.
 */
public final class PostgresServers {

    private static PostgresServer shared;

    private PostgresServers() {
    }

    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = choose();
            System.out.println("[tests] PostgreSQL: " + shared.describe());
        }
        return shared;
    }

    private static PostgresServer choose() {
        Optional<PostgresServer> named = ExternalServer.fromEnvironment();
        if (named.isPresent()) {
            return named.get();
        }
        for (PostgresServerProvider provider : ServiceLoader.load(PostgresServerProvider.class)) {
            if (provider.available()) {
                return provider.start();
            }
        }
        if (LocalBinariesServer.binariesPresent()) {
            return LocalBinariesServer.start();
        }
        int major = LocalBinariesServer.MAJOR;
        throw new IllegalStateException("""
                No PostgreSQL %d server for the tests (PG_MAJOR=%d; the default is %d). Give one of:
                  - a server you run: TEST_DATABASE_URL=jdbc:postgresql://host:5432/postgres (with TEST_DATABASE_USER, TEST_DATABASE_PASSWORD)
                  - a Docker engine, for Testcontainers
                  - the PostgreSQL %d server binaries in %s with pgvector: %s installs both (as root)"""
                .formatted(major, major, PostgresBinaries.DEFAULT_MAJOR, major, LocalBinariesServer.binFolder(), PostgresBinaries.installHint(major)));
    }
}
