package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Sql;

/**
 * Seed 002's clients (docs/contracts/seed-002.md): the signed-in user's app, and the seed's own verification
 * and sample-data SQL, run as written. One contract, acted out on every database the clients may meet: each subclass
 * gives the database, the same tests run on it. The tests make their own users and look only at their rows, so a
 * database that already holds a team's rows proves the same.
 */
abstract class Seed002IdentraClientContract extends ClientsDatabase {

    @Test
    void theSeedsSampleMemoryIsWrittenAndReadAsTheUser() {
        UUID user = personas().create("identra-sample").id();
        try (ApiRequest signedIn = personas().asUser(user)) {
            assertEquals(1, Sql.update(signedIn.sql(), "INSERT INTO memories (user_id, content, tags, source)\nVALUES (\n  auth.uid(),\n  'Test memory content',\n"
                    + "  ARRAY['test', 'demo'],\n  'manual'\n);"));
            assertEquals(1, Sql.column(signedIn.sql(), "SELECT * FROM memories WHERE user_id = auth.uid();").size());
        }
    }

    @Test
    void theSeedsSchemaVerificationFindsEveryColumnItLists() {
        try (ApiRequest server = personas().asServiceRole()) {
            List<String> columns = Sql.column(server.sql(), "SELECT column_name, data_type, column_default\nFROM information_schema.columns\n"
                    + "WHERE table_name = 'memories'\nORDER BY ordinal_position;");
            assertTrue(columns.containsAll(List.of("id", "user_id", "content", "summary", "embedding", "metadata", "tags", "encrypted_data",
                    "source", "is_favorite", "is_archived", "created_at", "updated_at", "deleted_at")), "memories has: " + columns);
            String rlsCheck = "SELECT tablename, rowsecurity \nFROM pg_tables \nWHERE schemaname = 'public'";
            assertEquals("0", Sql.one(server.sql(), "select count(*) from (" + rlsCheck + ") seed where not seed.rowsecurity"),
                    "the seed expects RLS on every table in public");
        }
    }

    @Test
    void anArchivedConversationIsReadAndFilteredByIsArchived() {
        UUID user = personas().create("identra-archive").id();
        try (ApiRequest signedIn = personas().asUser(user)) {
            Sql.update(signedIn.sql(), "insert into public.conversations (user_id, title, is_pinned, folder, tags) values (auth.uid(), 'kept', true, 'work', array['a'])");
            String archived = Sql.one(signedIn.sql(), "insert into public.conversations (user_id, title) values (auth.uid(), 'old') returning id");
            Sql.update(signedIn.sql(), "update public.conversations set status = 'archived' where id = ?::uuid", archived);
            assertEquals(List.of("kept"), Sql.column(signedIn.sql(), "select c.title from public.conversations c where c.is_archived = false"));
            assertEquals(List.of("old|t"), Sql.column(signedIn.sql(), "select concat_ws('|', c.title, c.is_archived) from public.conversations c where c.is_archived"));
            Sql.update(signedIn.sql(), "update public.conversations set status = 'active' where id = ?::uuid", archived);
            assertEquals(2, Sql.column(signedIn.sql(), "select c.id from public.conversations c where not c.is_archived").size(), "unarchived by status");
        }
        try (ApiRequest signedIn = personas().asUser(user)) {
            SQLException old = Sql.failure(signedIn.sql(), "update public.conversations set is_archived = true");
            assertTrue(old.getMessage().contains("is_archived"), "documented: archive by writing status: " + old.getMessage());
        }
    }

    @Test
    void theUsersStatisticsAndSemanticSearchAnswerTheUser() {
        UUID user = personas().create("identra-stats").id();
        String vector = "[" + "0.2,".repeat(1535) + "0.2]";
        try (ApiRequest signedIn = personas().asUser(user)) {
            Sql.update(signedIn.sql(), "insert into public.memories (user_id, content, embedding) values (auth.uid(), 'likes tea', ?::extensions.vector)", vector);
            assertEquals(List.of("likes tea"), Sql.column(signedIn.sql(),
                    "select content from public.search_memories_semantic(auth.uid(), ?::extensions.vector, 10, 0.5)", vector));
            assertEquals(1, Sql.column(signedIn.sql(), "select * from public.user_statistics").size());
        }
    }
}
