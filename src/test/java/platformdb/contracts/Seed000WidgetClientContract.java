package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.fixtures.Tenants;
import platformdb.fixtures.Tenants.Tenant;

/**
 * Seed 000's clients (docs/contracts/seed-000.md): the embeddable widget (anon key), the tenant's dashboard
 * (signed in) and the server (service role key: chat API, scraper), and the SQL the seed prints. One contract, acted
 * out on every database the clients may meet: each subclass gives the database, the same tests run on it. The tests
 * make their own tenants and look only at those, so a database that already holds a team's rows proves the same.
 */
abstract class Seed000WidgetClientContract extends ClientsDatabase {

    private Tenant shop;
    private Tenant closed;

    @BeforeAll
    void twoSitesOneOfThemClosed() {
        Personas personas = personas();
        shop = Tenants.signUp(personas, "shop");
        closed = Tenants.signUp(personas, "closed");
        Sql.update(personas.server(), "update public.customer_configs set active = false where id = ?", closed.site());
        Sql.update(personas.server(), "update public.customer_configs set encrypted_credentials = '{\"key\": \"secret\"}',"
                + " welcome_message = 'Hi!', allowed_origins = array['https://shop.example.com'] where id = ?", shop.site());
    }

    @Test
    void theWidgetGetsItsPublicConfigurationByRpc() {
        try (ApiRequest widget = personas().asAnon()) {
            assertEquals(List.of("shop's shop|Hi!|#000000|{https://shop.example.com}"),
                    Sql.column(widget.sql(), "select concat_ws('|', business_name, welcome_message, primary_color, allowed_origins)"
                            + " from public.get_widget_config(?)", shop.domain()));
        }
        try (ApiRequest widget = personas().asAnon()) {
            assertEquals(List.of(), Sql.column(widget.sql(), "select domain from public.get_widget_config(?)", closed.domain()),
                    "a closed site's configuration is not served");
        }
    }

    @Test
    void theWidgetReadsNamedColumnsOfItsDomainOnly() {
        try (ApiRequest widget = personas().asAnon()) {
            Sql.one(widget.sql(), "select set_config('app.current_domain', ?, true)", shop.domain());
            assertEquals(List.of(shop.domain() + "|{https://shop.example.com}"), Sql.column(widget.sql(),
                    "select concat_ws('|', domain, allowed_origins) from public.customer_configs"));
        }
    }

    @Test
    void selectStarStaysRefusedSoTheCredentialsNeverReachABrowser() {
        try (ApiRequest widget = personas().asAnon()) {
            Sql.one(widget.sql(), "select set_config('app.current_domain', ?, true)", shop.domain());
            SQLException denied = Sql.failure(widget.sql(), "select * from public.customer_configs");
            assertTrue(denied.getMessage().contains("permission denied"), denied.getMessage());
        }
    }

    @Test
    void aShorthandColourIsStoredInItsSixDigitForm() {
        try (ApiRequest owner = personas().actAs("shop")) {
            assertEquals(1, Sql.update(owner.sql(), "update public.customer_configs set primary_color = '#fA0' where id = ?", shop.site()));
            assertEquals("#ffAA00", Sql.one(owner.sql(), "select primary_color from public.customer_configs where id = ?", shop.site()));
        }
        try (ApiRequest owner = personas().actAs("shop")) {
            SQLException refused = Sql.failure(owner.sql(), "update public.customer_configs set primary_color = 'red' where id = ?", shop.site());
            assertTrue(refused.getMessage().contains("chk_customer_configs_primary_color"), refused.getMessage());
        }
    }

    @Test
    void theServerRecordsAVisitorsConversationUnderVisitorId() {
        try (ApiRequest server = personas().asServiceRole()) {
            String conversation = Sql.one(server.sql(), "insert into public.conversations (customer_id, session_id, visitor_id)"
                    + " values (?, 'session-1', 'visitor-42') returning id", shop.site());
            Sql.update(server.sql(), "insert into public.messages (conversation_id, role, content, metadata)"
                    + " values (?::uuid, 'user', 'Do you ship to Spain?', '{\"sources\": []}')", conversation);
            assertEquals("web|visitor-42|1", Sql.one(server.sql(), "select concat_ws('|', c.channel, c.visitor_id, count(m.id))"
                    + " from public.conversations c join public.messages m on m.conversation_id = c.id where c.id = ?::uuid"
                    + " group by c.channel, c.visitor_id", conversation));
        }
        try (ApiRequest server = personas().asServiceRole()) {
            SQLException old = Sql.failure(server.sql(), "insert into public.conversations (customer_id, session_id, user_id)"
                    + " values (?, 'session-2', 'visitor-42')", shop.site());
            assertTrue(old.getMessage().contains("invalid input syntax for type uuid"),
                    "the contract documents this rename (user_id -> visitor_id): " + old.getMessage());
        }
    }

    @Test
    void aReScrapeUpsertsThePageInsteadOfAddingASecondRow() {
        String upsert = "insert into public.scraped_pages (customer_id, url, title, content, last_scraped_at) values (?, 'https://shop.example.com/faq', 'FAQ', ?, now())"
                + " on conflict (customer_id, url) do update set title = excluded.title, content = excluded.content, last_scraped_at = excluded.last_scraped_at";
        try (ApiRequest owner = personas().actAs("shop")) {
            Sql.update(owner.sql(), upsert, shop.site(), "first scrape");
            Sql.update(owner.sql(), upsert, shop.site(), "second scrape");
            assertEquals(List.of("second scrape"), Sql.column(owner.sql(), "select content from public.scraped_pages where customer_id = ?", shop.site()));
            SQLException plainInsert = Sql.failure(owner.sql(), "insert into public.scraped_pages (customer_id, url) values (?, 'https://shop.example.com/faq')", shop.site());
            assertTrue(plainInsert.getMessage().contains("scraped_pages_customer_id_url_key"), plainInsert.getMessage());
        }
    }

    @Test
    void theTenantSearchesItsEmbeddingsAndTheServerCleansUp() {
        String vector = "[" + "0.1,".repeat(1535) + "0.1]";
        try (ApiRequest server = personas().asServiceRole()) {
            String page = Sql.one(server.sql(), "insert into public.scraped_pages (customer_id, url) values (?, 'https://shop.example.com/') returning id", shop.site());
            Sql.update(server.sql(), "insert into public.page_embeddings (page_id, chunk_text, embedding, metadata) values (?::uuid, 'We ship worldwide', ?::extensions.vector, '{}')", page, vector);
            server.commit();
        }
        try (ApiRequest owner = personas().actAs("shop")) {
            assertEquals(List.of("We ship worldwide"), Sql.column(owner.sql(),
                    "select content from public.search_embeddings(?::extensions.vector, 5, ?)", vector, shop.site()));
        }
        try (ApiRequest server = personas().asServiceRole()) {
            Sql.column(server.sql(), "select public.cleanup_old_data(30)");
        }
    }

    @Test
    void theSeedsVerificationQueriesRunAsWritten() {
        try (ApiRequest server = personas().asServiceRole()) {
            List<String> policies = Sql.column(server.sql(), "SELECT schemaname, tablename, policyname, cmd, qual \nFROM pg_policies \nWHERE tablename = 'customer_configs';");
            assertEquals(2, policies.size(), "the owner's policy and the widget's read");
            assertTrue(Sql.column(server.sql(), "SELECT * FROM pg_extension;").size() >= 4);
        }
        try (ApiRequest server = personas().asServiceRole()) {
            Sql.column(server.sql(), "SELECT schemaname, tablename, \n       pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename)) as size\n"
                    + "FROM pg_tables \nWHERE schemaname = 'public'\nORDER BY pg_total_relation_size(schemaname||'.'||tablename) DESC;");
        }
    }
}
