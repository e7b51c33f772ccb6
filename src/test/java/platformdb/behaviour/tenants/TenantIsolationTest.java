package platformdb.behaviour.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.fixtures.Tenants;
import platformdb.fixtures.Tenants.Tenant;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Tenant isolation of the widget's conversations and messages, which belong to a site (customer_id), not to a
 * user (seed 000, 002_add_auth). The access matrix proves the tenant tables and the user-owned conversations;
 * this proves the site-owned ones: a tenant reads its own site's, and nothing of another tenant's.
 */
class TenantIsolationTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static Tenant bob;
    private static Map<String, UUID> aliceRows;
    private static Map<String, UUID> bobRows;

    @BeforeAll
    static void twoTenantsWithAWidgetConversation() {
        Tenant alice = Tenants.signUp(personas, "alice");
        bob = Tenants.signUp(personas, "bob");
        aliceRows = widgetConversation(alice);
        bobRows = widgetConversation(bob);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "messages"})
    void aTenantSeesOnlyTheRowsOfItsOwnSites(String table) {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(List.of(aliceRows.get(table).toString()), Sql.column(asAlice.sql(), "select id::text from public." + table),
                    "alice should see exactly her own row of " + table + " (bob's is " + bobRows.get(table) + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "messages"})
    void aTenantCanNeitherChangeNorDeleteAnotherTenantsRows(String table) {
        UUID bobs = bobRows.get(table);
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(0, Sql.update(asAlice.sql(), "update public." + table + " set id = id where id = ?", bobs),
                    "alice updated bob's row of " + table);
            assertEquals(0, Sql.update(asAlice.sql(), "delete from public." + table + " where id = ?", bobs),
                    "alice deleted bob's row of " + table);
            asAlice.commit();
        }
        assertEquals("1", Sql.one(personas.server(), "select count(*)::text from public." + table + " where id = ?", bobs),
                "bob's row of " + table + " should still be there");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "insert into public.conversations (customer_id, session_id) values ('%site%', 'planted')",
            "insert into public.messages (conversation_id, role, content) values ('%conversation%', 'assistant', 'planted')"})
    void aTenantCannotPlantRowsInAnotherTenantsSite(String insert) {
        String sql = insert.replace("%site%", bob.site().toString()).replace("%conversation%", bobRows.get("conversations").toString());
        try (ApiRequest asAlice = personas.actAs("alice")) {
            SQLException refused = Sql.failure(asAlice.sql(), sql);
            assertTrue(refused.getMessage().contains("row-level security"), "expected an RLS refusal, got: " + refused.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "messages"})
    void anAnonymousVisitorReadsNoTenantRows(String table) {
        try (ApiRequest anon = personas.asAnon()) {
            assertEquals("0", Sql.one(anon.sql(), "select count(*)::text from public." + table),
                    "anon (no app.current_domain) should see no row of " + table);
        }
    }

    /** A widget conversation of the tenant's site with one message, inserted as the server. */
    private static Map<String, UUID> widgetConversation(Tenant tenant) {
        Connection server = personas.server();
        UUID conversation = UUID.fromString(Sql.one(server,
                "insert into public.conversations (customer_id, session_id) values (?, 'session-1') returning id", tenant.site()));
        UUID message = UUID.fromString(Sql.one(server,
                "insert into public.messages (conversation_id, role, content) values (?, 'user', 'Hello') returning id", conversation));
        return Map.of("conversations", conversation, "messages", message);
    }
}
