package platformdb.behaviour.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** insert_crm_client, insert_crm_project and get_client_stats (seed 003) work within the caller's own CRM. */
class CrmFunctionsTest {

    private static final String STATS = "select format('clients=%s active=%s leads=%s projects=%s active_projects=%s budget=%s',"
            + " total_clients, active_clients, leads, total_projects, active_projects, total_budget) from public.get_client_stats()";

    @Test
    void insertCrmClientCreatesAClientOwnedByTheCaller() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            UUID alice = Accounts.signUp(database, "alice@example.com");
            try (Connection asAlice = database.connectAs("authenticated", alice)) {
                String client = Sql.one(asAlice, "select public.insert_crm_client('Acme', 'ops@acme.test', null, 'Acme Ltd')");
                assertEquals(alice + "|Acme|ops@acme.test|Acme Ltd|lead", Sql.one(asAlice,
                        "select owner_id || '|' || name || '|' || email || '|' || company || '|' || status from public.crm_clients where id = ?::uuid", client));
            }
        }
    }

    @Test
    void insertCrmProjectAddsAProjectToOneOfTheCallersClients() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            UUID alice = Accounts.signUp(database, "alice@example.com");
            try (Connection asAlice = database.connectAs("authenticated", alice)) {
                String client = Sql.one(asAlice, "select public.insert_crm_client('Acme')");
                String project = Sql.one(asAlice, "select public.insert_crm_project(?::uuid, 'Website', 'new site', 1200.50, '2025-02-01', '2025-03-01')", client);
                assertEquals(client + "|" + alice + "|Website|1200.50|proposal", Sql.one(asAlice,
                        "select client_id || '|' || owner_id || '|' || name || '|' || budget || '|' || status from public.crm_projects where id = ?::uuid", project));
            }
        }
    }

    @Test
    void insertCrmProjectRefusesSomeoneElsesClient() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            UUID alice = Accounts.signUp(database, "alice@example.com");
            UUID bob = Accounts.signUp(database, "bob@example.com");
            String bobsClient;
            try (Connection asBob = database.connectAs("authenticated", bob)) {
                bobsClient = Sql.one(asBob, "select public.insert_crm_client('Bob Corp')");
            }
            try (Connection asAlice = database.connectAs("authenticated", alice)) {
                String error = Sql.failure(asAlice, "select public.insert_crm_project(?::uuid, 'Sneaky')", bobsClient).getMessage();
                assertTrue(error.contains("row-level security"), error);
            }
        }
    }

    @Test
    void getClientStatsCountsOnlyTheCallersCrmAndAnAdminsCountsAll() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            UUID alice = Accounts.signUp(database, "alice@example.com");
            UUID bob = Accounts.signUp(database, "bob@example.com");
            UUID admin = Accounts.signUpAdmin(database, "admin@example.com", "admin");
            try (Connection asAlice = database.connectAs("authenticated", alice)) {
                String active = Sql.one(asAlice, "select public.insert_crm_client('Active client')");
                Sql.update(asAlice, "update public.crm_clients set status = 'active' where id = ?::uuid", active);
                Sql.one(asAlice, "select public.insert_crm_client('A lead')");
                String running = Sql.one(asAlice, "select public.insert_crm_project(?::uuid, 'Running', null, 1000)", active);
                Sql.update(asAlice, "update public.crm_projects set status = 'active' where id = ?::uuid", running);
                String dropped = Sql.one(asAlice, "select public.insert_crm_project(?::uuid, 'Dropped', null, 500)", active);
                Sql.update(asAlice, "update public.crm_projects set status = 'cancelled' where id = ?::uuid", dropped);
                Sql.one(asAlice, "select public.insert_crm_project(?::uuid, 'Proposal', null, 250)", active);
            }
            try (Connection asBob = database.connectAs("authenticated", bob)) {
                String client = Sql.one(asBob, "select public.insert_crm_client('Bob lead')");
                Sql.one(asBob, "select public.insert_crm_project(?::uuid, 'Bob project', null, 99)", client);
            }
            try (Connection asAlice = database.connectAs("authenticated", alice)) {
                assertEquals("clients=2 active=1 leads=1 projects=3 active_projects=1 budget=1250.00", Sql.one(asAlice, STATS));
            }
            try (Connection asAdmin = database.connectAs("authenticated", admin)) {
                assertEquals("clients=3 active=1 leads=2 projects=4 active_projects=1 budget=1349.00", Sql.one(asAdmin, STATS));
            }
        }
    }
}
