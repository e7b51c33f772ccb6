package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.catalog.CatalogSnapshot;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.SeedDatabase;

/**
 * Seed 000's production database at its final point, built by the seed's own SQL with the team's tables and rows (the
 * rows the reshaping's guards refuse fixed as their messages say), adopted as its team would: `adopt` recognises the
 * point and previews the plan of the catalog the reshaping leaves; `--apply` records the baseline and the tag, runs the
 * reshaping and the master, and verifies the result. Every row is still there; the adopted changelog has nothing to run;
 * rolling back to the adoption tag returns the seed's catalog and every row exactly.
 */
class Seed000AdoptCommandTest {

    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: (\\w+)");
    private static final String ADOPTED_CHANGELOG = "--changelog-file=changelog/adoption/seed-000-final-adopted.yaml";

    @TempDir
    Path folder;

    @Test
    void theSeedsDatabaseIsAdoptedWithItsReshapingVerifiedAndTheWayBackReturnsItExactly() throws Exception {
        try (SeedDatabase seed = SeedDatabase.build(new Seed000Final())) {
            seed.run("/seeds/000-final/fixes-for-the-reshaping.sql");
            FreshDatabase database = seed.database();
            CatalogSnapshot seedCatalog = CatalogSnapshot.of(database);
            Map<String, Long> counts = seed.rowCounts();
            Map<String, String> rows = seed.fingerprints();

            Cli.Result preview = Cli.against(database).liquibase("adopt");
            assertEquals(0, preview.exitCode(), preview.describe());
            assertTrue(preview.stdout().contains("Reshaping: the database is at seed point seed-000-final"), preview.describe());
            assertTrue(preview.stdout().contains("To be reshaped (0 changesets"), preview.describe());
            assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(database)).describe(), "the preview changes nothing");
            Matcher fingerprint = FINGERPRINT.matcher(preview.stdout());
            assertTrue(fingerprint.find(), preview.describe());

            Cli.Result applied = Cli.against(database).liquibase("adopt", "--apply", "--fingerprint=" + fingerprint.group(1),
                    "--accepted-differences-file=" + folder.resolve("drift-accepted.yaml"));
            assertEquals(0, applied.exitCode(), applied.describe());
            assertTrue(applied.stdout().contains("adopt: done, and verified"), applied.describe());
            assertEquals(counts, seed.rowCounts(), "every row of the seed's and the team's tables is still there");
            try (Connection connection = database.connect()) {
                assertEquals("seed-000-final", Sql.one(connection, "select max(reshaping) from liquibase.adopted_changesets"));
            }

            Cli.Result status = Cli.against(database).liquibase(ADOPTED_CHANGELOG, "status", "--contexts=supabase");
            assertTrue(status.stdout().contains("is up to date"), status.describe());

            Cli.Result back = Cli.against(database).liquibase(ADOPTED_CHANGELOG, "rollback", "--tag=adopted", "--contexts=supabase");
            assertEquals(0, back.exitCode(), back.describe());
            assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(database)).describe(), "the way back returns the seed's catalog exactly");
            assertEquals(rows, seed.fingerprints(), "and every row, value for value");
        }
    }
}
