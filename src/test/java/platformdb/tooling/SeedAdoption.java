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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import platformdb.adoption.Reshaping;
import platformdb.catalog.CatalogSnapshot;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.SeedDatabase;
import platformdb.seeds.SeedPoint;
import platformdb.seeds.TableFingerprints;

/**
 * A seed's production database at a proven point, built by the seed's own SQL with the fixture's rows fixed as the
 * reshaping's refusals say, and a copy of it adopted as its team would adopt it: the preview of
 * {@code scripts/liquibase adopt} (recognising the point, writing the SQL), then {@code --apply} with its fingerprint.
 * Adopted once per test JVM and point, for the command tests and the contract tests alike; both databases are left as
 * they were adopted (every test works on a copy) and dropped when the JVM exits. Holds what the seed's and the adopted
 * database were, for the tests to compare with.
 */
final class SeedAdoption {

    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: (\\w+)");
    private static final Map<String, SeedAdoption> ADOPTED = new HashMap<>();

    final SeedDatabase seed;
    final CatalogSnapshot seedCatalog;
    final Map<String, Long> seedCounts;
    final Map<String, String> seedRows;
    final String fingerprint;
    /** The adopted database, as the adoption left it: read it, or take a copy ({@link #adoptedCopy()}) to change it. */
    final FreshDatabase adopted;
    final CatalogSnapshot adoptedCatalog;
    final List<String> adoptedHistory;
    private final Path folder;
    private final String point;

    /**
     * The seed's database at the point, adopted (once per JVM).
     *
     * @param fixes the resource of the team's fixes for the rows the reshaping refuses (null: none refused)
     */
    static synchronized SeedAdoption of(SeedPoint seedPoint, String fixes) {
        return ADOPTED.computeIfAbsent(seedPoint.name(), name -> new SeedAdoption(seedPoint, fixes));
    }

    private SeedAdoption(SeedPoint seedPoint, String fixes) {
        point = Reshaping.KNOWN.stream().filter(reshaping -> reshaping.seed().name().equals(seedPoint.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no proven reshaping starts at " + seedPoint.name())).point();
        try {
            folder = Files.createTempDirectory("adoption-" + point);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::deleteTheFolder));
        seed = SeedDatabase.build(seedPoint);
        seed.database().droppedAtExit();
        if (fixes != null) {
            seed.run(fixes);
        }
        seedCatalog = CatalogSnapshot.of(seed.database());
        seedCounts = seed.rowCounts();
        seedRows = seed.fingerprints();

        adopted = FreshDatabase.copyOf(seed.database()).droppedAtExit();
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

    /** A copy of the adopted database, the caller's to change and close. */
    FreshDatabase adoptedCopy() {
        return FreshDatabase.copyOf(adopted);
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
     * After the adoption (on a copy of it): every row is there, the adopted changelog has nothing to run, drift lists
     * only the team's tables (given), and rolling back to the adoption tag returns the seed's catalog and every row
     * exactly; then the caller's own check of the database the way back left.
     */
    void assertEveryRowKeptNothingToRunAndTheWayBackExact(List<String> teamTables, Consumer<FreshDatabase> afterTheWayBack) {
        try (FreshDatabase database = adoptedCopy()) {
            assertEquals(seedCounts, rowCounts(database), "every row of the seed's and the team's tables is still there");
            Cli.Result status = Cli.against(database).liquibase(adoptedChangelog(), "status", "--contexts=supabase");
            assertTrue(status.stdout().contains("is up to date"), status.describe());
            // adopt lists the changelog tables' kept extra parts there, and writes no file when it kept none
            Path accepted = folder.resolve("accepted.yaml");
            Cli.Result drift = Files.exists(accepted) ? Cli.against(database).liquibase(adoptedChangelog(), "drift", "--accepted-differences=" + accepted)
                    : Cli.against(database).liquibase(adoptedChangelog(), "drift");
            assertEquals(0, drift.exitCode(), "drift reports only what the adoption kept and listed: " + drift.describe());
            teamTables.forEach(table -> assertTrue(drift.stdout().contains(table), "the team's own tables are listed as unknown: " + drift.describe()));

            Cli.Result back = Cli.against(database).liquibase(adoptedChangelog(), "rollback", "--tag=adopted", "--contexts=supabase");
            assertEquals(0, back.exitCode(), back.describe());
            assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(database)).describe(), "the way back returns the seed's catalog exactly");
            assertEquals(seedRows, fingerprints(database), "and every row, value for value");
            afterTheWayBack.accept(database);
        }
    }

    void assertEveryRowKeptNothingToRunAndTheWayBackExact(List<String> teamTables) {
        assertEveryRowKeptNothingToRunAndTheWayBackExact(teamTables, database -> {
        });
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

    private void deleteTheFolder() {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it up in time
        }
    }
}
