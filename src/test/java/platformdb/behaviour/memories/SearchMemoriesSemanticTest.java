package platformdb.behaviour.memories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * search_memories_semantic (seed 002, security invoker since seed 004) returns the caller's own live memories
 * above the similarity threshold, nearest first.
 */
class SearchMemoriesSemanticTest {

    private static final String SEARCH = "select content from public.search_memories_semantic(?, ?::extensions.vector, ?, ?)";
    private static final String QUERY = embedding(1, 0);

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID alice;
    private static UUID bob;

    @BeforeAll
    static void aliceAndBobHaveMemories() throws SQLException {
        alice = personas.create("alice").id();
        bob = personas.create("bob").id();
        try (Connection server = database.connect()) {
            memory(server, alice, "alice mid", embedding(1, 0.5), false);      // cosine similarity 0.894
            memory(server, alice, "alice nearest", embedding(1, 0.1), false);  // 0.995
            memory(server, alice, "alice unrelated", embedding(0, 1), false);  // 0
            memory(server, alice, "alice deleted", embedding(1, 0), true);     // 1, but deleted
            memory(server, alice, "alice without embedding", null, false);
            memory(server, bob, "bob identical", embedding(1, 0), false);      // 1, but bob's
        }
    }

    @Test
    void aliceGetsHerLiveMemoriesAboveTheThresholdNearestFirst() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(List.of("alice nearest", "alice mid"), Sql.column(asAlice.sql(), SEARCH, alice, QUERY, 10, 0.7f));
        }
    }

    @Test
    void aHigherThresholdKeepsOnlyTheCloserMemories() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(List.of("alice nearest"), Sql.column(asAlice.sql(), SEARCH, alice, QUERY, 10, 0.95f));
        }
    }

    @Test
    void matchCountLimitsTheResultToTheNearest() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(List.of("alice nearest"), Sql.column(asAlice.sql(), SEARCH, alice, QUERY, 1, 0.0f));
        }
    }

    @Test
    void similarityIsReportedAsOneMinusCosineDistance() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals("0.995", Sql.one(asAlice.sql(), "select round(similarity::numeric, 3)::text"
                    + " from public.search_memories_semantic(?, ?::extensions.vector, 1, 0.7)", alice, QUERY));
        }
    }

    @Test
    void askingForBobsMemoriesAsAliceReturnsNothing() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(List.of(), Sql.column(asAlice.sql(), SEARCH, bob, QUERY, 10, 0.0f));
        }
    }

    @Test
    void theServerSearchingForBobGetsOnlyBobsMemories() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals(List.of("bob identical"), Sql.column(server, SEARCH, bob, QUERY, 10, 0.0f));
        }
    }

    @Test
    void theFunctionIsSecurityInvoker() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals("false", Sql.one(server, "select prosecdef::text from pg_proc where proname = 'search_memories_semantic'"));
        }
    }

    /** A 1536-dimension vector whose first two components are x and y, the rest 0. */
    static String embedding(double x, double y) {
        StringBuilder vector = new StringBuilder("[").append(x).append(',').append(y);
        vector.append(",0".repeat(1534));
        return vector.append(']').toString();
    }

    private static void memory(Connection server, UUID user, String content, String embedding, boolean deleted) {
        Sql.update(server, "insert into public.memories (user_id, type, content, embedding, deleted_at)"
                + " values (?, 'fact', ?, ?::extensions.vector, case when ? then now() end)", user, content, embedding, deleted);
    }
}
