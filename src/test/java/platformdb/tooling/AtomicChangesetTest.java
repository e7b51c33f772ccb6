package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import platformdb.postgres.FreshDatabase;

/**
 * A deploy that dies between a changeset's work and its DATABASECHANGELOG row (here: the row's insert fails, as a
 * crash at that moment would leave it) must leave neither. With the project's extensions the changeset's work goes
 * with the failed row; Liquibase alone commits the work first and leaves it applied but unrecorded, so the next
 * update fails for good on "already exists" (the known-bad run, which shows this test sees the fault).
 */
class AtomicChangesetTest {

    private static final String SMALL = "--changelog-file=src/test/resources/fixtures/tooling/small/changelog.yaml";

    @Test
    void aChangesetAndItsHistoryRowCommitTogether() {
        try (FreshDatabase database = FreshDatabase.create()) {
            Cli.Result failed = Cli.against(database).liquibase("update", withHistoryInsertFailingFor(database, "create-table-tooling-b"));
            assertNotEquals(0, failed.exitCode(), failed.describe());
            assertEquals(List.of("src/test/resources/fixtures/tooling/small/changelog.yaml::create-table-tooling-a"),
                    History.applied(database));
            assertEquals("0", tableCount(database, "tooling_b"), "the changeset's work went with its failed history row");

            removeFailure(database);
            Cli.against(database).liquibase("update", SMALL).assertSucceeded();
            assertEquals("1", tableCount(database, "tooling_b"));
        }
    }

    @Test
    void liquibaseAloneLeavesTheChangesetAppliedButUnrecorded() {
        try (FreshDatabase database = FreshDatabase.create()) {
            Cli.Result failed = Cli.against(database).with("PLATFORMDB_CLASSPATH", liquibaseWithoutTheExtensions())
                    .liquibase("update", withHistoryInsertFailingFor(database, "create-table-tooling-b"));
            assertNotEquals(0, failed.exitCode(), failed.describe());
            assertEquals(1, History.applied(database).size());
            assertEquals("1", tableCount(database, "tooling_b"), "applied but not recorded: the fault this project removes");
        }
    }

    /** A trigger refuses the history row of one changeset, as a crash right after its work would lose it. */
    private static String withHistoryInsertFailingFor(FreshDatabase database, String changesetId) {
        TrackingTables.create(database);
        database.execute("""
                create function liquibase.simulated_crash() returns trigger language plpgsql as $$
                begin
                  if new.id = '%s' then raise exception 'simulated crash before the history row of %%', new.id; end if;
                  return new;
                end $$;
                create trigger simulated_crash before insert on liquibase.databasechangelog
                  for each row execute function liquibase.simulated_crash();""".formatted(changesetId));
        return SMALL;
    }

    private static void removeFailure(FreshDatabase database) {
        database.execute("drop trigger simulated_crash on liquibase.databasechangelog; drop function liquibase.simulated_crash()");
    }

    private static String tableCount(FreshDatabase database, String table) {
        return History.single(database, "select count(*) from pg_tables where schemaname = 'public' and tablename = '" + table + "'");
    }

    /** The test class path without the project's own classes: Liquibase as a plain installation runs it. */
    private static String liquibaseWithoutTheExtensions() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("target/classes") && !entry.endsWith("target/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
