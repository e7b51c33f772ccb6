package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.adoption.HandBuilt;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * An adoption killed with a real {@code kill -9} of its JVM, then run again with the same command: killed while it
 * plans under the deploy lock (nothing recorded yet), and killed inside a changeset of the update that follows the
 * baseline. Each rerun ends where an untouched Supabase deploy of the whole changelog ends, every changeset recorded
 * once, every row kept.
 */
class KilledAdoptionTest {

    private static final String ROWS = "select md5(string_agg(c::text, ',' order by c.id)) from public.conversations c";

    @TempDir
    static Path folder;

    private static FreshDatabase existing;
    private static String fingerprint;
    private static int baselined;
    private static CatalogSnapshot wholeDeploy;
    private static String rows;

    @BeforeAll
    static void anExistingDatabaseAndWhereAdoptingItMustEnd() throws SQLException {
        existing = HandBuilt.upTo("add-constraint-chk-conversations-temperature");
        existing.execute("""
                insert into auth.users (id, email) values ('00000000-0000-0000-0000-0000000000a1', 'a@example.com');
                insert into public.conversations (user_id, temperature)
                  select '00000000-0000-0000-0000-0000000000a1', n / 10.0 from generate_series(0, 20) n""");
        var plan = HandBuilt.plan(existing);
        fingerprint = plan.fingerprint();
        baselined = plan.there().size();
        try (FreshDatabase whole = HandBuilt.whole(); Connection connection = existing.connect()) {
            wholeDeploy = CatalogSnapshot.of(whole);
            rows = Sql.one(connection, ROWS);
        }
    }

    @AfterAll
    static void drop() {
        existing.close();
    }

    @Test
    void killedWhilePlanningUnderTheLock() throws Exception {
        killAndRerun("while planning", (observer, recorded) -> recorded == 0 && deployLockHeld(observer));
    }

    @Test
    void killedInsideAChangesetOfTheUpdate() throws Exception {
        killAndRerun("inside a changeset of the update", (observer, recorded) -> recorded > baselined + 40
                && Integer.parseInt(Sql.one(observer, "select count(*)::text from pg_stat_activity where pid <> pg_backend_pid()"
                + " and datname = current_database() and backend_type = 'client backend' and xact_start is not null"
                + " and state in ('active', 'idle in transaction') and query not ilike '%databasechangelog%'")) > 0);
    }

    private interface KillPoint {
        boolean reached(Connection observer, int recorded) throws SQLException;
    }

    private void killAndRerun(String point, KillPoint killPoint) throws Exception {
        try (FreshDatabase database = FreshDatabase.copyOf(existing)) {
            List<String> command = new ArrayList<>(List.of(Cli.ROOT.resolve("scripts/liquibase").toString(), "adopt", "--apply",
                    "--fingerprint=" + fingerprint, "--accepted-differences-file=" + folder.resolve("accepted.yaml")));
            Process process = Cli.against(database).startMerged(command);
            Cli.drain(process.getInputStream());
            boolean killed;
            try (Connection observer = database.connect()) {
                killed = SigKill.when(process, observer, connection -> killPoint.reached(connection, recorded(connection)));
            }
            process.waitFor(1, TimeUnit.MINUTES);
            assertTrue(killed, point + ": the adoption ended before the kill point was reached, so nothing was killed");

            Cli.Result rerun = Cli.against(database).liquibase("adopt", "--apply", "--fingerprint=" + fingerprint,
                    "--accepted-differences-file=" + folder.resolve("accepted.yaml"));
            assertEquals(0, rerun.exitCode(), point + ": " + rerun.describe());
            SnapshotDiff diff = wholeDeploy.diffTo(CatalogSnapshot.of(database));
            assertTrue(diff.isEmpty(), point + ": the rerun ends where a whole Supabase deploy ends\n" + diff.describe());
            List<String> history = History.applied(database);
            assertEquals(HandBuilt.supabaseChangeSets(), history.size(), point + ": every changeset recorded");
            assertEquals(history.size(), new HashSet<>(history).size(), point + ": and each once");
            try (Connection connection = database.connect()) {
                assertEquals(rows, Sql.one(connection, ROWS), point + ": every row kept");
            }
        }
    }

    private static int recorded(Connection observer) {
        try {
            return Integer.parseInt(Sql.one(observer, "select count(*)::text from liquibase.databasechangelog"));
        } catch (RuntimeException noTableYet) {
            return 0;
        }
    }

    private static boolean deployLockHeld(Connection observer) {
        return Integer.parseInt(Sql.one(observer, "select count(*)::text from pg_locks where locktype = 'advisory'"
                + " and database = (select oid from pg_database where datname = current_database())")) > 0;
    }
}
