package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/**
 * A rollback that would destroy data (a table it drops holds rows) stops, says in one line what to do, and loses
 * nothing. It refuses before undoing anything, by count, by tag and by date: the changesets applied after the
 * refusing one are still applied, and the catalog and the rows are exactly as they were.
 */
class RollbackPreflightTest {

    @Test
    void aRefusalAnywhereInTheRangeLeavesTheDatabaseExactlyAsItWas() {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            RunbookData.insert(database);  // a row in public.user_journeys, created by release advanced-analytics
            // As if the releases after observability-system were deployed on a later day, for rollbackToDate.
            database.execute("""
                    update liquibase.databasechangelog set dateexecuted = case when orderexecuted
                        > (select orderexecuted from liquibase.databasechangelog where tag = 'observability-system')
                        then timestamp '2026-11-20 09:00' else timestamp '2026-11-01 09:00' end""");
            CatalogSnapshot before = CatalogSnapshot.of(database);
            List<String> history = History.applied(database);
            int sinceObservabilitySystem = Integer.parseInt(History.single(database, """
                    select count(*) from liquibase.databasechangelog
                    where orderexecuted > (select orderexecuted from liquibase.databasechangelog where tag = 'observability-system')"""));

            for (List<String> command : List.of(List.of("rollbackCount", String.valueOf(sinceObservabilitySystem)),
                    List.of("rollback", "observability-system"), List.of("rollbackToDate", "2026-11-10"))) {
                Cli.Result refused = Cli.against(database).liquibase(command.toArray(String[]::new));
                assertNotEquals(0, refused.exitCode(), refused.describe());
                assertEquals(1, refused.stderrLines().size(), "one line that says what to do:\n" + refused.describe());
                String message = refused.stderrLines().get(0);
                assertTrue(message.contains("rollback refused: public.user_journeys holds 1 row(s)")
                        && message.contains("Export or delete them first, then roll back again.")
                        && message.contains("rollback pre-flight") && message.contains("Nothing was rolled back."), message);
                assertEquals("1", History.single(database, "select count(*) from public.user_journeys"), "the row is still there");
                assertEquals(history, History.applied(database), command + ": no changeset was undone");
                SnapshotDiff diff = before.diffTo(CatalogSnapshot.of(database));
                assertTrue(diff.isEmpty(), command + ": the catalog is exactly as it was\n" + diff.describe());
            }
        }
    }
}
