package platformdb.behaviour.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** insert_crm_client, insert_crm_project and get_client_stats (seed 003) work within the caller's own CRM. */
class CrmFunctionsTest {

    private static final String STATS = "select format('clients=%s active=%s leads=%s projects=%s active_projects=%s budget=%s',"
            + " total_clients, active_clients, leads, total_projects, active_projects, total_budget) from public.get_client_stats()";

    /** A database per test: an admin's statistics count every CRM row there is. */
    @Deployed
    private FreshDatabase database;
    @Deployed
    private Personas personas;

    @Test
    void insertCrmClientCreatesAClientOwnedByTheCaller() {
        UUID alice = personas.create("alice").id();
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String client = Sql.one(asAlice.sql(), "select public.insert_crm_client('Acme', 'ops@acme.test', null, 'Acme Ltd')");
            assertEquals(alice + "|Acme|ops@acme.test|Acme Ltd|lead", Sql.one(asAlice.sql(),
                    "select owner_id || '|' || name || '|' || email || '|' || company || '|' || status from public.crm_clients where id = ?::uuid", client));
        }
    }

    @Test
    void insertCrmProjectAddsAProjectToOneOfTheCallersClients() {
        UUID alice = personas.create("alice").id();
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String client = Sql.one(asAlice.sql(), "select public.insert_crm_client('Acme')");
            String project = Sql.one(asAlice.sql(), "select public.insert_crm_project(?::uuid, 'Website', 'new site', 1200.50, '2025-02-01', '2025-03-01')", client);
            assertEquals(client + "|" + alice + "|Website|1200.50|proposal", Sql.one(asAlice.sql(),
                    "select client_id || '|' || owner_id || '|' || name || '|' || budget || '|' || status from public.crm_projects where id = ?::uuid", project));
        }
    }

    @Test
    void insertCrmProjectRefusesSomeoneElsesClient() {
        personas.create("alice");
        personas.create("bob");
        String bobsClient;
        try (ApiRequest asBob = personas.actAs("bob")) {
            bobsClient = Sql.one(asBob.sql(), "select public.insert_crm_client('Bob Corp')");
            asBob.commit();
        }
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String error = Sql.failure(asAlice.sql(), "select public.insert_crm_project(?::uuid, 'Sneaky')", bobsClient).getMessage();
            assertTrue(error.contains("row-level security"), error);
        }
    }

    @Test
    void getClientStatsCountsOnlyTheCallersCrmAndAnAdminsCountsAll() {
        personas.create("alice");
        personas.create("bob");
        personas.createAdmin("admin", "admin");
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String active = Sql.one(asAlice.sql(), "select public.insert_crm_client('Active client')");
            Sql.update(asAlice.sql(), "update public.crm_clients set status = 'active' where id = ?::uuid", active);
            Sql.one(asAlice.sql(), "select public.insert_crm_client('A lead')");
            String running = Sql.one(asAlice.sql(), "select public.insert_crm_project(?::uuid, 'Running', null, 1000)", active);
            Sql.update(asAlice.sql(), "update public.crm_projects set status = 'active' where id = ?::uuid", running);
            String dropped = Sql.one(asAlice.sql(), "select public.insert_crm_project(?::uuid, 'Dropped', null, 500)", active);
            Sql.update(asAlice.sql(), "update public.crm_projects set status = 'cancelled' where id = ?::uuid", dropped);
            Sql.one(asAlice.sql(), "select public.insert_crm_project(?::uuid, 'Proposal', null, 250)", active);
            asAlice.commit();
        }
        try (ApiRequest asBob = personas.actAs("bob")) {
            String client = Sql.one(asBob.sql(), "select public.insert_crm_client('Bob lead')");
            Sql.one(asBob.sql(), "select public.insert_crm_project(?::uuid, 'Bob project', null, 99)", client);
            asBob.commit();
        }
        try (ApiRequest asAlice = personas.actAs("alice")) {
            assertEquals("clients=2 active=1 leads=1 projects=3 active_projects=1 budget=1250.00", Sql.one(asAlice.sql(), STATS));
        }
        try (ApiRequest asAdmin = personas.actAs("admin")) {
            assertEquals("clients=3 active=1 leads=2 projects=4 active_projects=1 budget=1349.00", Sql.one(asAdmin.sql(), STATS));
        }
    }
}
