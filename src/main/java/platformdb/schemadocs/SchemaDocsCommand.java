package platformdb.schemadocs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;
import platformdb.postgres.PostgresBinaries;

/**
 * The Java side of scripts/schema-docs (run from the repository root on the main classpath):
 * <pre>
 *   write                                        regenerate docs/schema/ from a fresh deployment of the master changelog
 *   structure &lt;jdbc-url&gt; &lt;user&gt; &lt;file&gt;          write the structure.sql of an existing database (PGPASSWORD: its password)
 * </pre>
 * The fresh deployment goes to a database of its own found as the tests find theirs (TEST_DATABASE_URL, else a
 * throwaway cluster of the local binaries), dropped afterwards.
 */
public final class SchemaDocsCommand {

    private SchemaDocsCommand() {
    }

    public static void main(String[] arguments) {
        try {
            run(arguments);
        } catch (IOException | RuntimeException e) {
            System.err.println("schema-docs: " + e.getMessage());
            System.exit(1);
        }
        // A throwaway cluster is stopped by LocalBinariesServer's shutdown hook.
        System.exit(0);
    }

    private static void run(String[] arguments) throws IOException {
        String command = arguments.length == 0 ? "" : arguments[0];
        switch (command) {
            case "write" -> write(Changelog.PROJECT_ROOT.resolve(SchemaDocs.FOLDER));
            case "structure" -> {
                if (arguments.length != 4) {
                    usage();
                }
                String password = System.getenv().getOrDefault("PGPASSWORD", "");
                Files.writeString(Path.of(arguments[3]), StructureSql.of(new DatabaseAddress(arguments[1], arguments[2], password)));
            }
            default -> usage();
        }
    }

    private static void write(Path folder) throws IOException {
        Map<String, String> files;
        try (FreshDatabase database = FreshDatabase.create()) {
            try (Deployment deployment = Changelog.master().deployTo(database)) {
                deployment.updateAll();
            }
            DatabaseAddress address = DatabaseAddress.of(database);
            int major = serverMajor(address);
            if (major != SchemaDocs.POSTGRES_MAJOR) {
                throw new IllegalStateException(SchemaDocs.FOLDER + "/ is generated on PostgreSQL " + SchemaDocs.POSTGRES_MAJOR
                        + " only, and " + database.server().describe() + " runs " + major + ": run scripts/schema-docs without"
                        + " TEST_DATABASE_URL, or with that of a PostgreSQL " + SchemaDocs.POSTGRES_MAJOR + " server");
            }
            files = SchemaDocs.generate(address, Changelog.master());
        }
        Files.createDirectories(folder);
        for (String stale : StaleDocs.filesIn(folder)) {
            if (!files.containsKey(stale)) {
                Files.delete(folder.resolve(stale));
                System.out.println("schema-docs: deleted " + SchemaDocs.FOLDER + "/" + stale + " (no such domain now)");
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        System.out.println("schema-docs: wrote " + files.size() + " files to " + SchemaDocs.FOLDER + "/");
    }

    static int serverMajor(DatabaseAddress database) {
        try (Connection connection = database.connect()) {
            return PostgresBinaries.serverMajor(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void usage() {
        System.err.println("usage: scripts/schema-docs                      regenerate docs/schema/\n"
                + "       scripts/schema-docs structure <jdbc-url> <file>   the structure.sql of an existing database");
        System.exit(2);
    }
}
