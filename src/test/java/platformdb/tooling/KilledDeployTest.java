package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.liquibase.LiquibaseFailure;
import platformdb.postgres.FreshDatabase;

/**
 * A deploy or a rollback killed with a real {@code kill -9} of its JVM at many moments (after a changeset, inside a
 * transactional changeset, inside a concurrent index build), then simply run again as an operator would: the rerun
 * must start at once (the lock died with the process) and end at exactly the catalog and history of a clean run,
 * and the scratch files the killed script could not remove are removed by the next run.
 *
 * <p>The range is releases user-profiles-system and projects-core (43 changesets, two of them concurrent index builds
 * outside a transaction). {@code -Dplatformdb.killPoints=N} tries N kill points per direction instead of the default 4.
 */
class KilledDeployTest {

    private static final String FROM_TAG = "projects-init-schema";
    private static final String TO_TAG = "projects-core";
    private static final int KILL_POINTS = Integer.getInteger("platformdb.killPoints", 4);

    /** TMPDIR of the killed runs. */
    @TempDir
    static Path scratch;

    private static FreshDatabase atFromTag;
    private static CatalogSnapshot cleanFrom;
    private static CatalogSnapshot cleanTo;
    private static List<String> cleanHistoryTo;

    @BeforeAll
    static void deployTheRangeCleanly() {
        atFromTag = FreshDatabase.create();
        try (Deployment deployment = Changelog.master().deployTo(atFromTag)) {
            deployment.updateToTag(FROM_TAG);
        }
        cleanFrom = CatalogSnapshot.of(atFromTag);
        try (FreshDatabase clean = FreshDatabase.copyOf(atFromTag)) {
            rerun(clean, deployment -> deployment.updateToTag(TO_TAG));
            cleanTo = CatalogSnapshot.of(clean);
            cleanHistoryTo = History.applied(clean);
        }
    }

    @AfterAll
    static void dropTemplate() {
        atFromTag.close();
    }

    @Test
    void aKilledUpdateIsFinishedByRunningItAgain() throws Exception {
        List<KillPoint> points = KillPoint.spread(KILL_POINTS, 43);
        for (KillPoint point : points) {
            try (FreshDatabase database = FreshDatabase.copyOf(atFromTag)) {
                killed(database, point, "update-to-tag", "--tag=" + TO_TAG);
                rerun(database, deployment -> deployment.updateToTag(TO_TAG));
                assertConverged(database, cleanTo, point + ", update");
                assertEquals(cleanHistoryTo, History.applied(database), point + ": each changeset recorded once");
            }
        }
        System.out.println("KilledDeployTest | update killed at " + points.size() + " points: " + points);
    }

    @Test
    void aKilledRollbackIsFinishedByRunningItAgain() throws Exception {
        try (FreshDatabase atToTag = FreshDatabase.copyOf(atFromTag)) {
            rerun(atToTag, deployment -> deployment.updateToTag(TO_TAG));
            List<KillPoint> points = KillPoint.spread(KILL_POINTS, 43);
            for (KillPoint point : points) {
                try (FreshDatabase database = FreshDatabase.copyOf(atToTag)) {
                    killed(database, point, "rollback", FROM_TAG);
                    rerun(database, deployment -> rollbackAgain(deployment));
                    assertConverged(database, cleanFrom, point + ", rollback");
                }
            }
            System.out.println("KilledDeployTest | rollback killed at " + points.size() + " points: " + points);
        }
    }

    /**
     * Starts the command in its own JVM and kills that JVM (SIGKILL) when the kill point is reached. A killed run
     * cannot remove its scratch files; the next run must remove them, so after each kill only its own are left.
     */
    private static void killed(FreshDatabase database, KillPoint point, String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(Cli.ROOT.resolve("scripts/liquibase").toString()));
        arguments.addAll(List.of(command));
        int historyAtStart = historyRows(database);
        boolean killed;
        Process process;
        java.util.concurrent.CompletableFuture<String> output;
        try (Connection observer = database.connect(); HistoryGate gate = new HistoryGate(database, observer)) {
            // Held at the gate, a history write must wait, not time out: the deploy's lock retries give each attempt 100 ms
            process = Cli.against(database).with("TMPDIR", scratch.toString())
                    .with("PLATFORMDB_LOCK_RETRY_ATTEMPT_TIMEOUT_MS", "600000").startMerged(arguments);
            output = Cli.drain(process.getInputStream());
            killed = killAtPoint(process, observer, gate, point, historyAtStart);
        }
        process.waitFor(1, TimeUnit.MINUTES);
        assertTrue(killed, point + ": the command ended before the kill point was reached, so nothing was killed; it printed:\n"
                + tail(output.getNow("(still printing)")));
        assertEquals(List.of(String.valueOf(process.pid())), scratchFoldersLeft(),
                point + ": the killed run left its scratch folder (no trap runs on SIGKILL), the run before it left none");
        awaitSessionsOfTheKilledRunGone(database, point);
        assertEquals("0 deploy locks held", deployLocksHeld(database),
                point + ": the deploy lock died with the killed run's sessions (a lock left behind makes the rerun wait minutes, then fail)");
    }

    /**
     * Steps the run one history write at a time through the gate until the kill point, then kills it there: held at its
     * next history write inside the changeset's transaction (IN_A_TRANSACTION), running freely just after a changeset
     * was recorded (NOW, the gate closed behind it so it cannot finish), or held inside a concurrent index build by a
     * snapshot (BUILDING_AN_INDEX_CONCURRENTLY; when no index build comes by {@code latest} rows, held at the gate).
     * Returns false when the run ended first.
     */
    private static boolean killAtPoint(Process process, Connection observer, HistoryGate gate, KillPoint point, int historyAtStart)
            throws SQLException {
        boolean snapshotHeld = false;
        while (gate.awaitRunWaiting(process)) {
            int done = Math.abs(historyRows(observer) - historyAtStart);
            boolean heldByTheSnapshot = snapshotHeld && String.valueOf(gate.waitingQuery()).toLowerCase(java.util.Locale.ROOT).contains("index concurrently");
            if (!heldByTheSnapshot && gate.reopenIfTheRunWaitsOnIt()) {
                continue;  // an index build waited on the gate's own transaction, not at a history write: it goes on
            }
            boolean inIndexBuild = String.valueOf(gate.waitingQuery()).toLowerCase(java.util.Locale.ROOT).contains("index concurrently");
            boolean reached = switch (point.when()) {
                case IN_A_TRANSACTION -> done >= point.afterChangesets();
                case NOW -> false;
                case BUILDING_AN_INDEX_CONCURRENTLY -> snapshotHeld && (inIndexBuild || done >= point.latest());
            };
            if (reached) {
                assertEquals(1, advisoryLocksHeld(observer), point + ": the run holds the deploy lock when it is killed");
                System.out.println("KilledDeployTest | " + point + ": killed after " + done + " rows, held at: " + gate.waitingQuery());
                return SigKill.now(process);
            }
            if (point.when() == KillPoint.While.BUILDING_AN_INDEX_CONCURRENTLY && !snapshotHeld && done >= point.afterChangesets()) {
                gate.holdSnapshot();
                snapshotHeld = true;
                continue;  // the run still waits at the gate: look again, then let it on towards an index build
            }
            gate.letOneThrough();
            if (point.when() == KillPoint.While.NOW && done + 1 >= point.afterChangesets()) {
                assertEquals(1, advisoryLocksHeld(observer), point + ": the run holds the deploy lock when it is killed");
                System.out.println("KilledDeployTest | " + point + ": killed running, just after row " + (done + 1));
                return SigKill.now(process);
            }
        }
        return false;
    }

    private static String tail(String text) {
        return text.length() <= 3000 ? text : "..." + text.substring(text.length() - 3000);
    }

    private static int advisoryLocksHeld(Connection observer) {
        return Integer.parseInt(Sql.one(observer, "select count(*)::text from pg_locks where locktype = 'advisory'"
                + " and database = (select oid from pg_database where datname = current_database())"));
    }

    /**
     * PostgreSQL ends a killed client's session when it next reads from the client: at once when the session was idle,
     * after the statement when one was running (a concurrent index build finishes first). Until then that session
     * rightly still holds the deploy lock; waits for it to end, bounded only so that a stuck session fails the test.
     */
    private static void awaitSessionsOfTheKilledRunGone(FreshDatabase database, KillPoint point) throws SQLException {
        try (Connection observer = database.connect(); Statement statement = observer.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (true) {
                String left;
                try (ResultSet rows = statement.executeQuery("select string_agg(pid || ' ' || state || ': ' || left(query, 80), '; ')"
                        + " from pg_stat_activity where datname = current_database() and backend_type = 'client backend'"
                        + " and pid <> pg_backend_pid()")) {
                    rows.next();
                    left = rows.getString(1);
                }
                if (left == null) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(point + ": the killed run's sessions did not end in 3 minutes: " + left);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /** Session advisory locks (liquibase-sessionlock's) and a locked DATABASECHANGELOGLOCK row, if that table exists. */
    private static String deployLocksHeld(FreshDatabase database) {
        int held = Integer.parseInt(History.single(database, "select count(*) from pg_locks where locktype = 'advisory'"
                + " and database = (select oid from pg_database where datname = current_database())"));
        if (History.single(database, "select to_regclass('liquibase.databasechangeloglock')::text") != null) {
            held += Integer.parseInt(History.single(database, "select count(*) from liquibase.databasechangeloglock where locked"));
        }
        return held + " deploy locks held";
    }

    /** The run folders under {@code $TMPDIR/platformdb-liquibase-<uid>/} of the killed runs. */
    private static List<String> scratchFoldersLeft() throws java.io.IOException {
        try (Stream<Path> perUser = Files.list(scratch)) {
            List<String> runs = new ArrayList<>();
            for (Path folder : perUser.toList()) {
                try (Stream<Path> folders = Files.list(folder)) {
                    folders.forEach(run -> runs.add(run.getFileName().toString()));
                }
            }
            return runs;
        }
    }

    /**
     * The operator's rerun, in this JVM (a second JVM start per kill point would double the cost). {@link #killed} has
     * proven that no deploy lock was left behind, so it starts at once.
     */
    private static void rerun(FreshDatabase database, java.util.function.Consumer<Deployment> command) {
        try (Deployment deployment = Changelog.master().deployTo(database)) {
            command.accept(deployment);
        }
    }

    /** Killed after its last changeset, the rollback is complete: the rerun says so (the tag went with it). */
    private static void rollbackAgain(Deployment deployment) {
        try {
            deployment.rollbackToTag(FROM_TAG);
        } catch (LiquibaseFailure failure) {
            if (!String.valueOf(failure.getMessage()).contains("nothing to roll back, the database is already at " + FROM_TAG)) {
                throw failure;
            }
        }
    }

    private static void assertConverged(FreshDatabase database, CatalogSnapshot expected, String what) {
        SnapshotDiff diff = expected.diffTo(CatalogSnapshot.of(database));
        assertTrue(diff.isEmpty(), what + ": the rerun ends where a clean run ends\n" + diff.describe());
    }

    private static int historyRows(FreshDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            return historyRows(connection);
        }
    }

    private static int historyRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from liquibase.databasechangelog")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            return 0;  // the table does not exist yet
        }
    }

    /**
     * When to kill: once {@code afterChangesets} more history rows exist, in the state {@code when} names ({@link
     * #killAtPoint}). An index build that does not come by {@code latest} rows (a quarter of the range before its end)
     * gives way to a kill at the gate. Polling for these moments was not enough: an observer on a busy machine missed
     * them and the run ended unkilled (load 14; and on an idle machine, where a rollback's index drop is over in a moment).
     */
    record KillPoint(int afterChangesets, While when, int latest) {

        enum While {
            /** the deploy's session is inside a concurrent index build (outside any transaction) */
            BUILDING_AN_INDEX_CONCURRENTLY,
            /** the deploy's session has a transaction open: a changeset's work not yet committed */
            IN_A_TRANSACTION,
            /** at once */
            NOW
        }

        static List<KillPoint> spread(int count, int changesets) {
            List<KillPoint> points = new ArrayList<>();
            While[] kinds = While.values();
            for (int i = 0; i < count; i++) {
                points.add(new KillPoint((int) ((long) i * changesets / count), kinds[i % kinds.length], changesets - changesets / 4));
            }
            return points;
        }
    }
}
