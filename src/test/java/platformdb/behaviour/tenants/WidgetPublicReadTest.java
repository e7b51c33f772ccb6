package platformdb.behaviour.tenants;

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
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Seed 000 "Public read for widget": an anonymous widget visitor reads the active site configuration of the
 * domain its request names in app.current_domain, and nothing else.
 */
class WidgetPublicReadTest {

    private static final String WIDGET_COLUMNS = "select domain, business_name, primary_color from public.customer_configs order by domain";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static Tenant alice;
    private static Tenant bob;
    private static Tenant closed;

    @BeforeAll
    static void threeSitesOneOfThemInactive() {
        alice = Tenants.signUp(personas, "alice");
        bob = Tenants.signUp(personas, "bob");
        closed = Tenants.signUp(personas, "closed");
        Sql.update(personas.server(), "update public.customer_configs set active = false, encrypted_credentials = '{\"key\": \"secret\"}' where id = ?", closed.site());
        Sql.update(personas.server(), "update public.customer_configs set encrypted_credentials = '{\"key\": \"secret\"}', woocommerce_url = 'https://shop.example.com' where id = ?", alice.site());
    }

    @Test
    void aVisitorOfADomainSeesOnlyThatDomainsConfig() throws SQLException {
        try (ApiRequest visitor = visitorOf(alice.domain())) {
            assertEquals(List.of(alice.domain()), Sql.column(visitor.sql(), WIDGET_COLUMNS),
                    "the widget on " + alice.domain() + " should read its own config and no other (bob's is " + bob.domain() + ")");
        }
    }

    @Test
    void aVisitorWithoutADomainSeesNoConfig() throws SQLException {
        try (ApiRequest visitor = personas.asAnon()) {
            assertEquals(List.of(), Sql.column(visitor.sql(), WIDGET_COLUMNS));
        }
    }

    @Test
    void anInactiveSiteIsNotServedToItsVisitors() throws SQLException {
        try (ApiRequest visitor = visitorOf(closed.domain())) {
            assertEquals(List.of(), Sql.column(visitor.sql(), WIDGET_COLUMNS));
        }
    }

    @Test
    void aVisitorCannotReadTheSitesCredentials() throws SQLException {
        try (ApiRequest visitor = visitorOf(alice.domain())) {
            SQLException denied = Sql.failure(visitor.sql(), "select encrypted_credentials from public.customer_configs");
            assertTrue(denied.getMessage().contains("permission denied"), "expected permission denied, got: " + denied.getMessage());
        }
        try (ApiRequest visitor = visitorOf(alice.domain())) {
            SQLException deniedAll = Sql.failure(visitor.sql(), "select * from public.customer_configs");
            assertTrue(deniedAll.getMessage().contains("permission denied"), "expected permission denied, got: " + deniedAll.getMessage());
        }
    }

    @Test
    void aVisitorCannotChangeTheConfigOfItsDomain() throws SQLException {
        try (ApiRequest visitor = visitorOf(alice.domain())) {
            assertEquals(0, Sql.update(visitor.sql(), "update public.customer_configs set business_name = 'defaced' where domain = ?", alice.domain()),
                    "the widget read policy must not let a visitor write");
            visitor.commit();
        }
        assertEquals("alice's shop", Sql.one(personas.server(), "select business_name from public.customer_configs where id = ?", alice.site()));
    }

    @Test
    void aSignedInUserOfAnotherTenantDoesNotGetTheWidgetRead() throws SQLException {
        try (ApiRequest asBob = personas.actAs("bob")) {
            Sql.one(asBob.sql(), "select set_config('app.current_domain', ?, true)", alice.domain());
            assertEquals(List.of(bob.domain()), Sql.column(asBob.sql(), WIDGET_COLUMNS),
                    "bob sees his own site only, whatever domain his request names");
        }
    }

    /** A widget's request: the domain it is embedded on travels with the request, as PostgREST passes a header. */
    private static ApiRequest visitorOf(String domain) {
        ApiRequest visitor = personas.asAnon();
        Sql.one(visitor.sql(), "select set_config('app.current_domain', ?, true)", domain);
        return visitor;
    }
}
