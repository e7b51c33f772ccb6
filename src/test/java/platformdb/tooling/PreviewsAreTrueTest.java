package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * A preview is only useful if it is what the command runs. Each preview file written by scripts/preview is run
 * by psql, the plain SQL client, and must leave the catalog exactly as the Liquibase command does.
 */
class PreviewsAreTrueTest {

    @Test
    void updatePreviewRunByPsqlBuildsTheSameSchemaAsUpdate() throws IOException {
        // byLiquibase: a copy of the template the whole changelog was deployed into by `update`
        try (FreshDatabase byPsql = FreshDatabase.create(); FreshDatabase byLiquibase = DeployedSchema.freshDatabase()) {
            Path preview = preview(byPsql, "update");
            assertHeader(preview, byPsql, "-- Preview: the SQL that `liquibase update` would run now.");

            Psql.runFile(byPsql, preview).assertSucceeded();
            assertSameSchema(CatalogSnapshot.of(byLiquibase), CatalogSnapshot.of(byPsql), "update preview run by psql vs liquibase update");
            assertEquals(History.applied(byLiquibase), History.applied(byPsql),
                    "the preview records in DATABASECHANGELOG exactly the changesets update records");
            assertTrue(Cli.against(byPsql).liquibase("status").assertSucceeded().stdout().contains("is up to date"),
                    "after the preview ran, Liquibase sees nothing left to apply");

            // The comparison is not blind: the same preview without its last changeset does not compare equal.
            try (FreshDatabase truncated = FreshDatabase.create()) {
                Path bad = Files.writeString(preview.resolveSibling("update-without-last-changeset.sql"),
                        withoutLastSchemaChangeset(Files.readString(preview)));
                Psql.runFile(truncated, bad).assertSucceeded();
                SnapshotDiff diff = CatalogSnapshot.of(byLiquibase).diffTo(CatalogSnapshot.of(truncated));
                assertFalse(diff.isEmpty(), "a preview missing a changeset must not compare equal to update");
            }
        }
    }

    @Test
    void futureRollbackPreviewRunAfterUpdateReturnsToTheEmptySchema() throws IOException {
        // Written for a database before its update, run on a copy of the template that update deployed the whole changelog to.
        try (FreshDatabase beforeUpdate = FreshDatabase.create(); FreshDatabase updated = DeployedSchema.freshDatabase()) {
            CatalogSnapshot empty = CatalogSnapshot.of(beforeUpdate);
            TrackingTables.create(beforeUpdate);
            Path preview = preview(beforeUpdate, "future-rollback");
            assertHeader(preview, beforeUpdate, "-- Preview: the SQL that would roll back, after `liquibase update`");

            assertFalse(empty.diffTo(CatalogSnapshot.of(updated)).isEmpty(), "update changed the schema");
            Psql.runFile(updated, preview).assertSucceeded();
            assertSameSchema(empty, CatalogSnapshot.of(updated), "future-rollback preview run by psql after update vs the empty database");
            assertEquals(List.of(), History.applied(updated), "the preview also clears DATABASECHANGELOG");
        }
    }

    @Test
    void rollbackCountPreviewRunByPsqlEqualsRollbackCount() throws IOException {
        try (FreshDatabase database = DeployedSchema.freshDatabase(); Deployment deployment = Changelog.master().deployTo(database)) {
            CatalogSnapshot full = CatalogSnapshot.of(database);
            int count = lastReleaseSize(database);
            Path preview = preview(database, "rollback-count", String.valueOf(count));
            assertHeader(preview, database, "-- Preview: the SQL that `liquibase rollbackCount " + count + "` would run now.");
            assertTrue(Files.readString(preview).contains("-- Count:     " + count + " "), "the header names the count");

            Psql.runFile(database, preview).assertSucceeded();
            CatalogSnapshot byPsql = CatalogSnapshot.of(database);
            List<String> historyByPsql = History.applied(database);
            assertFalse(full.diffTo(byPsql).isEmpty(), "rolling back the last release (" + count + " changesets) changes the schema");

            deployment.updateAll();
            assertSameSchema(full, CatalogSnapshot.of(database), "update after the preview's rollback");
            deployment.rollbackCount(count);
            assertSameSchema(CatalogSnapshot.of(database), byPsql, "rollbackCount " + count + " vs its preview run by psql");
            assertEquals(History.applied(database), historyByPsql, "the preview removes the same DATABASECHANGELOG rows");
        }
    }

    @Test
    void rollbackToTagPreviewSaysWhichTag() throws IOException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            String tag = History.tags(database).get(1);
            Path preview = preview(database, "rollback-tag", tag);
            assertEquals("rollback-to-" + tag + ".sql", preview.getFileName().toString());
            assertHeader(preview, database, "-- Preview: the SQL that `liquibase rollback " + tag + "` would run now.");
            String sql = Files.readString(preview);
            assertTrue(sql.contains("-- Tag:       " + tag + " "), "the header names the tag");
            assertTrue(sql.contains("Rolling Back ChangeSet: changelog/"), "the preview holds the rollback:\n" + sql);
        }
    }

    /** The changesets (tag included) applied after the previous release's tag. */
    static int lastReleaseSize(FreshDatabase database) {
        return Integer.parseInt(History.single(database, """
                select count(*) from liquibase.databasechangelog
                where orderexecuted > (select orderexecuted from liquibase.databasechangelog
                                       where tag is not null order by orderexecuted desc offset 1 limit 1)"""));
    }

    private static Path preview(FreshDatabase database, String... arguments) {
        // A folder per database: test classes may run at once in parallel JVMs, and the runbook's previews too.
        Cli.Result result = Cli.against(database)
                .with("PREVIEW_DIR", Cli.ROOT.resolve("target/previews/" + database.name()).toString())
                .preview(arguments).assertSucceeded();
        Path file = Path.of(result.stdout().strip());
        assertTrue(file.startsWith(Cli.ROOT.resolve("target/previews")), "previews are written under target/previews: " + file);
        return file;
    }

    private static void assertHeader(Path preview, FreshDatabase database, String purpose) throws IOException {
        List<String> lines = Files.readAllLines(preview);
        assertTrue(lines.get(0).startsWith(purpose), "first line says what the preview is for: " + lines.get(0));
        assertTrue(lines.contains("-- Database:  " + database.server().username() + "@" + database.jdbcUrl()),
                "the header names the database:\n" + String.join("\n", lines.subList(0, 10)));
        assertTrue(lines.contains("-- Changelog: " + Changelog.MASTER), "the header names the changelog");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("-- Locks: each 'set local lock_timeout' below is the SQL as written")),
                "the header says the lock timeouts shown are not what a deploy waits");
    }

    private static void assertSameSchema(CatalogSnapshot expected, CatalogSnapshot found, String what) {
        SnapshotDiff diff = expected.diffTo(found);
        assertTrue(diff.isEmpty(), what + ":\n" + diff.describe());
    }

    /** The preview's text without the statements of its last changeset that is not a tag. */
    private static String withoutLastSchemaChangeset(String sql) {
        List<String> lines = new ArrayList<>(sql.lines().toList());
        for (int start = lines.size() - 1; start >= 0; start--) {
            if (lines.get(start).startsWith("-- Changeset ") && !lines.get(start).contains("::tag-release-")) {
                int end = start + 1;
                while (end < lines.size() && !lines.get(end).startsWith("-- Changeset ") && !lines.get(end).startsWith("-- Release Database Lock")) {
                    end++;
                }
                lines.subList(start, end).clear();
                return String.join("\n", lines) + "\n";
            }
        }
        throw new IllegalStateException("no schema changeset in the preview");
    }
}
