package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.postgres.FreshDatabase;

/**
 * What stops a deploy or a rollback from doing harm, each proven through the real command. Two updates at once are
 * ConcurrentDeploysTest's (three whole-changelog deploys at once: the waiters name the holder, find everything applied,
 * and each changeset is recorded once).
 */
class GuardRailsTest {

    private static final String SMALL = "--changelog-file=src/test/resources/fixtures/tooling/small/changelog.yaml";

    @Test
    void rollbackCountLargerThanWhatIsAppliedIsRefusedAndRollsBackNothing() {
        try (FreshDatabase database = FreshDatabase.create()) {
            Cli cli = Cli.against(database);
            cli.liquibase("update", SMALL).assertSucceeded();
            List<String> applied = History.applied(database);
            CatalogSnapshot before = CatalogSnapshot.of(database);

            for (String command : List.of("rollbackCount", "rollbackCountSQL")) {
                Cli.Result refused = cli.liquibase(command, "4", SMALL);
                assertNotEquals(0, refused.exitCode(), refused.describe());
                assertEquals(List.of("liquibase: " + command + " 4 refused: only 3 changeset(s) are applied to " + database.jdbcUrl()
                        + ". Nothing was rolled back. Check `history`; to undo all of them use " + command + " 3, or roll back to a tag."),
                        refused.stderrLines(), refused.describe());
            }
            // The Maven goal's refusal is proven from a clean checkout by CleanCheckoutEntryPointsTest.

            assertEquals(applied, History.applied(database), "nothing was rolled back");
            assertTrue(before.diffTo(CatalogSnapshot.of(database)).isEmpty(), "the schema is untouched");

            cli.liquibase("rollbackCount", "3", SMALL).assertSucceeded();
            assertEquals(List.of(), History.applied(database), "a count that matches what is applied still runs");
        }
    }

    @Test
    void aChangesetEditedAfterItWasAppliedFailsValidationByName() throws IOException {
        try (FreshDatabase database = FreshDatabase.create()) {
            Path copy = Cli.ROOT.resolve("target/tooling-edited/" + database.name() + "/changelog.yaml");
            Files.createDirectories(copy.getParent());
            Files.copy(Cli.ROOT.resolve("src/test/resources/fixtures/tooling/small/changelog.yaml"), copy);
            String changelog = "--changelog-file=" + Cli.ROOT.relativize(copy);
            Cli cli = Cli.against(database);
            cli.liquibase("update", changelog).assertSucceeded();  // update validates: the unedited changelog passes

            Files.writeString(copy, Files.readString(copy).replace("create table public.tooling_b (id int primary key)",
                    "create table public.tooling_b (id bigint primary key)"));
            String changeset = Cli.ROOT.relativize(copy) + "::create-table-tooling-b::platform";
            for (String command : List.of("validate", "update")) {
                Cli.Result failed = cli.liquibase(command, changelog);
                assertNotEquals(0, failed.exitCode(), failed.describe());
                assertTrue(failed.output().contains(changeset), "the edited changeset is named:\n" + failed.describe());
                assertFalse(failed.output().contains("create-table-tooling-a"), "only the edited one is named:\n" + failed.describe());
            }
            assertEquals("integer", History.single(database,
                    "select data_type from information_schema.columns where table_name = 'tooling_b' and column_name = 'id'"));
        }
    }

    @Test
    void aWrongUrlOrUserIsOneClearLine() {
        try (FreshDatabase database = FreshDatabase.create()) {
            String nowhere = "jdbc:postgresql://localhost:1/nowhere";
            Cli.Result wrongUrl = Cli.against(database).with("LIQUIBASE_COMMAND_URL", nowhere).liquibase("status");
            assertOneLine(wrongUrl, nowhere);
            Cli.Result wrongUser = Cli.against(database).with("LIQUIBASE_COMMAND_USERNAME", "no_such_deployer").liquibase("status");
            assertOneLine(wrongUser, "no_such_deployer");

            // The checker is not blind: Liquibase's own report, without the wrapper, is not one line.
            Cli.Result raw = Cli.against(database).with("LIQUIBASE_COMMAND_URL", nowhere).run(List.of("java", "-cp",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "liquibase.integration.commandline.LiquibaseCommandLine", "--show-banner=false", "status"));
            assertNotEquals(0, raw.exitCode());
            assertTrue(raw.stderrLines().size() > 1, "Liquibase alone reports a connection failure on several lines:\n" + raw.describe());
        }
    }

    private static void assertOneLine(Cli.Result result, String expectedPart) {
        assertNotEquals(0, result.exitCode(), result.describe());
        List<String> lines = result.stderrLines();
        assertEquals(1, lines.size(), "one line, not a stack trace:\n" + result.describe());
        assertTrue(lines.get(0).startsWith("liquibase: ") && lines.get(0).contains(expectedPart), lines.get(0));
    }
}
