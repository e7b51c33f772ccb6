package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;
import platformdb.tooling.AdoptedSeeds;

/**
 * Seed 000's client contract on seed 000's own production database after its adoption (issue 21: the seed's clients
 * keep working on the adopted database): Supabase mode, reshaped from the seed's schema, the team's rows still there.
 * Besides the contract's tests, the seed team's own tenants, made before the adoption, are served as the contract says.
 */
class Seed000WidgetClientOnAdoptedDatabaseTest extends Seed000WidgetClientContract {

    @Override
    FreshDatabase clientsDatabase() {
        return AdoptedSeeds.seed000();
    }

    @Test
    void theSeedTeamsOwnSitesAreServedAfterTheAdoption() {
        assertEquals("seed-000-final", Sql.one(personas().server(), "select max(reshaping) from liquibase.adopted_changesets"),
                "the database was adopted from seed 000's final point");
        try (ApiRequest widget = personas().asAnon()) {
            assertEquals(List.of("Acme Shop|Hi! How can we help?|#1a73e8|{https://acme-shop.example}"),
                    Sql.column(widget.sql(), "select concat_ws('|', business_name, welcome_message, primary_color, allowed_origins)"
                            + " from public.get_widget_config('acme-shop.example')"));
            assertEquals(List.of(), Sql.column(widget.sql(), "select domain from public.get_widget_config('legacy-store.example')"),
                    "the team's closed site stays unserved");
        }
        UUID alice = UUID.fromString(Sql.one(personas().server(), "select id::text from auth.users where email = 'alice@acme-shop.example'"));
        try (ApiRequest dashboard = personas().asUser(alice)) {
            assertEquals(List.of("acme-shop.example"), Sql.column(dashboard.sql(), "select domain from public.customer_configs"),
                    "a tenant who signed up before the adoption sees her own site, and only hers");
        }
    }
}
