package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/**
 * docs/runbook.md, executed: every command, in the runbook's order, in one shell, against a database with the
 * whole changelog and user data in it. The runbook is also the test of the standalone CLI (scripts/liquibase):
 * status --verbose, history, update, rollbackCount 1, rollback to a tag, rollbackCountSQL 1.
 */
class RunbookTest {

    private static final Path RUNBOOK = Cli.ROOT.resolve("docs/runbook.md");

    @Test
    void everyCommandOfTheRunbookDoesWhatItSaysInOrder() throws IOException {
        List<Runbook.Command> commands = Runbook.commands(RUNBOOK);
        for (String required : List.of("scripts/liquibase status --verbose", "scripts/liquibase history",
                "scripts/liquibase rollbackCountSQL 1", "scripts/preview rollback-tag", "scripts/liquibase rollbackCount 1",
                "scripts/liquibase rollback \"$TAG\"", "scripts/liquibase update", "scripts/liquibase drift")) {
            assertTrue(commands.stream().anyMatch(command -> command.line().startsWith(required)), "the runbook runs " + required);
        }
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            RunbookData.insert(database);

            List<Runbook.Outcome> outcomes = Runbook.run(commands, Cli.against(database));
            StringBuilder transcript = new StringBuilder();
            outcomes.forEach(outcome -> transcript.append(outcome.describe()).append('\n'));
            for (Runbook.Outcome outcome : outcomes) {
                assertTrue(outcome.asExpected(), "runbook command did not do what the runbook says:\n" + outcome.describe()
                        + "\n\nwhole session:\n" + transcript);
            }
            assertTrue(outcomes.stream().anyMatch(outcome -> outcome.command().mustRefuse()), "the refusal path is exercised");

            String tag = outcomes.stream().map(Runbook.Outcome::command).filter(command -> command.line().startsWith("TAG="))
                    .findFirst().orElseThrow().line().substring("TAG=".length());
            assertFalse(History.applied(database).stream().anyMatch(row -> row.startsWith("changelog/analytics/")
                    && row.contains("advanced-analytics")), "the release after the tag is rolled back:\n" + transcript);
            assertNull(History.single(database, "select to_regclass('public.user_journeys')::text"), "its table is gone");
            assertEquals("request_traces", History.single(database, "select to_regclass('public.request_traces')::text"),
                    "the release of the tag is still there");
            assertEquals("1", History.single(database, "select count(*) from rollback_archive.user_journeys"), "the rows were kept");
            assertEquals("1", History.single(database, "select count(*) from auth.users"), "accounts are untouched");
            Runbook.Outcome lastStatus = outcomes.stream().filter(outcome -> outcome.command().line().equals("scripts/liquibase status --verbose"))
                    .reduce((first, second) -> second).orElseThrow();
            assertTrue(lastStatus.output().contains("changelog/analytics/release-advanced-analytics.yaml::tag-release-advanced-analytics::platform")
                    && lastStatus.output().contains("::tag-release-" + tag + "::platform"),
                    "status lists what was rolled back, the tag's own changeset included:\n" + lastStatus.output());
        }
    }

    @Test
    void theHarnessCatchesAFailingCommandAndARefusalThatDidNotHappen() {
        List<Runbook.Command> commands = Runbook.commands("""
                ```bash
                X=kept
                test "$X" = kept
                false
                ```
                <!-- runbook-test: refuses -->
                ```bash
                echo "rolled back without a word"
                ```
                """);
        assertEquals(4, commands.size());
        try (FreshDatabase database = FreshDatabase.create()) {
            List<Runbook.Outcome> outcomes = Runbook.run(commands, Cli.against(database));
            assertTrue(outcomes.get(0).asExpected() && outcomes.get(1).asExpected(), "variables carry from command to command");
            assertFalse(outcomes.get(2).asExpected(), "a failing command is caught");
            assertFalse(outcomes.get(3).asExpected(), "a command that should have refused and succeeded is caught");
        }
    }
}
