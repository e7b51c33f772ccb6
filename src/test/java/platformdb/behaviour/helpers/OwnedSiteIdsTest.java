package platformdb.behaviour.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Sql;
import platformdb.behaviour.tenants.Tenants;
import platformdb.behaviour.tenants.Tenants.Tenant;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * private.owned_site_ids(), the tenant-ownership predicate of the policies as one function: a signed-in tenant
 * gets exactly its own sites, a policy calling it works for the caller, and neither anon nor the API sees it.
 */
class OwnedSiteIdsTest {

    @Deployed
    private static FreshDatabase database;
    private static Tenant alice;
    private static Tenant bob;

    @BeforeAll
    static void twoTenants() {
        alice = Tenants.signUp(database, "alice");
        bob = Tenants.signUp(database, "bob");
    }

    @Test
    void aTenantGetsExactlyItsOwnSites() {
        assertEquals("{" + alice.site() + "}", ownedSiteIdsAs(alice.user()));
        assertEquals("{" + bob.site() + "}", ownedSiteIdsAs(bob.user()));
    }

    @Test
    void aUserWithoutATenantGetsNone() {
        assertEquals("{}", ownedSiteIdsAs(Tenants.account(database, "visitor@example.com")));
    }

    @Test
    void aPolicyCallingItLetsTheCallerReadOnlyTheRowsOfItsSites() throws SQLException {
        try (Connection server = database.connect()) {
            Sql.update(server, "create table public.owned_probe (id uuid primary key default gen_random_uuid(), customer_id uuid not null)");
            Sql.update(server, "alter table public.owned_probe enable row level security");
            Sql.update(server, "create policy owned_probe_select on public.owned_probe for select to authenticated"
                    + " using (customer_id = any (array(select private.owned_site_ids())))");
            Sql.update(server, "insert into public.owned_probe (customer_id) values (?), (?)", alice.site(), bob.site());
        }
        try (Connection asAlice = database.connectAs("authenticated", alice.user())) {
            assertEquals(List.of(alice.site().toString()), Sql.column(asAlice, "select customer_id::text from public.owned_probe"));
            String plan = String.join("\n", Sql.column(asAlice, "explain select * from public.owned_probe"));
            assertTrue(plan.contains("InitPlan"), "the owned sites should be computed once per statement (an InitPlan):\n" + plan);
        }
    }

    @Test
    void anonMayNeitherUseTheSchemaNorCallIt() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals("false", Sql.one(server, "select has_schema_privilege('anon', 'private', 'usage')::text"));
            assertEquals("false", Sql.one(server, "select has_function_privilege('anon', 'private.owned_site_ids()', 'execute')::text"));
            assertEquals("true", Sql.one(server, "select has_function_privilege('authenticated', 'private.owned_site_ids()', 'execute')::text"));
        }
        try (Connection asAnon = database.connectAs("anon", null)) {
            String refusal = Sql.failure(asAnon, "select private.owned_site_ids()").getMessage();
            assertTrue(refusal.contains("permission denied"), refusal);
        }
    }

    @Test
    void itIsNotInTheSchemaTheApiServes() throws SQLException {
        try (Connection server = database.connect()) {
            assertFalse(Boolean.parseBoolean(Sql.one(server,
                    "select exists (select 1 from pg_proc where proname = 'owned_site_ids' and pronamespace = 'public'::regnamespace)::text")));
        }
    }

    private static String ownedSiteIdsAs(UUID user) {
        try (Connection asUser = database.connectAs("authenticated", user)) {
            return Sql.one(asUser, "select array(select private.owned_site_ids())::text");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
