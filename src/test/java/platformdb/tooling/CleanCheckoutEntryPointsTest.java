package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.postgres.FreshDatabase;

/**
 * The project's Liquibase extensions are there for every entry point with no build step a user could forget: in a
 * copy of the repository as a clone has it (no target/), {@code ./mvnw liquibase:update} deploys a new database
 * (creating the tracking schema, granting nothing to the API roles), and both {@code ./mvnw liquibase:rollback} and
 * {@code scripts/liquibase rollbackCount} refuse a count past what is applied.
 */
class CleanCheckoutEntryPointsTest {

    private static final String SMALL = "src/test/resources/fixtures/tooling/small/changelog.yaml";
    private static Path checkout;

    @BeforeAll
    static void copyTheRepositoryAsACloneHasIt() throws IOException, InterruptedException {
        // A new folder each run, so nothing built by an earlier run is there (target/ goes with `mvn clean`).
        checkout = Files.createTempDirectory(Cli.ROOT.resolve("target"), "clean-checkout-");
        Process files = new ProcessBuilder("git", "ls-files", "-co", "--exclude-standard").directory(Cli.ROOT.toFile()).start();
        List<String> tracked = new String(files.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, files.waitFor());
        for (String file : tracked) {
            Path source = Cli.ROOT.resolve(file);
            if (Files.isRegularFile(source)) {
                Path target = checkout.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    @Test
    void mavenUpdateOnANewDatabaseCreatesTheTrackingSchemaAndGrantsNothing() {
        try (FreshDatabase database = FreshDatabase.create()) {
            database.execute("drop schema liquibase cascade");
            maven(database, "liquibase:update", "-Dliquibase.changeLogFile=" + SMALL).assertSucceeded();
            assertEquals(List.of("create-table-tooling-a", "create-table-tooling-b", "tag-release-tooling"),
                    History.applied(database).stream().map(row -> row.substring(row.indexOf("::") + 2)).toList());
            // Nobody but its owner has any privilege on the tracking schema (PUBLIC and the API roles included).
            assertEquals("0", History.single(database, """
                    select count(*) from pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
                    where n.nspname = 'liquibase' and a.grantee <> n.nspowner"""));
        }
    }

    @Test
    void aRollbackCountPastWhatIsAppliedIsRefusedByMavenAndByTheScript() {
        try (FreshDatabase database = FreshDatabase.create()) {
            Cli.against(database).liquibase("update", "--changelog-file=" + SMALL).assertSucceeded();
            List<String> applied = History.applied(database);

            Cli.Result maven = maven(database, "liquibase:rollback", "-Dliquibase.rollbackCount=9999", "-Dliquibase.changeLogFile=" + SMALL);
            assertNotEquals(0, maven.exitCode(), maven.describe());
            assertTrue(maven.output().contains("rollbackCount 9999 refused: only 3 changeset(s) are applied"), maven.describe());

            Cli.Result script = Cli.against(database).without("PLATFORMDB_CLASSPATH")
                    .run(List.of(checkout.resolve("scripts/liquibase").toString(), "rollbackCount", "9999",
                            "--changelog-file=" + SMALL), checkout);
            assertNotEquals(0, script.exitCode(), script.describe());
            assertTrue(script.output().contains("rollbackCount 9999 refused: only 3 changeset(s) are applied"), script.describe());
            assertEquals(applied, History.applied(database), "nothing was rolled back");
        }
    }

    private static Cli.Result maven(FreshDatabase database, String... goalAndProperties) {
        // Not offline: `verify` never resolves the Liquibase Maven plugin, so on a new machine this is its first use,
        // as it is for a newcomer; Maven fetches it from Central once (offline, it failed with "No plugin found").
        List<String> command = new ArrayList<>(List.of(checkout.resolve("mvnw").toString(), "-B", "-q"));
        command.addAll(List.of(goalAndProperties));
        command.addAll(List.of("-Dliquibase.url=" + database.jdbcUrl(), "-Dliquibase.username=" + database.server().username(),
                "-Dliquibase.password=" + database.server().password()));
        return Cli.against(database).without("PLATFORMDB_CLASSPATH").run(command, checkout);
    }
}
