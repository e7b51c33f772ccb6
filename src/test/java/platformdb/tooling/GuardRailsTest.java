package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import platformdb.catalog.CatalogSnapshot;
import platformdb.postgres.FreshDatabase;

/** What stops a deploy or a rollback from doing harm, each proven through the real command. */
class GuardRailsTest {

    private static final String SMALL = "--changelog-file=src/test/resources/fixtures/tooling/small/changelog.yaml";
    private static final String CONCURRENT = "--changelog-file=src/test/resources/fixtures/tooling/concurrent/changelog.yaml";

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

    @Test
    void twoUpdatesAtOnceOneWaitsForTheOtherAndNothingIsAppliedTwice() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection test = database.connect()) {
            TrackingTables.create(database);
            try (Statement statement = test.createStatement()) {
                statement.execute("listen tooling_update_holds_lock");
                statement.execute("select pg_advisory_lock(4242)");
            }
            Cli first = Cli.against(database);
            Cli waiting = Cli.against(database).with("LIQUIBASE_CHANGELOG_LOCK_POLL_RATE", "1");
            Process firstUpdate = first.startMerged(List.of(Cli.ROOT.resolve("scripts/liquibase").toString(), "update", CONCURRENT));
            CompletableFuture<String> firstOutput = Cli.drain(firstUpdate.getInputStream());

            PGNotification[] holdsLock = test.unwrap(PGConnection.class).getNotifications(180_000);
            assertTrue(holdsLock != null && holdsLock.length == 1, "the first update announces that it holds the lock");

            Process secondUpdate = waiting.startMerged(List.of(Cli.ROOT.resolve("scripts/liquibase").toString(), "update", CONCURRENT));
            StringBuilder secondOutput = new StringBuilder();
            BufferedReader reader = new BufferedReader(new InputStreamReader(secondUpdate.getInputStream(), StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                secondOutput.append(line).append('\n');
                if (line.contains("Waiting for changelog lock")) {
                    break;
                }
            }
            assertTrue(secondOutput.toString().contains("Waiting for changelog lock"),
                    "the second update waits for the first:\n" + secondOutput);
            assertTrue(firstUpdate.isAlive(), "the first update is still running, paused by the test");

            try (Statement statement = test.createStatement()) {
                statement.execute("select pg_advisory_unlock(4242)");
            }
            CompletableFuture<String> rest = Cli.drain(secondUpdate.getInputStream());
            assertEquals(0, Cli.waitFor(firstUpdate, List.of("first update")), firstOutput.get(1, TimeUnit.MINUTES));
            assertEquals(0, Cli.waitFor(secondUpdate, List.of("second update")), secondOutput + rest.get(1, TimeUnit.MINUTES));
            String second = secondOutput + rest.get();
            assertFalse(second.contains("Running Changeset"), "the second update found everything applied:\n" + second);
            assertTrue(firstOutput.get().contains("Running Changeset: src/test/resources/fixtures/tooling/concurrent/changelog.yaml::create-table-tooling-c2"),
                    firstOutput.get());

            assertEquals(4, History.applied(database).size(), "each changeset applied once");
            assertEquals("4", History.single(database, "select count(distinct (id, author, filename)) from liquibase.databasechangelog"));
        }
    }

    private static void assertOneLine(Cli.Result result, String expectedPart) {
        assertNotEquals(0, result.exitCode(), result.describe());
        List<String> lines = result.stderrLines();
        assertEquals(1, lines.size(), "one line, not a stack trace:\n" + result.describe());
        assertTrue(lines.get(0).startsWith("liquibase: ") && lines.get(0).contains(expectedPart), lines.get(0));
    }
}
