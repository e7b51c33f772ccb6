package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * {@code scripts/liquibase drift} as an on-call engineer and a CI job run it: exit code 0 no drift, 1 drift, 2 could
 * not check (a database without history, or one it cannot reach), each with its one-line summary; the report for a
 * person, and as JSON in a file a CI step reads; a reviewed file of accepted differences. (The Markdown rendering and
 * the refusal of an acceptance without a reason are shown in-process, DriftReportFormatsTest.)
 */
class DriftCommandTest {

    private static final String POLICY = "policy public.user_profiles.user_profiles_select_own";

    @Deployed
    FreshDatabase database;

    @TempDir
    Path folder;

    @Test
    void noDriftThenDriftInEachFormat() throws IOException {
        Cli.Result clean = Cli.against(database).liquibase("drift");
        assertEquals(0, clean.exitCode(), clean.describe());
        assertTrue(clean.stdout().contains("No drift."), clean.describe());

        database.execute("alter policy user_profiles_select_own on public.user_profiles using (true)");
        Cli.Result text = Cli.against(database).liquibase("drift");
        assertEquals(1, text.exitCode(), text.describe());
        assertTrue(text.stdout().contains("changed: " + POLICY), text.describe());
        assertTrue(text.stdout().contains("changeset: changelog/whatsapp/rls-optimization.yaml::alter-policy-user-profiles-select-own-initplan::platform"), text.describe());
        assertEquals(List.of("liquibase: drift: 1 difference from the changelog (listed above)"), text.stderrLines(), text.describe());

        Path json = folder.resolve("drift.json");
        Cli.Result machine = Cli.against(database).liquibase("drift", "--format=json", "--report-file=" + json);
        assertEquals(1, machine.exitCode(), machine.describe());
        String report = Files.readString(json);
        assertTrue(report.startsWith("{") && report.strip().endsWith("}"), report);
        assertTrue(report.contains("\"kind\":\"changed\",\"object\":\"" + POLICY + "\""), report);
        assertTrue(report.contains("\"exitCode\":1"), report);

    }

    @Test
    void aReviewedAcceptanceTurnsTheCheckGreen() throws IOException {
        database.execute("create index messages_by_hand on public.customers (email)");
        Path accepted = folder.resolve("accepted.yaml");
        Files.writeString(accepted, """
                - object: index public.messages_by_hand
                  reason: added by hand for the monthly report; to be proposed as a changeset
                """);
        Cli.Result green = Cli.against(database).liquibase("drift", "--accepted-differences=" + accepted);
        assertEquals(0, green.exitCode(), green.describe());
        assertTrue(green.stdout().contains("accepted:  added by hand for the monthly report"), green.describe());

    }

    @Test
    void aDatabaseItCannotCheckIsExitCodeTwoWithTheReason() {
        try (FreshDatabase empty = FreshDatabase.create()) {
            Cli.Result result = Cli.against(empty).liquibase("drift");
            assertEquals(2, result.exitCode(), result.describe());
            assertEquals(1, result.stderrLines().size(), result.describe());
            assertTrue(result.stderrLines().get(0).startsWith("liquibase: drift: could not check: this database has no liquibase.databasechangelog"),
                    result.describe());
            Cli.Result unreachable = Cli.against(empty).with("LIQUIBASE_COMMAND_URL", "jdbc:postgresql://127.0.0.1:1/nowhere").liquibase("drift");
            assertEquals(2, unreachable.exitCode(), "a database it cannot reach is not drift: " + unreachable.describe());
            assertTrue(unreachable.stderrLines().get(0).startsWith("liquibase: drift: could not check: could not connect to jdbc:postgresql://127.0.0.1:1/nowhere"),
                    unreachable.describe());
            // the check only reads: Liquibase's parser would create the history table if it saw the database
            try (Connection connection = empty.connect()) {
                assertEquals("0", Sql.one(connection, "select count(*)::text from pg_tables where schemaname = 'liquibase'"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
