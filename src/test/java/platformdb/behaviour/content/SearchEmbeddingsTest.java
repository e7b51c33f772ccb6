package platformdb.behaviour.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.fixtures.Tenants;
import platformdb.fixtures.Tenants.Tenant;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Seed 000 search_embeddings: the page chunks nearest to a query embedding by cosine distance, nearest first,
 * with similarity = 1 - distance, at most match_count of them, optionally for one tenant site.
 */
class SearchEmbeddingsTest {

    /** The query: the first axis. Chunks lie at known angles to it, so their similarities are known exactly. */
    private static final String QUERY = Embeddings.of(1);

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static Tenant alice;
    private static Tenant bob;

    @BeforeAll
    static void twoSitesWithEmbeddedChunks() {
        alice = Tenants.signUp(personas, "alice");
        bob = Tenants.signUp(personas, "bob");
        UUID alicePage = page(alice);
        chunk(alicePage, 0, "orthogonal", Embeddings.of(0, 1));
        chunk(alicePage, 1, "same direction", Embeddings.of(2));
        chunk(alicePage, 2, "opposite", Embeddings.of(-1));
        chunk(alicePage, 3, "45 degrees", Embeddings.of(1, 1));
        chunk(alicePage, 4, "not embedded yet", null);
        chunk(page(bob), 0, "bob's same direction", Embeddings.of(3));
    }

    @Test
    void returnsTheNearestChunksFirstWithTheirSimilarity() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals(List.of("same direction 1.0000 {\"chunk\": 1}", "45 degrees 0.7071 {\"chunk\": 3}",
                            "orthogonal 0.0000 {\"chunk\": 0}", "opposite -1.0000 {\"chunk\": 2}"),
                    Sql.column(server, "select content || ' ' || to_char(similarity, 'FM0.0000') || ' ' || metadata::text"
                            + " from public.search_embeddings(?::extensions.vector, 10, ?)", QUERY, alice.site()));
        }
    }

    @Test
    void returnsAtMostMatchCountChunks() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals(List.of("same direction", "45 degrees"),
                    Sql.column(server, "select content from public.search_embeddings(?::extensions.vector, 2, ?)", QUERY, alice.site()));
        }
    }

    @Test
    void returnsFiveChunksByDefault() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals("5", Sql.one(server, "select count(*)::text from public.search_embeddings(?::extensions.vector)", QUERY),
                    "five of the six embedded chunks (both sites, no filter)");
        }
    }

    @Test
    void searchesOnlyTheSiteItIsGiven() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals(List.of("bob's same direction"),
                    Sql.column(server, "select content from public.search_embeddings(?::extensions.vector, 10, ?)", QUERY, bob.site()));
        }
    }

    @Test
    void withoutASiteItSearchesEverySite() throws SQLException {
        try (Connection server = database.connect()) {
            Set<String> nearestTwo = new TreeSet<>(Sql.column(server,
                    "select content from public.search_embeddings(?::extensions.vector, 2)", QUERY));
            assertEquals(Set.of("same direction", "bob's same direction"), nearestTwo);
        }
    }

    @Test
    void skipsChunksWithoutAnEmbedding() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals("0", Sql.one(server,
                    "select count(*)::text from public.search_embeddings(?::extensions.vector, 100) where content = 'not embedded yet'", QUERY));
        }
    }

    @Test
    void aTenantSearchingEverySiteFindsOnlyItsOwnChunks() throws SQLException {
        try (ApiRequest asBob = personas.actAs("bob")) {
            assertEquals(List.of("bob's same direction"),
                    Sql.column(asBob.sql(), "select content from public.search_embeddings(?::extensions.vector, 10)", QUERY),
                    "search_embeddings is security invoker: bob's RLS hides alice's pages");
        }
    }

    private static UUID page(Tenant tenant) {
        return UUID.fromString(Sql.one(personas.server(),
                "insert into public.scraped_pages (customer_id, url, title) values (?, ?, 'FAQ') returning id",
                tenant.site(), "https://" + tenant.domain() + "/faq"));
    }

    private static void chunk(UUID page, int index, String text, String embedding) {
        Sql.update(personas.server(),
                "insert into public.page_embeddings (page_id, chunk_index, chunk_text, embedding, metadata)"
                        + " values (?, ?, ?, ?::extensions.vector, jsonb_build_object('chunk', ?::int))",
                page, index, text, embedding, index);
    }
}
