package platformdb.behaviour.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.fixtures.Tenants;
import platformdb.fixtures.Tenants.Tenant;
import platformdb.fixtures.UpdatedAt;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** set_updated_at keeps updated_at of the content tables (domains, website_content, ai_optimized_content, domain_patterns). */
class ContentTablesUpdatedAtTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID domain;

    @BeforeAll
    static void aDomainCrawledLongAgo() {
        Tenant alice = Tenants.signUp(personas, "alice");
        domain = insert("insert into public.domains (customer_id, domain, updated_at) values (?, 'shop.alice.example.com', '%s') returning id", alice.site());
    }

    @Test
    void updatingADomainStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "domains", domain);
    }

    @Test
    void updatingWebsiteContentStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "website_content",
                insert("insert into public.website_content (domain_id, url, updated_at) values (?, 'https://shop.alice.example.com/a', '%s') returning id", domain));
    }

    @Test
    void updatingAiOptimizedContentStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "ai_optimized_content",
                insert("insert into public.ai_optimized_content (domain_id, url, content_type, updated_at) values (?, 'https://shop.alice.example.com/b', 'faq', '%s') returning id", domain));
    }

    @Test
    void updatingADomainPatternStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "domain_patterns",
                insert("insert into public.domain_patterns (domain_id, url_pattern, pattern_type, updated_at) values (?, '/faq/*', 'faq', '%s') returning id", domain));
    }

    @Test
    void everyContentTableWithUpdatedAtHasTheTrigger() {
        assertEquals("", UpdatedAt.tablesWithoutTheTrigger(personas.server(), "domains", "scraped_pages", "page_embeddings", "website_content",
                "structured_extractions", "content_refresh_jobs", "ai_optimized_content", "domain_patterns"));
    }

    private static UUID insert(String sql, UUID parent) {
        return UUID.fromString(Sql.one(personas.server(), sql.formatted(UpdatedAt.LONG_AGO), parent));
    }
}
