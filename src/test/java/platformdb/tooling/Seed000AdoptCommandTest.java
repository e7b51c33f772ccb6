package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.SeedDatabase;

/**
 * Seed 000's production database at its final point, built by the seed's own SQL with the team's tables and rows (the
 * rows the reshaping's guards refuse fixed as their messages say), adopted as its team would: `adopt` recognises the
 * point and previews the plan of the catalog the reshaping leaves, changing nothing; `--apply` records the baseline
 * and the tag, runs the reshaping and the master, and verifies the result. Every row is still there; the adopted
 * changelog has nothing to run; rolling back to the adoption tag returns the seed's catalog and every row exactly. An
 * adoption killed with a real {@code kill -9} inside a reshaping changeset, or inside a changeset of the master after
 * it, ends where the untouched adoption ends when run again; a plain deploy meanwhile is refused while the reshaping
 * is unfinished.
 */
class Seed000AdoptCommandTest {

    private static final String RESHAPING_ROWS = "filename like 'changelog/adoption/%'";

    private static SeedAdoption adoption;

    @BeforeAll
    static void theSeedsDatabaseAdoptedUntouched() {
        adoption = SeedAdoption.of(new Seed000Final(), "/seeds/000-final/fixes-for-the-reshaping.sql");
    }

    @Test
    void everyRowIsKeptNothingIsLeftToRunAndTheWayBackReturnsTheSeedsDatabaseExactly() {
        try (Connection connection = adoption.adopted.connect()) {
            assertEquals("seed-000-final", Sql.one(connection, "select max(reshaping) from liquibase.adopted_changesets"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        adoption.assertEveryRowKeptNothingToRunAndTheWayBackExact(List.of("public.feature_requests"));
    }

    @Test
    void theSqlThePreviewWroteRunByPsqlDoesWhatApplyDid() {
        adoption.assertThePreviewsSqlDoesWhatApplyDid();
    }

    @Test
    void killedInsideAReshapingChangesetItFinishesWhenRunAgainAndNoDeployRunsMeanwhile() throws Exception {
        killAndRerun("inside a reshaping changeset", observer -> count(observer, RESHAPING_ROWS) >= 10 && inAChangeset(observer),
                database -> {
                    int recorded = History.applied(database).size();
                    Cli.Result update = Cli.against(database).liquibase("update", "--contexts=supabase");
                    assertEquals(1, update.exitCode(), update.describe());
                    assertTrue(update.output().contains("update refused: this database's adoption stopped before its reshaping"),
                            update.describe());
                    assertEquals(recorded, History.applied(database).size(), "the refused update applied nothing");
                });
    }

    @Test
    void killedInsideAChangesetOfTheMasterAfterTheReshapingItFinishesWhenRunAgain() throws Exception {
        int reshapingChangesets = (int) adoption.adoptedHistory.stream().filter(name -> name.startsWith("changelog/adoption/")).count();
        killAndRerun("inside a changeset of the master", observer -> count(observer, RESHAPING_ROWS) == reshapingChangesets
                && count(observer, "comments not like 'adopted:%' and not " + RESHAPING_ROWS) >= 20 && inAChangeset(observer),
                database -> {
                });
    }

    private interface KillPoint {
        boolean reached(Connection observer) throws SQLException;
    }

    private interface AfterTheKill {
        void check(FreshDatabase database) throws Exception;
    }

    private void killAndRerun(String point, KillPoint killPoint, AfterTheKill afterTheKill) throws Exception {
        try (FreshDatabase database = FreshDatabase.copyOf(adoption.seed.database())) {
            List<String> command = new ArrayList<>(List.of(Cli.ROOT.resolve("scripts/liquibase").toString()));
            command.addAll(List.of(adoption.apply()));
            Process process = Cli.against(database).startMerged(command);
            Cli.drain(process.getInputStream());
            boolean killed;
            try (Connection observer = database.connect()) {
                killed = SigKill.when(process, observer, killPoint::reached);
            }
            process.waitFor(1, TimeUnit.MINUTES);
            assertTrue(killed, point + ": the adoption ended before the kill point was reached, so nothing was killed");
            afterTheKill.check(database);

            Cli.Result rerun = Cli.against(database).liquibase(adoption.apply());
            assertEquals(0, rerun.exitCode(), point + ": " + rerun.describe());
            SnapshotDiff diff = adoption.adoptedCatalog.diffTo(CatalogSnapshot.of(database));
            assertTrue(diff.isEmpty(), point + ": the rerun ends where the untouched adoption ends\n" + diff.describe());
            List<String> history = History.applied(database);
            assertEquals(new HashSet<>(adoption.adoptedHistory), new HashSet<>(history), point + ": the same changesets recorded");
            assertEquals(history.size(), new HashSet<>(history).size(), point + ": each once");
            assertEquals(adoption.seedCounts, adoption.rowCounts(database), point + ": every row kept");
        }
    }

    private static int count(Connection observer, String where) {
        try {
            return Integer.parseInt(Sql.one(observer, "select count(*)::text from liquibase.databasechangelog where " + where));
        } catch (RuntimeException noTableYet) {
            return 0;
        }
    }

    /** A session of the adoption (not the observer) is inside a transaction that is not a history write. */
    private static boolean inAChangeset(Connection observer) {
        return Integer.parseInt(Sql.one(observer, "select count(*)::text from pg_stat_activity where pid <> pg_backend_pid()"
                + " and datname = current_database() and backend_type = 'client backend' and xact_start is not null"
                + " and state in ('active', 'idle in transaction') and query not ilike '%databasechangelog%'")) > 0;
    }
}
