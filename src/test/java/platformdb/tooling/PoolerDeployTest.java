package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.deploy.DeployLock;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;
import platformdb.postgres.PostgresServers;

/**
 * Deploys through a real PgBouncer, as CI deploys to Supabase through Supavisor from IPv4-only runners.
 * <ul>
 *   <li>Session mode: the whole changelog deploys; a deploy killed with {@code kill -9} while a second one waits for the
 *   lock is finished by that second one; rollback and redeploy; no advisory lock is left.</li>
 *   <li>Transaction mode: refused before anything is applied, with one line naming the session-mode way, by behaviour
 *   (pgjdbc's defaults, and {@code prepareThreshold=0}, which hides the prepared-statement errors), and by Supabase's
 *   transaction port before connecting.</li>
 *   <li>Known-bad: with the probe switched off, the changeset's own check of the deploy lock stops it with nothing
 *   applied, and the lock left on the pooled server connection is ended.</li>
 * </ul>
 * Every wait is for a condition PostgreSQL shows, never for a time.
 */
class PoolerDeployTest {

    private static PgBouncer session;
    private static PgBouncer transaction;

    @BeforeAll
    static void startPoolers() {
        session = PgBouncer.inFrontOf(PostgresServers.shared(), PgBouncer.Mode.SESSION);
        transaction = PgBouncer.inFrontOf(PostgresServers.shared(), PgBouncer.Mode.TRANSACTION);
    }

    @AfterAll
    static void stopPoolers() {
        session.close();
        transaction.close();
    }

    @Test
    void sessionModeDeploysSurvivesAKillWithAWaiterRollsBackAndLeavesNoLock() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection observer = database.connect();
             Connection pause = database.connect()) {
            TrackingTables.create(database);
            Cli cli = Cli.against(database).with("LIQUIBASE_COMMAND_URL", session.jdbcUrl(database.name()))
                    .with("PLATFORMDB_DEPLOY_LOCK_WAIT_SECONDS", "3600");
            // The test's snapshot stops the first deploy at its first concurrent index build, holding the lock.
            pause.setAutoCommit(false);
            pause.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            count(pause, "select count(*) from pg_class");

            Deploy first = Deploy.start(cli, "update");
            await("the first deploy builds an index concurrently, waiting for the test's snapshot", observer,
                    "select count(*) from pg_stat_activity where datname = current_database() and state = 'active'"
                            + " and query ilike '%index concurrently%' and wait_event_type = 'Lock'", first::running);
            Deploy second = Deploy.start(cli, "update");
            await("the second deploy waits for the lock", observer,
                    "select count(*) from pg_stat_activity where datname = current_database() and application_name = '"
                            + DeployLock.WAITING + "'", second::running);

            first.kill();
            pause.commit();
            second.assertSucceeded();
            assertTrue(second.output.get().contains("Waiting for changelog lock: pid "), second.output.get());

            int changesets = Changelog.master().changeSets().size();
            assertEquals(changesets, History.applied(database).size(), "each changeset recorded once");
            assertEquals(String.valueOf(changesets),
                    History.single(database, "select count(distinct (id, author, filename)) from liquibase.databasechangelog"));
            CatalogSnapshot deployed = deployedCatalog();
            assertSameCatalog(deployed, database, "after the kill and the second deploy");

            cli.liquibase("rollbackCount", "3").assertSucceeded();
            assertEquals(changesets - 3, History.applied(database).size(), "rolled back three");
            cli.liquibase("update").assertSucceeded();
            assertSameCatalog(deployed, database, "after rollback and redeploy");
            awaitNoAdvisoryLock(observer);
        }
    }

    @Test
    void transactionModeIsRefusedByBehaviourBeforeAnythingIsApplied() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection observer = database.connect()) {
            for (String url : List.of(transaction.jdbcUrl(database.name()), transaction.jdbcUrl(database.name(), "prepareThreshold=0"))) {
                Cli.Result result = Cli.against(database).with("LIQUIBASE_COMMAND_URL", url).liquibase("update");
                assertRefused(result, "goes through a transaction-mode pooler");
                System.out.println("PoolerDeployTest | transaction mode, " + url + ": " + result.stderrLines().get(0));
                assertNothingApplied(observer);
                awaitNoAdvisoryLock(observer);
            }
        }
    }

    /**
     * A pool that hands out its idle server connections in turn (round robin), two of them idle: the session's second
     * transaction already runs on another server connection than its first (the probe's other branch; the pools above
     * give themselves away by handing the other client the session's server connection).
     */
    @Test
    void aRoundRobinTransactionPoolIsRefusedByBehaviour() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection observer = database.connect();
             PgBouncer roundRobin = PgBouncer.inFrontOf(PostgresServers.shared(), PgBouncer.Mode.TRANSACTION, "server_round_robin = 1")) {
            String url = roundRobin.jdbcUrl(database.name(), "prepareThreshold=0");
            try (Connection one = DriverManager.getConnection(url, database.server().username(), database.server().password());
                 Connection two = DriverManager.getConnection(url, database.server().username(), database.server().password())) {
                one.setAutoCommit(false);
                two.setAutoCommit(false);
                assertNotEquals(count(one, "select pg_backend_pid()"), count(two, "select pg_backend_pid()"), "two server connections");
                one.commit();
                two.commit();
            }
            Cli.Result result = Cli.against(database).with("LIQUIBASE_COMMAND_URL", url).liquibase("update");
            assertRefused(result, "this session's transactions ran on different server connections");
            assertNothingApplied(observer);
            awaitNoAdvisoryLock(observer);
        }
    }

    @Test
    void supabasesTransactionPortIsRefusedBeforeConnecting() {
        try (FreshDatabase database = FreshDatabase.create()) {
            // Nothing needs to listen there: the URL is refused before a connection is tried.
            Cli.Result result = Cli.against(database)
                    .with("LIQUIBASE_COMMAND_URL", "jdbc:postgresql://127.0.0.1:6543/" + database.name()).liquibase("update");
            assertRefused(result, "port 6543 is Supabase's transaction-mode pooler");
        }
    }

    /**
     * The probe switched off (as if it had missed the pooler): the deploy takes the lock on one server connection; the
     * test, as another client of the pool, takes that server connection into a transaction of its own while the
     * changeset retries on the table the test locks; the changeset's next attempt lands elsewhere, and its own check
     * must stop it with nothing applied. The release then ends the server connection that holds the lock.
     */
    @Test
    void knownBadWithTheProbeOffTheChangesetsOwnLockCheckStopsIt() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection observer = database.connect();
             Connection blocker = database.connect()) {
            TrackingTables.create(database);
            database.execute("create table public.pooler_target (id int)");
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("lock table public.pooler_target in access exclusive mode");
            }
            String url = transaction.jdbcUrl(database.name(), "prepareThreshold=0");
            Deploy deploy = Deploy.start(Cli.against(database).with("LIQUIBASE_COMMAND_URL", url)
                    .with("PLATFORMDB_POOLER_PROBE", "off"), "update",
                    "--changelog-file=src/test/resources/fixtures/tooling/pooler/changelog.yaml");
            await("the deploy holds its lock and its changeset waits for the test's table lock", observer,
                    "select count(*) from pg_locks where not granted and relation = 'public.pooler_target'::regclass"
                            + " and exists (select 1 from pg_locks where locktype = 'advisory' and objsubid = 2 and granted"
                            + " and database = (select oid from pg_database where datname = current_database()))",
                    deploy::running);

            try (Connection other = DriverManager.getConnection(url, database.server().username(), database.server().password())) {
                other.setAutoCommit(false);
                // Another client of the pool, until it is given the server connection that holds the deploy lock (or
                // the deploy, given this client's server connection, has stopped already).
                boolean tookIt;
                while (!(tookIt = count(other, "select count(*) from pg_locks where locktype = 'advisory'"
                        + " and objsubid = 2 and granted and pid = pg_backend_pid()") > 0) && deploy.running()) {
                    other.rollback();
                    Thread.sleep(1);
                }
                blocker.commit();
                deploy.assertFailed();
                // Before this client leaves: PgBouncer would close a server connection left in a transaction, and the
                // lock with it. The deploy itself must have ended the server connection that holds its lock.
                awaitNoAdvisoryLock(observer);
                System.out.println("PoolerDeployTest | known-bad: " + (tookIt
                        ? "the other client held the lock's server connection, the changeset's next attempt landed elsewhere"
                        : "the changeset's attempt landed on the other client's server connection") + "; the deploy said: "
                        + deploy.output.get().lines().filter(line -> line.contains("deploy lock")).toList());
            }
            String output = deploy.output.get();
            assertTrue(output.contains("Stopped before applying anything of this changeset: its transaction runs on a server"
                    + " connection that does not hold the deploy lock"), output);
            assertTrue(output.contains("session-mode pooler instead"), output);
            assertEquals(List.of(), History.applied(database), "nothing recorded");
            assertEquals(0, count(observer, "select count(*) from information_schema.columns where table_name = 'pooler_target'"
                    + " and column_name = 'added'"), "nothing applied");
            awaitNoAdvisoryLock(observer);
        }
    }

    private static void assertRefused(Cli.Result result, String why) {
        assertNotEquals(0, result.exitCode(), result.describe());
        List<String> lines = result.stderrLines();
        assertEquals(1, lines.size(), "one line, not a stack trace:\n" + result.describe());
        assertTrue(lines.get(0).contains(why), lines.get(0));
        assertTrue(lines.get(0).contains("Deploy through Supabase's session-mode pooler instead (the same pooler host, port 5432,"
                + " user postgres.<project-ref>)"), lines.get(0));
        assertTrue(lines.get(0).contains("nothing was done"), lines.get(0));
    }

    /** No table, view, sequence or function of the changelog's, nor Liquibase's tracking tables. */
    private static void assertNothingApplied(Connection observer) throws SQLException {
        assertEquals(0, count(observer, "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')"), "no relation created");
        assertEquals(0, count(observer, "select count(*) from pg_namespace where nspname in ('auth', 'extensions')"), "no schema created");
    }

    /** No advisory lock on the whole server (a pooled server connection may hold one in any database). */
    private static void awaitNoAdvisoryLock(Connection observer) throws Exception {
        await("no advisory lock left on the server", observer,
                "select (count(*) = 0)::int from pg_locks where locktype = 'advisory'", () -> true);
    }

    /** Polls until {@code sql} (a count) is positive; fails when {@code alive} turns false first, or after 3 minutes. */
    private static void await(String what, Connection observer, String sql, BooleanSupplier alive) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (count(observer, sql) == 0) {
            if (!alive.getAsBoolean()) {
                throw new AssertionError("the deploy ended before: " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen in 3 minutes: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static CatalogSnapshot deployedCatalog() {
        try (FreshDatabase deployed = DeployedSchema.freshDatabase()) {
            return CatalogSnapshot.of(deployed);
        }
    }

    private static void assertSameCatalog(CatalogSnapshot expected, FreshDatabase database, String when) {
        SnapshotDiff diff = expected.diffTo(CatalogSnapshot.of(database));
        assertTrue(diff.isEmpty(), when + ": the catalog of a deploy straight to the server\n" + diff.describe());
    }

    private record Deploy(Process process, CompletableFuture<String> output) {

        static Deploy start(Cli cli, String... arguments) {
            List<String> command = new java.util.ArrayList<>(List.of(Cli.ROOT.resolve("scripts/liquibase").toString()));
            command.addAll(List.of(arguments));
            Process process = cli.startMerged(command);
            return new Deploy(process, Cli.drain(process.getInputStream()));
        }

        boolean running() {
            return process.isAlive();
        }

        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }

        void assertSucceeded() throws Exception {
            assertEquals(0, Cli.waitFor(process, List.of("scripts/liquibase")), output.get(1, TimeUnit.MINUTES));
        }

        void assertFailed() throws Exception {
            assertNotEquals(0, Cli.waitFor(process, List.of("scripts/liquibase")), output.get(1, TimeUnit.MINUTES));
        }
    }
}
