package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Sql;

/**
 * Seed 004's clients (docs/contracts/seed-004.md): the v3 application and the seed's post-migration SQL, which
 * calls vector_dims unqualified as Supabase's role search_path allows. One contract, acted out on every database the
 * clients may meet: each subclass gives the database, the same tests run on it. The tests make their own user and
 * look only at its rows, so a database that already holds a team's rows proves the same.
 */
abstract class Seed004UnifiedV3ClientContract extends ClientsDatabase {

    private static final String SEED_REEMBEDDING = "UPDATE memories SET embedding = NULL WHERE vector_dims(embedding) = 384;";

    private UUID user;

    @BeforeAll
    void aUserWithAnEmbeddedMemory() {
        user = personas().create("v3").id();
        try (ApiRequest signedIn = personas().asUser(user)) {
            Sql.update(signedIn.sql(), "insert into memories (user_id, content, embedding) values (auth.uid(), 'a fact', ?::extensions.vector)",
                    "[" + "0.3,".repeat(1535) + "0.3]");
            signedIn.commit();
        }
    }

    @Test
    void theSeedsReembeddingStatementRunsAsWrittenWithTheServiceRole() {
        try (ApiRequest server = personas().asServiceRole()) {
            assertEquals(0, Sql.update(server.sql(), SEED_REEMBEDDING), "every embedding here has 1536 dimensions");
        }
        try (ApiRequest signedIn = personas().asUser(user)) {
            assertEquals(List.of("1536"), Sql.column(signedIn.sql(), "select vector_dims(embedding) from memories"));
        }
    }

    @Test
    void withoutTheRoleSearchPathTheSeedsStatementFailsAsItDidBefore() {
        try (ApiRequest server = personas().asServiceRole()) {
            Sql.update(server.sql(), "set local search_path = public");
            SQLException failed = Sql.failure(server.sql(), SEED_REEMBEDDING);
            assertTrue(failed.getMessage().contains("function vector_dims"), failed.getMessage());
        }
    }

    @Test
    void widgetsKeepTheirVersions() {
        try (ApiRequest signedIn = personas().asUser(user)) {
            String widget = Sql.one(signedIn.sql(), "insert into widgets (user_id, name, widget_type, config) values (auth.uid(), 'w', 'note', '{\"a\": 1}') returning id");
            Sql.update(signedIn.sql(), "update widgets set config = '{\"a\": 2}' where id = ?::uuid", widget);
            assertEquals("2", Sql.one(signedIn.sql(), "select version from widgets where id = ?::uuid", widget));
        }
    }
}
