package platformdb.behaviour.tenants;

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

/** set_updated_at keeps updated_at of the tenant tables (customers, customer_configs, support_tickets). */
class TenantTablesUpdatedAtTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static Tenant alice;

    @BeforeAll
    static void aTenantLastChangedLongAgo() {
        alice = Tenants.signUp(personas, "alice");
        database.execute("alter table public.customers disable trigger trg_customers_set_updated_at;"
                + " update public.customers set updated_at = '" + UpdatedAt.LONG_AGO + "';"
                + " alter table public.customers enable trigger trg_customers_set_updated_at");
        database.execute("alter table public.customer_configs disable trigger trg_customer_configs_set_updated_at;"
                + " update public.customer_configs set updated_at = '" + UpdatedAt.LONG_AGO + "';"
                + " alter table public.customer_configs enable trigger trg_customer_configs_set_updated_at");
    }

    @Test
    void updatingACustomerStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "customers", alice.customer());
    }

    @Test
    void updatingASiteConfigStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "customer_configs", alice.site());
    }

    @Test
    void updatingASupportTicketStampsItsUpdatedAt() {
        UUID ticket = UUID.fromString(Sql.one(personas.server(),
                "insert into public.support_tickets (customer_id, subject, updated_at) values (?, 'Late order', '" + UpdatedAt.LONG_AGO + "') returning id",
                alice.site()));
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "support_tickets", ticket);
    }

    @Test
    void everyTenantTableWithUpdatedAtHasTheTrigger() {
        assertEquals("", UpdatedAt.tablesWithoutTheTrigger(personas.server(), "customers", "customer_configs", "support_tickets"));
    }
}
