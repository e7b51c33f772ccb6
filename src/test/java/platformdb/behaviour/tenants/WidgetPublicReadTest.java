package platformdb.behaviour.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Sql;
import platformdb.behaviour.tenants.Tenants.Tenant;
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
    private static Tenant alice;
    private static Tenant bob;
    private static Tenant closed;

    @BeforeAll
    static void threeSitesOneOfThemInactive() {
        alice = Tenants.signUp(database, "alice");
        bob = Tenants.signUp(database, "bob");
        closed = Tenants.signUp(database, "closed");
        Tenants.changeAsServer(database, "update public.customer_configs set active = false, encrypted_credentials = '{\"key\": \"secret\"}' where id = ?", closed.site());
        Tenants.changeAsServer(database, "update public.customer_configs set encrypted_credentials = '{\"key\": \"secret\"}', woocommerce_url = 'https://shop.example.com' where id = ?", alice.site());
    }

    @Test
    void aVisitorOfADomainSeesOnlyThatDomainsConfig() throws SQLException {
        try (Connection visitor = visitorOf(alice.domain())) {
            assertEquals(List.of(alice.domain()), Sql.column(visitor, WIDGET_COLUMNS),
                    "the widget on " + alice.domain() + " should read its own config and no other (bob's is " + bob.domain() + ")");
        }
    }

    @Test
    void aVisitorWithoutADomainSeesNoConfig() throws SQLException {
        try (Connection visitor = database.connectAs("anon", null)) {
            assertEquals(List.of(), Sql.column(visitor, WIDGET_COLUMNS));
        }
    }

    @Test
    void anInactiveSiteIsNotServedToItsVisitors() throws SQLException {
        try (Connection visitor = visitorOf(closed.domain())) {
            assertEquals(List.of(), Sql.column(visitor, WIDGET_COLUMNS));
        }
    }

    @Test
    void aVisitorCannotReadTheSitesCredentials() throws SQLException {
        try (Connection visitor = visitorOf(alice.domain())) {
            SQLException denied = Sql.failure(visitor, "select encrypted_credentials from public.customer_configs");
            assertTrue(denied.getMessage().contains("permission denied"), "expected permission denied, got: " + denied.getMessage());
            SQLException deniedAll = Sql.failure(visitor, "select * from public.customer_configs");
            assertTrue(deniedAll.getMessage().contains("permission denied"), "expected permission denied, got: " + deniedAll.getMessage());
        }
    }

    @Test
    void aVisitorCannotChangeTheConfigOfItsDomain() throws SQLException {
        try (Connection visitor = visitorOf(alice.domain())) {
            assertEquals(0, Sql.update(visitor, "update public.customer_configs set business_name = 'defaced' where domain = ?", alice.domain()),
                    "the widget read policy must not let a visitor write");
        }
        assertEquals("alice's shop", Tenants.asServer(database, "select business_name from public.customer_configs where id = ?", alice.site()));
    }

    @Test
    void aSignedInUserOfAnotherTenantDoesNotGetTheWidgetRead() throws SQLException {
        try (Connection asBob = database.connectAs("authenticated", bob.user())) {
            Sql.one(asBob, "select set_config('app.current_domain', ?, false)", alice.domain());
            assertEquals(List.of(bob.domain()), Sql.column(asBob, WIDGET_COLUMNS),
                    "bob sees his own site only, whatever domain his request names");
        }
    }

    private static Connection visitorOf(String domain) {
        Connection visitor = database.connectAs("anon", null);
        Sql.one(visitor, "select set_config('app.current_domain', ?, false)", domain);
        return visitor;
    }
}
