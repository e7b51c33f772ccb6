package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.adoption.HandBuilt;
import platformdb.catalog.CatalogSnapshot;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * {@code scripts/liquibase adopt} as a team moving its existing database runs it: the preview changes nothing and
 * prints the plan with its fingerprint; applying with a stale fingerprint or on a refused plan changes nothing; applying
 * records the verified baseline and runs the rest, after which status has nothing to run and drift finds nothing; a
 * rollback past the adoption is refused, and rolling back to the adoption tag returns the catalog and rows exactly; the
 * adoption's final drift check refuses a baselined object changed before a rerun.
 */
class AdoptCommandTest {

    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: (\\w+)");
    @TempDir
    Path folder;

    private static final String ROWS = "select md5(string_agg(c::text, ',' order by c.id)) from public.conversations c";

    @Test
    void previewApplyAndTheWayBack() throws SQLException, IOException {
        try (FreshDatabase database = HandBuilt.upTo("add-constraint-chk-conversations-temperature");
             Connection connection = database.connect()) {
            database.execute("""
                    insert into auth.users (id, email) values ('00000000-0000-0000-0000-0000000000a1', 'a@example.com');
                    insert into public.conversations (user_id, temperature)
                      select '00000000-0000-0000-0000-0000000000a1', n / 10.0 from generate_series(0, 20) n;
                    create index conversations_by_folder on public.conversations (folder)""");
            CatalogSnapshot before = CatalogSnapshot.of(connection);
            String rowsBefore = Sql.one(connection, ROWS);

            Cli.Result preview = Cli.against(database).liquibase("adopt");
            assertEquals(0, preview.exitCode(), preview.describe());
            assertTrue(preview.stdout().contains("Already there ("), preview.describe());
            assertTrue(preview.stdout().contains("::add-constraint-chk-conversations-temperature::platform"), preview.describe());
            assertEquals("0", trackingTables(connection), "the preview changes nothing");
            Matcher fingerprint = FINGERPRINT.matcher(preview.stdout());
            assertTrue(fingerprint.find(), preview.describe());

            Cli.Result stale = Cli.against(database).liquibase("adopt", "--apply", "--fingerprint=0123456789abcdef01234567");
            assertEquals(1, stale.exitCode(), stale.describe());
            assertTrue(stale.stderr().contains("the database changed since the preview"), stale.describe());
            assertEquals("0", trackingTables(connection), "a refused apply changes nothing");

            Path accepted = folder.resolve("drift-accepted.yaml");
            Cli.Result applied = Cli.against(database).liquibase("adopt", "--apply", "--fingerprint=" + fingerprint.group(1),
                    "--accepted-differences-file=" + accepted);
            assertEquals(0, applied.exitCode(), applied.describe());
            assertTrue(Files.readString(accepted).contains("- object: \"index public.conversations_by_folder\""), Files.readString(accepted));
            long baselined = Long.parseLong(Sql.one(connection, "select count(*)::text from liquibase.adopted_changesets"));
            assertEquals(baselined, Long.parseLong(Sql.one(connection,
                    "select count(*)::text from liquibase.databasechangelog where comments like 'adopted:%'")));
            assertEquals("adopted", Sql.one(connection,
                    "select tag from liquibase.databasechangelog where tag is not null and comments like 'adopted:%'"));

            Cli.Result status = Cli.against(database).liquibase("status", "--contexts=supabase");
            assertTrue(status.stdout().contains("is up to date"), status.describe());
            Cli.Result drift = Cli.against(database).liquibase("drift", "--accepted-differences=" + accepted);
            assertEquals(0, drift.exitCode(), "drift reports only what adoption kept and listed: " + drift.describe());
            assertTrue(drift.stdout().contains("index public.conversations_by_folder"), drift.describe());

            long recorded = Long.parseLong(Sql.one(connection, "select count(*)::text from liquibase.databasechangelog"));
            Cli.Result tooFar = Cli.against(database).liquibase("rollbackCount", String.valueOf(recorded), "--contexts=supabase");
            assertNotEquals(0, tooFar.exitCode(), tooFar.describe());
            assertTrue(tooFar.output().contains("reaches past the adoption of this database"), tooFar.describe());
            assertEquals(String.valueOf(recorded), Sql.one(connection, "select count(*)::text from liquibase.databasechangelog"),
                    "a refused rollback undoes nothing");

            Cli.Result back = Cli.against(database).liquibase("rollback", "--tag=adopted", "--contexts=supabase");
            assertEquals(0, back.exitCode(), back.describe());
            assertEquals("", before.diffTo(CatalogSnapshot.of(connection)).describe(), "the way back returns the catalog exactly");
            assertEquals(rowsBefore, Sql.one(connection, ROWS), "and every row");

            // The baseline stays recorded: running the adoption again finishes it, and its last step, the drift check,
            // catches a baselined object someone changed meanwhile, naming the way back.
            database.execute("alter table public.conversations alter column temperature set default 0.9");
            Cli.Result edited = Cli.against(database).liquibase("adopt", "--apply", "--fingerprint=" + fingerprint.group(1),
                    "--accepted-differences-file=" + accepted);
            assertEquals(1, edited.exitCode(), edited.describe());
            assertTrue(edited.stdout().contains("the baseline was recorded by an earlier run"), edited.describe());
            assertTrue(edited.output().contains("the adoption ran, but the database differs from the changelog")
                    && edited.output().contains("column public.conversations.temperature"), edited.describe());
        }
    }

    @Test
    void aPlanWithAnObjectInAnotherShapeIsRefusedAndChangesNothing() throws SQLException {
        try (FreshDatabase database = HandBuilt.whole(); Connection connection = database.connect()) {
            database.execute("alter table public.customers alter column created_at set default '2020-01-01'");
            Cli.Result preview = Cli.against(database).liquibase("adopt");
            assertEquals(1, preview.exitCode(), preview.describe());
            assertTrue(preview.stdout().contains("column public.customers.created_at"), preview.describe());
            assertTrue(preview.stderr().contains("adopt: refused:"), preview.describe());
            assertEquals("0", trackingTables(connection));
        }
    }

    private static String trackingTables(Connection connection) {
        return Sql.one(connection, "select count(*)::text from pg_namespace where nspname = 'liquibase'");
    }
}
