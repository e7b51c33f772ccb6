package platformdb.tooling;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import platformdb.postgres.FreshDatabase;

/** The plain SQL client: runs a file as a DBA would, stopping at the first error. */
final class Psql {

    private static final String PSQL = System.getenv().getOrDefault("PSQL", "/usr/bin/psql");

    private Psql() {
    }

    static Cli.Result runFile(FreshDatabase database, Path file) {
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        List<String> command = List.of(PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U", database.server().username(), "-d", database.name(), "-f", file.toString());
        return Cli.against(database).with("PGPASSWORD", database.server().password()).run(command);
    }
}
