package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import platformdb.catalog.CatalogSnapshot;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.SeedDatabase;
import platformdb.seeds.SeedPoint;
import platformdb.seeds.TableFingerprints;

/**
 * A seed's production database at a proven point, built by the seed's own SQL with the fixture's rows fixed as the
 * reshaping's refusals say, and a copy of it adopted as its team would adopt it: the preview of
 * {@code scripts/liquibase adopt} (recognising the point, writing the SQL), then {@code --apply} with its fingerprint.
 * Holds what the seed's and the adopted database were, for the command tests to compare with.
 */
final class SeedAdoption implements AutoCloseable {

    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: (\\w+)");

    final SeedDatabase seed;
    final CatalogSnapshot seedCatalog;
    final Map<String, Long> seedCounts;
    final Map<String, String> seedRows;
    final String fingerprint;
    final FreshDatabase adopted;
    final CatalogSnapshot adoptedCatalog;
    final List<String> adoptedHistory;
    private final Path folder;
    private final String point;

    private SeedAdoption(SeedPoint seedPoint, String point, String fixes, Path folder) {
        this.point = point;
        this.folder = folder;
        seed = SeedDatabase.build(seedPoint);
        if (fixes != null) {
            seed.run(fixes);
        }
        seedCatalog = CatalogSnapshot.of(seed.database());
        seedCounts = seed.rowCounts();
        seedRows = seed.fingerprints();

        adopted = FreshDatabase.copyOf(seed.database());
        Cli.Result preview = Cli.against(adopted).liquibase("adopt", "--sql-file=" + sqlFile());
        assertEquals(0, preview.exitCode(), preview.describe());
        assertTrue(preview.stdout().contains("Reshaping: the database is at seed point " + point), preview.describe());
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

    /**
     * @param point the reshaping's point ({@code seed-000-final})
     * @param fixes the resource of the team's fixes for the rows the reshaping refuses (null: none refused)
     */
    static SeedAdoption adopt(SeedPoint seedPoint, String point, String fixes, Path folder) {
        return new SeedAdoption(seedPoint, point, fixes, folder);
    }

    String[] apply() {
        return new String[]{"adopt", "--apply", "--fingerprint=" + fingerprint, "--accepted-differences-file=" + folder.resolve("accepted.yaml")};
    }

    /** The option the adopted database deploys, checks and rolls back with. */
    String adoptedChangelog() {
        return "--changelog-file=changelog/adoption/" + point + "-adopted.yaml";
    }

    Path sqlFile() {
        return folder.resolve("adopt.sql");
    }

    Map<String, Long> rowCounts(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            return TableFingerprints.rowCounts(connection, List.copyOf(seedCounts.keySet()), seed.point().movedTables());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> fingerprints(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            return TableFingerprints.fingerprints(connection, List.copyOf(seedRows.keySet()), seed.point().movedTables());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * After the adoption: every row is there, the adopted changelog has nothing to run, drift lists only the team's
     * tables (given), and rolling back to the adoption tag returns the seed's catalog and every row exactly.
     */
    void assertEveryRowKeptNothingToRunAndTheWayBackExact(List<String> teamTables) {
        assertEquals(seedCounts, rowCounts(adopted), "every row of the seed's and the team's tables is still there");
        Cli.Result status = Cli.against(adopted).liquibase(adoptedChangelog(), "status", "--contexts=supabase");
        assertTrue(status.stdout().contains("is up to date"), status.describe());
        // adopt lists the changelog tables' kept extra parts there, and writes no file when it kept none
        Path accepted = folder.resolve("accepted.yaml");
        Cli.Result drift = Files.exists(accepted) ? Cli.against(adopted).liquibase(adoptedChangelog(), "drift", "--accepted-differences=" + accepted)
                : Cli.against(adopted).liquibase(adoptedChangelog(), "drift");
        assertEquals(0, drift.exitCode(), "drift reports only what the adoption kept and listed: " + drift.describe());
        teamTables.forEach(table -> assertTrue(drift.stdout().contains(table), "the team's own tables are listed as unknown: " + drift.describe()));

        Cli.Result back = Cli.against(adopted).liquibase(adoptedChangelog(), "rollback", "--tag=adopted", "--contexts=supabase");
        assertEquals(0, back.exitCode(), back.describe());
        assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(adopted)).describe(), "the way back returns the seed's catalog exactly");
        assertEquals(seedRows, fingerprints(adopted), "and every row, value for value");
    }

    /**
     * The SQL the preview wrote, run by psql on a copy of the seed's database, leaves the catalog, history and rows
     * {@code --apply} left; the same SQL without its last changeset does not compare equal.
     */
    void assertThePreviewsSqlDoesWhatApplyDid() {
        try {
            String sql = Files.readString(sqlFile());
            try (FreshDatabase byPsql = FreshDatabase.copyOf(seed.database())) {
                Psql.runFile(byPsql, sqlFile()).assertSucceeded();
                assertEquals("", adoptedCatalog.diffTo(CatalogSnapshot.of(byPsql)).describe(), "the preview run by psql leaves the catalog apply left");
                assertEquals(adoptedHistory, History.applied(byPsql), "and records the same history, baseline first");
                assertEquals(History.single(adopted, "select count(*) from liquibase.adopted_changesets"),
                        History.single(byPsql, "select count(*) from liquibase.adopted_changesets"), "with the same baseline marked");
                assertEquals(seedCounts, rowCounts(byPsql), "keeping every row");
            }
            try (FreshDatabase truncated = FreshDatabase.copyOf(seed.database())) {
                int last = sql.lastIndexOf("\n-- Changeset ");
                while (sql.substring(last + 1, sql.indexOf('\n', last + 1)).contains("::tag-")) {
                    last = sql.lastIndexOf("\n-- Changeset ", last - 1);
                }
                Path bad = Files.writeString(folder.resolve("adopt-without-its-last-changeset.sql"), sql.substring(0, last) + "\n");
                Psql.runFile(truncated, bad).assertSucceeded();
                assertFalse(adoptedCatalog.diffTo(CatalogSnapshot.of(truncated)).isEmpty(), "a preview missing a changeset must not compare equal");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        adopted.close();
        seed.close();
    }
}
