package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: (\\w+)");
    private static final String ADOPTED_CHANGELOG = "--changelog-file=changelog/adoption/seed-000-final-adopted.yaml";
    private static final String RESHAPING_ROWS = "filename like 'changelog/adoption/%'";

    @TempDir
    static Path folder;

    private static SeedDatabase seed;
    private static CatalogSnapshot seedCatalog;
    private static Map<String, Long> seedCounts;
    private static Map<String, String> seedRows;
    private static String fingerprint;
    private static FreshDatabase adopted;
    private static CatalogSnapshot adoptedCatalog;
    private static List<String> adoptedHistory;

    @BeforeAll
    static void theSeedsDatabaseAdoptedUntouched() {
        seed = SeedDatabase.build(new Seed000Final());
        seed.run("/seeds/000-final/fixes-for-the-reshaping.sql");
        seedCatalog = CatalogSnapshot.of(seed.database());
        seedCounts = seed.rowCounts();
        seedRows = seed.fingerprints();

        adopted = FreshDatabase.copyOf(seed.database());
        Cli.Result preview = Cli.against(adopted).liquibase("adopt", "--sql-file=" + folder.resolve("adopt.sql"));
        assertEquals(0, preview.exitCode(), preview.describe());
        assertTrue(preview.stdout().contains("Reshaping: the database is at seed point seed-000-final"), preview.describe());
        assertTrue(preview.stdout().contains("To be reshaped (0 changesets"), preview.describe());
        assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(adopted)).describe(), "the preview changes nothing");
        Matcher printed = FINGERPRINT.matcher(preview.stdout());
        assertTrue(printed.find(), preview.describe());
        fingerprint = printed.group(1);

        Cli.Result applied = Cli.against(adopted).liquibase(apply());
        assertEquals(0, applied.exitCode(), applied.describe());
        assertTrue(applied.stdout().contains("adopt: done, and verified"), applied.describe());
        adoptedCatalog = CatalogSnapshot.of(adopted);
        adoptedHistory = History.applied(adopted);
    }

    @AfterAll
    static void drop() {
        adopted.close();
        seed.close();
    }

    @Test
    void everyRowIsKeptNothingIsLeftToRunAndTheWayBackReturnsTheSeedsDatabaseExactly() {
        assertEquals(seedCounts, rowCounts(adopted), "every row of the seed's and the team's tables is still there");
        try (Connection connection = adopted.connect()) {
            assertEquals("seed-000-final", Sql.one(connection, "select max(reshaping) from liquibase.adopted_changesets"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Cli.Result status = Cli.against(adopted).liquibase(ADOPTED_CHANGELOG, "status", "--contexts=supabase");
        assertTrue(status.stdout().contains("is up to date"), status.describe());
        Cli.Result drift = Cli.against(adopted).liquibase(ADOPTED_CHANGELOG, "drift", "--accepted-differences=" + folder.resolve("accepted.yaml"));
        assertEquals(0, drift.exitCode(), "drift reports only what the adoption kept and listed: " + drift.describe());
        assertTrue(drift.stdout().contains("public.feature_requests"), "the team's own tables are listed as unknown: " + drift.describe());

        Cli.Result back = Cli.against(adopted).liquibase(ADOPTED_CHANGELOG, "rollback", "--tag=adopted", "--contexts=supabase");
        assertEquals(0, back.exitCode(), back.describe());
        assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(adopted)).describe(), "the way back returns the seed's catalog exactly");
        assertEquals(seedRows, fingerprints(adopted), "and every row, value for value");
    }

    @Test
    void theSqlThePreviewWroteRunByPsqlDoesWhatApplyDid() throws IOException {
        Path preview = folder.resolve("adopt.sql");
        String sql = Files.readString(preview);
        try (FreshDatabase byPsql = FreshDatabase.copyOf(seed.database())) {
            Psql.runFile(byPsql, preview).assertSucceeded();
            assertEquals("", adoptedCatalog.diffTo(CatalogSnapshot.of(byPsql)).describe(), "the preview run by psql leaves the catalog apply left");
            assertEquals(adoptedHistory, History.applied(byPsql), "and records the same history, baseline first");
            assertEquals(History.single(adopted, "select count(*) from liquibase.adopted_changesets"),
                    History.single(byPsql, "select count(*) from liquibase.adopted_changesets"), "with the same baseline marked");
            assertEquals(seedCounts, rowCounts(byPsql), "keeping every row");
        }
        // The comparison is not blind: the same SQL without its last changeset leaves another catalog.
        try (FreshDatabase truncated = FreshDatabase.copyOf(seed.database())) {
            int last = sql.lastIndexOf("\n-- Changeset ");
            while (sql.substring(last + 1, sql.indexOf('\n', last + 1)).contains("::tag-")) {
                last = sql.lastIndexOf("\n-- Changeset ", last - 1);
            }
            Path bad = Files.writeString(folder.resolve("adopt-without-its-last-changeset.sql"), sql.substring(0, last) + "\n");
            Psql.runFile(truncated, bad).assertSucceeded();
            assertTrue(!adoptedCatalog.diffTo(CatalogSnapshot.of(truncated)).isEmpty(), "a preview missing a changeset must not compare equal");
        }
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
        int reshapingChangesets = (int) adoptedHistory.stream().filter(name -> name.startsWith("changelog/adoption/")).count();
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
        try (FreshDatabase database = FreshDatabase.copyOf(seed.database())) {
            List<String> command = new ArrayList<>(List.of(Cli.ROOT.resolve("scripts/liquibase").toString()));
            command.addAll(List.of(apply()));
            Process process = Cli.against(database).startMerged(command);
            Cli.drain(process.getInputStream());
            boolean killed;
            try (Connection observer = database.connect()) {
                killed = SigKill.when(process, observer, killPoint::reached);
            }
            process.waitFor(1, TimeUnit.MINUTES);
            assertTrue(killed, point + ": the adoption ended before the kill point was reached, so nothing was killed");
            afterTheKill.check(database);

            Cli.Result rerun = Cli.against(database).liquibase(apply());
            assertEquals(0, rerun.exitCode(), point + ": " + rerun.describe());
            SnapshotDiff diff = adoptedCatalog.diffTo(CatalogSnapshot.of(database));
            assertTrue(diff.isEmpty(), point + ": the rerun ends where the untouched adoption ends\n" + diff.describe());
            List<String> history = History.applied(database);
            assertEquals(new HashSet<>(adoptedHistory), new HashSet<>(history), point + ": the same changesets recorded");
            assertEquals(history.size(), new HashSet<>(history).size(), point + ": each once");
            assertEquals(seedCounts, rowCounts(database), point + ": every row kept");
        }
    }

    private static String[] apply() {
        return new String[]{"adopt", "--apply", "--fingerprint=" + fingerprint, "--accepted-differences-file=" + folder.resolve("accepted.yaml")};
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

    private static Map<String, Long> rowCounts(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            return platformdb.seeds.TableFingerprints.rowCounts(connection, List.copyOf(seedCounts.keySet()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fingerprints(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            return platformdb.seeds.TableFingerprints.fingerprints(connection, List.copyOf(seedRows.keySet()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
