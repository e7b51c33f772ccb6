package platformdb.behaviour.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.behaviour.Sql;
import platformdb.behaviour.tenants.Tenants.Tenant;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Tenant isolation through customers.auth_user_id (seed 000, 002_add_auth): a signed-in tenant reads and
 * changes the rows of its own sites, and nothing of another tenant's.
 */
class TenantIsolationTest {

    @Deployed
    private static FreshDatabase database;
    private static Tenant alice;
    private static Tenant bob;
    private static Map<String, UUID> aliceRows;
    private static Map<String, UUID> bobRows;

    @BeforeAll
    static void twoTenantsWithASiteFullOfData() {
        alice = Tenants.signUp(database, "alice");
        bob = Tenants.signUp(database, "bob");
        aliceRows = siteData(alice);
        bobRows = siteData(bob);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"customers", "customer_configs", "domains", "scraped_pages", "page_embeddings",
            "structured_extractions", "website_content", "ai_optimized_content", "domain_patterns", "content_refresh_jobs",
            "support_tickets", "conversations", "messages"})
    void aTenantSeesOnlyTheRowsOfItsOwnSites(String table) {
        try (Connection asAlice = database.connectAs("authenticated", alice.user())) {
            assertEquals(List.of(aliceRows.get(table).toString()), Sql.column(asAlice, "select id::text from public." + table),
                    "alice should see exactly her own row of " + table + " (bob's is " + bobRows.get(table) + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"customers", "customer_configs", "domains", "scraped_pages", "page_embeddings",
            "structured_extractions", "website_content", "ai_optimized_content", "domain_patterns", "content_refresh_jobs",
            "support_tickets", "conversations", "messages"})
    void aTenantCanNeitherChangeNorDeleteAnotherTenantsRows(String table) {
        UUID bobs = bobRows.get(table);
        try (Connection asAlice = database.connectAs("authenticated", alice.user())) {
            assertEquals(0, Sql.update(asAlice, "update public." + table + " set id = id where id = ?", bobs),
                    "alice updated bob's row of " + table);
            assertEquals(0, Sql.update(asAlice, "delete from public." + table + " where id = ?", bobs),
                    "alice deleted bob's row of " + table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals("1", Tenants.asServer(database, "select count(*)::text from public." + table + " where id = ?", bobs),
                "bob's row of " + table + " should still be there");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "insert into public.customer_configs (customer_id, domain) values ('%customer%', 'planted.example.com')",
            "insert into public.domains (customer_id, domain) values ('%site%', 'planted.example.com')",
            "insert into public.scraped_pages (customer_id, url) values ('%site%', 'https://planted.example.com/')",
            "insert into public.content_refresh_jobs (customer_id, job_type) values ('%site%', 'full')",
            "insert into public.support_tickets (customer_id, subject) values ('%site%', 'planted')",
            "insert into public.conversations (customer_id, session_id) values ('%site%', 'planted')",
            "insert into public.messages (conversation_id, role, content) values ('%conversation%', 'assistant', 'planted')",
            "insert into public.page_embeddings (page_id, chunk_text) values ('%page%', 'planted')",
            "insert into public.website_content (domain_id, url) values ('%domain%', 'https://planted.example.com/')"})
    void aTenantCannotPlantRowsInAnotherTenantsSite(String insert) {
        String sql = insert.replace("%customer%", bob.customer().toString()).replace("%site%", bob.site().toString())
                .replace("%conversation%", bobRows.get("conversations").toString())
                .replace("%page%", bobRows.get("scraped_pages").toString())
                .replace("%domain%", bobRows.get("domains").toString());
        try (Connection asAlice = database.connectAs("authenticated", alice.user())) {
            SQLException refused = Sql.failure(asAlice, sql);
            assertTrue(refused.getMessage().contains("row-level security"), "expected an RLS refusal, got: " + refused.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTenantCannotHandItsCustomerRowToAnotherAccount() throws SQLException {
        try (Connection asAlice = database.connectAs("authenticated", alice.user())) {
            SQLException refused = Sql.failure(asAlice, "update public.customers set auth_user_id = ? where id = ?", bob.user(), alice.customer());
            assertTrue(refused.getMessage().contains("row-level security"), "expected an RLS refusal, got: " + refused.getMessage());
        }
    }

    @Test
    void aTenantManagesTheRowsOfItsOwnSite() throws SQLException {
        try (Connection asAlice = database.connectAs("authenticated", alice.user())) {
            asAlice.setAutoCommit(false);
            assertEquals(1, Sql.update(asAlice, "insert into public.support_tickets (customer_id, subject) values (?, 'Refund')", alice.site()));
            assertEquals(1, Sql.update(asAlice, "update public.customer_configs set welcome_message = 'Hola' where id = ?", alice.site()));
            assertEquals(1, Sql.update(asAlice, "insert into public.domains (customer_id, domain) values (?, 'blog.alice.example.com')", alice.site()));
            assertEquals(2, Integer.parseInt(Sql.one(asAlice, "select count(*) from public.support_tickets")),
                    "alice sees her seeded ticket and the one she just opened");
            asAlice.rollback();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"customers", "customer_configs", "domains", "scraped_pages", "page_embeddings",
            "structured_extractions", "website_content", "ai_optimized_content", "domain_patterns", "content_refresh_jobs",
            "support_tickets", "conversations", "messages"})
    void anAnonymousVisitorReadsNoTenantRows(String table) throws SQLException {
        try (Connection anon = database.connectAs("anon", null)) {
            assertEquals("0", Sql.one(anon, "select count(*)::text from public." + table),
                    "anon (no app.current_domain) should see no row of " + table);
        }
    }

    /** One row in every tenant table, for the tenant's site, inserted as the server. */
    private static Map<String, UUID> siteData(Tenant tenant) {
        Map<String, UUID> rows = new LinkedHashMap<>();
        rows.put("customers", tenant.customer());
        rows.put("customer_configs", tenant.site());
        try (Connection server = database.connect()) {
            UUID domain = id(server, "insert into public.domains (customer_id, domain) values (?, ?) returning id", tenant.site(), "shop." + tenant.domain());
            UUID page = id(server, "insert into public.scraped_pages (customer_id, url, title) values (?, ?, 'Home') returning id", tenant.site(), "https://" + tenant.domain() + "/");
            UUID content = id(server, "insert into public.website_content (domain_id, url, title) values (?, ?, 'Home') returning id", domain, "https://shop." + tenant.domain() + "/");
            UUID conversation = id(server, "insert into public.conversations (customer_id, session_id) values (?, 'session-1') returning id", tenant.site());
            rows.put("domains", domain);
            rows.put("scraped_pages", page);
            rows.put("page_embeddings", id(server, "insert into public.page_embeddings (page_id, chunk_text) values (?, 'Welcome') returning id", page));
            rows.put("structured_extractions", id(server, "insert into public.structured_extractions (page_id, extraction_type, extracted_data) values (?, 'contact', '{\"phone\": \"+573001234567\"}') returning id", page));
            rows.put("website_content", content);
            rows.put("ai_optimized_content", id(server, "insert into public.ai_optimized_content (domain_id, source_content_id, url, content_type) values (?, ?, ?, 'article') returning id", domain, content, "https://shop." + tenant.domain() + "/"));
            rows.put("domain_patterns", id(server, "insert into public.domain_patterns (domain_id, url_pattern, pattern_type) values (?, '/blog/*', 'article') returning id", domain));
            rows.put("content_refresh_jobs", id(server, "insert into public.content_refresh_jobs (customer_id, job_type) values (?, 'full') returning id", tenant.site()));
            rows.put("support_tickets", id(server, "insert into public.support_tickets (customer_id, email, subject) values (?, 'visitor@example.com', 'Late order') returning id", tenant.site()));
            rows.put("conversations", conversation);
            rows.put("messages", id(server, "insert into public.messages (conversation_id, role, content) values (?, 'user', 'Hello') returning id", conversation));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static UUID id(Connection server, String sql, Object... params) {
        return UUID.fromString(Sql.one(server, sql, params));
    }
}
