package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployed;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * Seed 004's data migration on a database that still holds ai_memories: more rows than one batch, 384- and
 * 1536-dimension vectors, a row of a user who is gone. The copy, its re-run, its refused rollback and its
 * rollback, end to end (the scenario in rollback-tests/memories checks the rows field by field).
 */
class LegacyAiMemoriesMigrationTest {

    /** The release before seed-clients: rolling back to it reaches the copy whatever is merged after it. */
    private static final String BEFORE_RELEASE = "rls-hot-reads";
    private static final String LEGACY = "5a0e2f61-8c4b-4f0e-9d7a-00000000b001";
    private static final String COPIES = "select concat_ws('|', count(*), count(*) filter (where embedding is null),"
            + " count(*) filter (where (metadata ->> 'needs_reembedding')::boolean), count(*) filter (where metadata ->> 'topic' = 'kept'))"
            + " from public.memories where metadata ->> 'migrated_from' = 'ai_memories'";

    @Deployed
    private static FreshDatabase database;

    @Test
    void legacyRowsAreCopiedInBatchesAndTheRollbackTakesOnlyTheCopiesBack() throws SQLException {
        try (Deployment deployment = Changelog.master().deployTo(database); Connection server = database.connect()) {
            deployment.rollbackToTag(BEFORE_RELEASE);
            legacyTable(server);
            deployment.updateAll();
            assertEquals("1202|1201|1200|1202", Sql.one(server, COPIES),
                    "1200 rows of 384 dimensions (null, marked), 1 of 1536 (kept), 1 without a vector; the gone user's row stays behind");
            assertEquals("1203", Sql.one(server, "select count(*) from public.ai_memories"));

            Sql.update(server, "update public.memories set content = 'edited' where id = (select id from public.memories where metadata ->> 'migrated_from' = 'ai_memories' limit 1)");
            RuntimeException refused = assertThrows(RuntimeException.class, () -> deployment.rollbackToTag(BEFORE_RELEASE));
            assertTrue(refused.getMessage().contains("rollback refused: 1 memory(ies) copied from ai_memories were changed since"), refused.getMessage());
            assertEquals("1202|1201|1200|1202", Sql.one(server, COPIES), "a refused rollback deletes nothing");

            Sql.update(server, "delete from public.memories where content = 'edited'");
            deployment.rollbackToTag(BEFORE_RELEASE);
            assertEquals("0|0|0|0", Sql.one(server, COPIES));
            assertEquals(List.of("1203|1200"), Sql.column(server, "select concat_ws('|', count(*), count(*) filter (where extensions.vector_dims(embedding) = 384)) from public.ai_memories"),
                    "ai_memories keeps every row and its 384-dimension vectors");
            deployment.updateAll();
            assertEquals("1202|1201|1200|1202", Sql.one(server, COPIES), "applied again, the copy is complete once more");
        }
    }

    private static void legacyTable(Connection server) {
        Sql.update(server, "create table public.ai_memories (id uuid primary key, user_id uuid not null, content text not null,"
                + " embedding extensions.vector, metadata jsonb not null default '{}', created_at timestamptz not null default now())");
        Sql.update(server, "insert into auth.users (id, email) values ('" + LEGACY + "', 'legacy-batches@example.com')");
        Sql.update(server, "insert into public.ai_memories (id, user_id, content, embedding, metadata)"
                + " select gen_random_uuid(), '" + LEGACY + "', 'legacy ' || i, array_fill(0.1::real, array[384])::extensions.vector, '{\"topic\": \"kept\"}'"
                + " from generate_series(1, 1200) i");
        Sql.update(server, "insert into public.ai_memories (id, user_id, content, embedding, metadata) values"
                + " (gen_random_uuid(), '" + LEGACY + "', 'full', array_fill(0.1::real, array[1536])::extensions.vector, '{\"topic\": \"kept\"}'),"
                + " (gen_random_uuid(), '" + LEGACY + "', 'no vector', null, '{\"topic\": \"kept\"}'),"
                + " (gen_random_uuid(), gen_random_uuid(), 'gone user', null, '{}')");
    }
}
