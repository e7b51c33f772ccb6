package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.Changelog;
import platformdb.postgres.FreshDatabase;
import platformdb.tooling.DeployActivity.Sample;
import platformdb.tooling.DeployActivity.Session;

/**
 * Deploys of the whole changelog started at once, as {@code scripts/liquibase update} processes: one applies it, the
 * others wait for the deploy lock without a transaction or a snapshot, so the holder's {@code create index
 * concurrently} never waits for a waiter (liquibase-sessionlock's own wait, an open transaction, made it wait until
 * the waiter gave up). Proven from the sessions as PostgreSQL shows them while the deploys run, not from times.
 *
 * <p>The test's own snapshot stops the first deploy at its first concurrent index build: the others start while it
 * holds the lock on any machine, however fast or loaded, and the holder then builds the remaining indexes with them
 * waiting.
 */
class ConcurrentDeploysTest {

    /**
     * Three, not also two: both waiters wait for the holder and every assertion of two deploys at once is made on each of
     * them, with a second waiter besides (a separate two-deploy case cost one more whole deploy and two more JVMs).
     */
    private static final int DEPLOYS = 3;

    @Test
    void deploysAtOnceApplyEachChangesetOnceAndTheHolderNeverWaitsForAWaiter() throws Exception {
        int deploys = DEPLOYS;
        try (FreshDatabase database = FreshDatabase.create(); Connection pause = database.connect()) {
            TrackingTables.create(database);
            DeployActivity activity = database.closesWithIt(DeployActivity.sample(database));
            int pausePid = holdSnapshot(pause);
            Cli cli = Cli.against(database).with("PLATFORMDB_DEPLOY_LOCK_WAIT_SECONDS", "3600");

            List<Deploy> all = new ArrayList<>();
            all.add(Deploy.start(cli));
            Sample paused = activity.await("the first deploy holds the lock and waits for the test's snapshot",
                    sample -> sample.holder().filter(holder -> holder.blockers().contains(pausePid)).isPresent(),
                    () -> all.get(0).process.isAlive());
            int holder = paused.holder().orElseThrow().pid();
            for (int i = 1; i < deploys; i++) {
                all.add(Deploy.start(cli));
            }
            activity.await((deploys - 1) + " deploys waiting for the lock", sample -> sample.waiting().size() == deploys - 1,
                    () -> all.stream().allMatch(deploy -> deploy.process.isAlive()));
            activity.awaitSamples(5);
            pause.commit();

            // Checked while they run: with a waiter that keeps a snapshot the holder would wait for it until the waiter
            // gives up, so the test stops at the first such sample instead of waiting that out.
            while (all.stream().anyMatch(Deploy::running)) {
                List<String> violations = violations(activity.samples(), pausePid);
                if (!violations.isEmpty()) {
                    all.forEach(Deploy::kill);
                    fail(violations);
                }
                Thread.sleep(100);
            }
            activity.close();
            List<Sample> samples = activity.samples();
            List<String> violations = violations(samples, pausePid);
            if (!violations.isEmpty()) {
                fail(violations);
            }
            assertTrue(samples.stream().anyMatch(sample -> !sample.waiting().isEmpty()), "no sample saw a deploy waiting");
            for (Deploy deploy : all) {
                deploy.assertSucceeded();
            }
            assertTrue(all.get(0).output.get().contains("Running Changeset"), all.get(0).output.get());
            for (Deploy waiter : all.subList(1, all.size())) {
                String output = waiter.output.get();
                assertTrue(output.contains("Waiting for changelog lock: pid " + holder + " "), "the waiter names the holder:\n" + output);
                assertFalse(output.contains("Running Changeset"), "the waiter found everything applied:\n" + output);
            }
            int changesets = Changelog.master().changeSets().size();
            assertEquals(changesets, History.applied(database).size(), "each changeset recorded once");
            assertEquals(String.valueOf(changesets),
                    History.single(database, "select count(distinct (id, author, filename)) from liquibase.databasechangelog"));
        }
    }

    /**
     * What no sample may show: the lock's holder blocked by a session, other than the test's own pausing snapshot,
     * that is between statements (idle, or idle in a transaction); a waiting deploy idle in a transaction, or idle
     * with a snapshot. A waiter's try is one statement that never waits, so a holder caught behind it for its few
     * milliseconds (the blocker is then "active") is not counted.
     */
    private static List<String> violations(List<Sample> samples, int pausePid) {
        List<String> violations = new ArrayList<>();
        for (Sample sample : samples) {
            sample.holder().ifPresent(holder -> holder.blockers().stream()
                    .filter(blocker -> blocker != pausePid)
                    .flatMap(blocker -> sample.session(blocker).stream())
                    .filter(blocker -> !blocker.state().equals("active"))
                    .forEach(blocker -> violations.add("the holder waited for pid " + blocker.pid() + " in " + sample)));
            for (Session waiter : sample.waiting()) {
                if (waiter.state().startsWith("idle in transaction") || (waiter.state().equals("idle") && waiter.hasSnapshot())) {
                    violations.add("a waiting deploy held a transaction or a snapshot: pid " + waiter.pid() + " in " + sample);
                }
            }
        }
        return violations;
    }

    private static void fail(List<String> violations) {
        throw new AssertionError(violations.size() + " samples show a deploy slowed by a waiting one; the first:\n"
                + String.join("\n", violations.subList(0, Math.min(3, violations.size()))));
    }

    /** Opens a repeatable-read transaction and takes its snapshot: a concurrent index build waits for it to end. */
    private static int holdSnapshot(Connection connection) throws Exception {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement(); ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }

    private record Deploy(Process process, CompletableFuture<String> output) {

        static Deploy start(Cli cli) {
            Process process = cli.startMerged(List.of(Cli.ROOT.resolve("scripts/liquibase").toString(), "update"));
            return new Deploy(process, Cli.drain(process.getInputStream()));
        }

        boolean running() {
            return process.isAlive();
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        void assertSucceeded() throws Exception {
            assertEquals(0, Cli.waitFor(process, List.of("scripts/liquibase update")), output.get(1, TimeUnit.MINUTES));
        }
    }
}
