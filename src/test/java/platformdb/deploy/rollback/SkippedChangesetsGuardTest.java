package platformdb.deploy.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.liquibase.LiquibaseFailure;
import platformdb.postgres.FreshDatabase;

/**
 * An on-call engineer rolls back from an older checkout, which lacks the newest changeset but one: Liquibase, walking
 * the changelog rather than the history, would skip it and undo an older changeset in its place. Each rollback command
 * is refused, naming the changeset, with nothing undone; the checkout the database was deployed from rolls back.
 */
class SkippedChangesetsGuardTest {

    private static final String TABLE_A = changeSet("create-table-a", "create table public.skipped_a (id int)", "drop table public.skipped_a");
    private static final String TAG = """
              - changeSet:
                  id: tag-release-a
                  author: platform
                  changes:
                    - tagDatabase: {tag: release-a}
            """;
    private static final String TABLE_B = changeSet("create-table-b", "create table public.skipped_b (id int)", "drop table public.skipped_b");
    private static final String TABLE_C = changeSet("create-table-c", "create table public.skipped_c (id int)", "drop table public.skipped_c");

    @Test
    void aRollbackFromACheckoutWithoutARecordedChangesetIsRefusedAndUndoesNothing() throws IOException {
        try (FreshDatabase database = FreshDatabase.create()) {
            Path folder = Changelog.PROJECT_ROOT.resolve("target/skipped-changesets/" + database.name());
            Files.createDirectories(folder);
            Path file = folder.resolve("changelog.yaml");
            String path = Changelog.PROJECT_ROOT.relativize(file).toString();
            Files.writeString(file, "databaseChangeLog:\n" + TABLE_A + TAG + TABLE_B + TABLE_C);
            try (Deployment deployment = Changelog.at(Changelog.PROJECT_ROOT, path).deployTo(database)) {
                deployment.updateAll();
            }
            List<String> deployed = tables(database);

            Files.writeString(file, "databaseChangeLog:\n" + TABLE_A + TAG + TABLE_C);  // the older checkout: no table b
            try (Deployment older = Changelog.at(Changelog.PROJECT_ROOT, path).deployTo(database)) {
                for (Runnable rollback : List.<Runnable>of(() -> older.rollbackCount(2), () -> older.rollbackToTag("release-a"))) {
                    LiquibaseFailure refused = assertThrows(LiquibaseFailure.class, rollback::run);
                    assertTrue(messages(refused).contains("refused: it would pass over 1 recorded changeset(s) it does not undo")
                            && messages(refused).contains(path + "::create-table-b::platform")
                            && messages(refused).contains("Nothing was rolled back."), messages(refused));
                    assertEquals(4, older.appliedCount(), "no history row was removed");
                    assertEquals(deployed, tables(database), "no table was dropped");
                }
            }

            Files.writeString(file, "databaseChangeLog:\n" + TABLE_A + TAG + TABLE_B + TABLE_C);  // the checkout it was deployed from
            try (Deployment current = Changelog.at(Changelog.PROJECT_ROOT, path).deployTo(database)) {
                current.rollbackCount(2);
                assertEquals(List.of("skipped_a"), tables(database), "the newest two undone: c and b");
            }
        }
    }

    private static String changeSet(String id, String sql, String rollback) {
        return """
                  - changeSet:
                      id: %s
                      author: platform
                      changes:
                        - sql: {sql: "%s"}
                      rollback:
                        - sql: {sql: "%s"}
                """.formatted(id, sql, rollback);
    }

    private static List<String> tables(FreshDatabase database) {
        try (var connection = database.connect()) {
            return Sql.column(connection, "select tablename from pg_tables where schemaname = 'public' and tablename like 'skipped%' order by 1");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
