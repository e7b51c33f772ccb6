package platformdb.behaviour.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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
 * private.owned_site_ids(), the tenant-ownership predicate of the policies as one function: a signed-in tenant
 * gets exactly its own sites, a policy calling it works for the caller, and neither anon nor the API sees it.
 */
class OwnedSiteIdsTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static Connection server;
    private static Tenant alice;
    private static Tenant bob;

    @BeforeAll
    static void twoTenants() {
        server = personas.server();
        alice = Tenants.signUp(personas, "alice");
        bob = Tenants.signUp(personas, "bob");
    }

    @Test
    void aTenantGetsExactlyItsOwnSites() {
        assertEquals("{" + alice.site() + "}", ownedSiteIdsAs("alice"));
        assertEquals("{" + bob.site() + "}", ownedSiteIdsAs("bob"));
    }

    @Test
    void aUserWithoutATenantGetsNone() {
        personas.create("visitor");
        assertEquals("{}", ownedSiteIdsAs("visitor"));
    }

    @Test
    void aPolicyCallingItLetsTheCallerReadOnlyTheRowsOfItsSites() {
        Sql.update(server, "create table public.owned_probe (id uuid primary key default gen_random_uuid(), customer_id uuid not null)");
        Sql.update(server, "alter table public.owned_probe enable row level security");
        Sql.update(server, "create policy owned_probe_select on public.owned_probe for select to authenticated"
                + " using (customer_id = any (array(select private.owned_site_ids())))");
        Sql.update(server, "insert into public.owned_probe (customer_id) values (?), (?)", alice.site(), bob.site());
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals(List.of(alice.site().toString()), Sql.column(asAlice.sql(), "select customer_id::text from public.owned_probe"));
            String plan = String.join("\n", Sql.column(asAlice.sql(), "explain select * from public.owned_probe"));
            assertTrue(plan.contains("InitPlan"), "the owned sites should be computed once per statement (an InitPlan):\n" + plan);
        }
    }

    @Test
    void anonMayNeitherUseTheSchemaNorCallIt() {
        assertEquals("false", Sql.one(server, "select has_schema_privilege('anon', 'private', 'usage')::text"));
        assertEquals("false", Sql.one(server, "select has_function_privilege('anon', 'private.owned_site_ids()', 'execute')::text"));
        assertEquals("true", Sql.one(server, "select has_function_privilege('authenticated', 'private.owned_site_ids()', 'execute')::text"));
        try (ApiRequest asAnon = personas.asAnon()) {
            String refusal = Sql.failure(asAnon.sql(), "select private.owned_site_ids()").getMessage();
            assertTrue(refusal.contains("permission denied"), refusal);
        }
    }

    @Test
    void itIsNotInTheSchemaTheApiServes() {
        assertFalse(Boolean.parseBoolean(Sql.one(server,
                "select exists (select 1 from pg_proc where proname = 'owned_site_ids' and pronamespace = 'public'::regnamespace)::text")));
    }

    private static String ownedSiteIdsAs(String persona) {
        try (ApiRequest request = personas.actAs(persona)) {
            return Sql.one(request.sql(), "select array(select private.owned_site_ids())::text");
        }
    }
}
