package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.Seed004;

/**
 * Seed 004's production database (the unified schema v3) at its final point, built by the seed's own SQL with the
 * team's tables and rows, adopted with {@code scripts/liquibase adopt}: recognised, the SQL the preview writes is what
 * --apply runs, every row kept, nothing left to run, and rolling back to the adoption tag returns the seed's catalog
 * and every row exactly.
 */
class Seed004AdoptCommandTest {

    @TempDir
    static Path folder;

    private static SeedAdoption adoption;

    @BeforeAll
    static void theSeedsDatabaseAdopted() {
        adoption = SeedAdoption.of(new Seed004(), null);
    }

    private static final String DATA_MIGRATION = "changelog/memories/legacy-ai-memories.yaml::copy-legacy-ai-memories-into-memories::platform";

    /**
     * The seed's own data migration did the work of copy-legacy-ai-memories-into-memories, and its cleanup dropped
     * ai_memories: the changeset is recorded with the baseline, so the way back never runs its rollback (which deletes
     * every memory marked migrated from ai_memories, the seed's own included). Where ai_memories is still there, running
     * it would copy rows, so it is applied.
     */
    @Test
    void theSeedsDataMigrationIsRecordedAsThereOnlyWhereRunningItWouldChangeNothing() {
        assertEquals("adopted: found in the database and verified against the catalog ledger, not run", History.single(adoption.adopted,
                "select comments from liquibase.databasechangelog where filename || '::' || id || '::' || author = '" + DATA_MIGRATION + "'"));
        try (FreshDatabase stillThere = FreshDatabase.copyOf(adoption.seed.database())) {
            stillThere.execute("create table public.ai_memories (id uuid primary key, user_id uuid, content text)");
            Cli.Result preview = Cli.against(stillThere).liquibase("adopt", "--sql-file=" + folder.resolve("still-there.sql"));
            String toApply = preview.stdout().substring(preview.stdout().indexOf("To be applied"));
            assertTrue(toApply.contains(DATA_MIGRATION), preview.describe());
        }
    }

    @Test
    void everyRowIsKeptNothingIsLeftToRunAndTheWayBackIsExact() {
        adoption.assertEveryRowKeptNothingToRunAndTheWayBackExact(List.of("public.widget_shares", "public.embedding_jobs"));
    }

    @Test
    void theSqlThePreviewWroteRunByPsqlDoesWhatApplyDid() {
        adoption.assertThePreviewsSqlDoesWhatApplyDid();
    }
}
