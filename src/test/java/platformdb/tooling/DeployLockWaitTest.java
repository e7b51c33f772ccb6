package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.junit.jupiter.api.Test;
import platformdb.postgres.FreshDatabase;

/**
 * A deploy that finds the deploy lock taken waits a bounded time, this project's setting or Liquibase's own, and then
 * fails with one line that names the holder and says what to do. The test holds the lock itself, as a stuck deploy would.
 */
class DeployLockWaitTest {

    private static final String SMALL = "--changelog-file=src/test/resources/fixtures/tooling/small/changelog.yaml";

    @Test
    void theProjectsWaitSettingBoundsTheWaitAndTheFailureNamesTheHolder() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection holder = database.connect()) {
            TrackingTables.create(database);
            int pid = holdDeployLock(holder, "release 42 deploy");

            Cli.Result result = Cli.against(database).with("PLATFORMDB_DEPLOY_LOCK_WAIT_SECONDS", "2").liquibase("update", SMALL);

            assertGaveUpNaming(result, pid);
            assertTrue(result.stdout().contains("Waiting for changelog lock: pid " + pid + " (application 'release 42 deploy'"),
                    "says who holds it while it waits:\n" + result.describe());
            assertEquals(List.of(), History.applied(database), "nothing applied");
        }
    }

    @Test
    void liquibasesOwnLockWaitTimeIsHonoured() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection holder = database.connect()) {
            TrackingTables.create(database);
            int pid = holdDeployLock(holder, "release 42 deploy");

            assertGaveUpNaming(Cli.against(database).liquibase("--changelog-lock-wait-time-in-minutes=0", "update", SMALL), pid);
        }
    }

    /**
     * A deploy waits for the lock before it reads the changelog: the reading costs a JVM seconds of CPU, which a deploy
     * that only waits must not take from the one deploying. Shown by a changelog that cannot be read at all: with the
     * lock held elsewhere the deploy waits and gives up on the lock, and only once the lock is free does it find the
     * changelog broken.
     */
    @Test
    void aDeployWaitsForTheLockBeforeItReadsTheChangelog() throws Exception {
        String unparsable = "--changelog-file=src/test/resources/fixtures/tooling/unparsable/changelog.yaml";
        try (FreshDatabase database = FreshDatabase.create(); Connection holder = database.connect()) {
            TrackingTables.create(database);
            int pid = holdDeployLock(holder, "release 42 deploy");
            assertGaveUpNaming(Cli.against(database).with("PLATFORMDB_DEPLOY_LOCK_WAIT_SECONDS", "2").liquibase("update", unparsable), pid);

            holder.close();
            Cli.Result broken = Cli.against(database).liquibase("update", unparsable);
            assertNotEquals(0, broken.exitCode(), broken.describe());
            assertTrue(broken.stderr().startsWith("liquibase: Syntax error in file src/test/resources/fixtures/tooling/unparsable/changelog.yaml"), broken.describe());
        }
    }

    private static void assertGaveUpNaming(Cli.Result result, int pid) {
        assertNotEquals(0, result.exitCode(), result.describe());
        List<String> lines = result.stderrLines();
        assertEquals(1, lines.size(), "one line, not a stack trace:\n" + result.describe());
        String line = lines.get(0);
        assertTrue(line.startsWith("liquibase: Could not acquire change log lock after waiting "), line);
        assertTrue(line.contains("held by pid " + pid + " (application 'release 42 deploy'"), line);
        assertTrue(line.contains("select pg_terminate_backend(" + pid + ")"), line);
    }

    /** Takes the deploy lock (the session advisory lock a deploy takes, same keys) on the connection; returns its pid. */
    private static int holdDeployLock(Connection connection, String applicationName) throws Exception {
        connection.setClientInfo("ApplicationName", applicationName);
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?, ?), pg_backend_pid()")) {
            lock.setInt(1, database.getDatabaseChangeLogLockTableName().hashCode());
            lock.setInt(2, database.getDefaultSchemaName().hashCode());
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getInt(2);
            }
        }
    }
}
