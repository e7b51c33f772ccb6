package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.drift.LedgerWalk;
import liquibase.resource.DirectoryResourceAccessor;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.CommandConnections;

/**
 * The adoption preview's updateSQL runs against an offline history that holds the baseline. Liquibase's own offline
 * history cannot: parsing the master with one row in it fails (the row's stored changelog is null). With the preview's
 * history service the same run succeeds and leaves out exactly the changeset the history holds. No database is needed.
 */
class PreviewHistoryServiceTest {

    private static final String MASTER = "changelog/db.changelog-master.yaml";
    private static final String BASELINED = "changelog/tenants/customers.yaml::create-table-customers::platform";

    @TempDir
    Path folder;

    @Test
    void liquibasesOwnOfflineHistoryFailsOnAHistoryRowAndThePreviewsLeavesThatChangesetOut() throws Exception {
        Path plain = history("plain.csv");
        Exception failure = assertThrows(Exception.class, () -> updateSql(plain, Map.of()));
        assertTrue(causes(failure).contains("getStoredChangeLog()"), causes(failure));

        Path preview = history("preview.csv");
        String sql = updateSql(preview, Map.of(PreviewHistoryService.HISTORY_FILE, preview.toString()));
        assertFalse(sql.contains("-- Changeset " + BASELINED), "the changeset the history holds is left out");
        assertTrue(sql.contains("-- Changeset changelog/tenants/customers.yaml::enable-rls-customers::platform"), "the next one is there");
    }

    private Path history(String name) throws Exception {
        ChangeSet changeSet = inTheProject(Map.of(), () -> CommandConnections.changeSets(MASTER)).get(BASELINED);
        Path file = folder.resolve(name);
        Files.writeString(file, "ID,AUTHOR,FILENAME,DATEEXECUTED,ORDEREXECUTED,EXECTYPE,MD5SUM,DESCRIPTION,COMMENTS,TAG,LIQUIBASE,CONTEXTS,LABELS,DEPLOYMENT_ID\n"
                + changeSet.getId() + "," + changeSet.getAuthor() + "," + changeSet.getFilePath() + ",2026-12-06T12:00:00,1,EXECUTED,"
                + LedgerWalk.checkSum(changeSet) + ",sql,adopted,,4.33.0,,,0000000001\n");
        return file;
    }

    private static String updateSql(Path history, Map<String, Object> scope) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        inTheProject(scope, () -> new CommandScope("updateSql")
                .addArgumentValue("url", "offline:postgresql?changeLogFile=" + history + "&outputLiquibaseSql=data_only")
                .addArgumentValue("changelogFile", MASTER).addArgumentValue("contexts", "supabase").setOutput(output).execute());
        return output.toString();
    }

    /** Runs with the project's folder as Liquibase's resources, as scripts/liquibase does from the repository root. */
    private static <T> T inTheProject(Map<String, Object> values, Scope.ScopedRunnerWithReturn<T> runner) throws Exception {
        Map<String, Object> scope = new java.util.HashMap<>(values);
        scope.put(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(Changelog.PROJECT_ROOT));
        return Scope.child(scope, runner);
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
