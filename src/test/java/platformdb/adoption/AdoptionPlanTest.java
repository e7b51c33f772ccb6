package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.drift.CannotCheck;
import platformdb.drift.CatalogLedger;
import platformdb.drift.LedgerSource;
import platformdb.postgres.FreshDatabase;

/**
 * The adoption plan on databases whose objects the changelog's own SQL built by hand: what is verified there, what
 * is to apply, and each state that must be refused with nothing changed (an object in another shape, rows a new
 * constraint would reject, a team's extra permissive policy or grant), while a team's own objects are kept and listed.
 */
class AdoptionPlanTest {

    private static final String CUSTOMERS = "changelog/tenants/customers.yaml::create-table-customers::platform";
    private static final String TEMPERATURE_CHECK = "add-constraint-chk-conversations-temperature";

    private static FreshDatabase whole;

    @BeforeAll
    static void buildByHand() {
        whole = HandBuilt.whole();
    }

    @AfterAll
    static void drop() {
        whole.close();
    }

    @Test
    void aDatabaseWithEveryObjectIsAllThereAndAdoptable() {
        try (FreshDatabase database = FreshDatabase.copyOf(whole)) {
            AdoptionPlan plan = HandBuilt.plan(database);
            assertEquals(HandBuilt.supabaseChangeSets(), plan.there().size(), plan.render());
            assertEquals(List.of(), plan.toApply(), plan.render());
            assertTrue(plan.adoptable(), plan.render());
            assertTrue(plan.render().contains("scripts/liquibase adopt --apply --fingerprint=" + plan.fingerprint()), plan.render());
        }
    }

    @Test
    void aDatabaseAtAnEarlierPointIsThereUpToItAndTheRestIsToApply() {
        try (FreshDatabase database = HandBuilt.upTo(TEMPERATURE_CHECK)) {
            AdoptionPlan plan = HandBuilt.plan(database);
            assertTrue(plan.adoptable(), plan.render());
            assertTrue(plan.toApply().get(0).endsWith("::" + TEMPERATURE_CHECK + "::platform"), plan.render());
            assertEquals(HandBuilt.supabaseChangeSets(), plan.there().size() + plan.toApply().size(), plan.render());
            assertTrue(plan.there().contains(CUSTOMERS), plan.render());
        }
    }

    /**
     * A later changeset that changes what an absent table's create would make (revoking the table-wide select its
     * grants to anon included, for column grants instead) is applied after that create, not reshaped: the planner found
     * the changed entry absent and called it another shape (seen on seed 004, which has no customer_configs).
     */
    @Test
    void aChangeToEntriesOfATableStillToCreateIsAppliedAfterIt() {
        try (FreshDatabase database = HandBuilt.upTo("create-table-customer-configs")) {
            AdoptionPlan plan = HandBuilt.plan(database);
            assertEquals(Map.of(), plan.toReshape(), plan.render());
            assertTrue(plan.toApply().contains("changelog/tenants/auth.yaml::grant-customer-configs-widget-columns-to-anon::platform"), plan.render());
            assertTrue(plan.adoptable(), plan.render());
        }
    }

    /**
     * Row level security never enabled on a table whose every other part is as the changelog makes it (seed 000 once
     * reshaped has RLS only where its guide put it): enabling it is applied after the baseline, and the later changesets
     * on the same table, whose entries it leaves alone, are still found there rather than reshaped.
     */
    @Test
    void aTableFlagStillToApplyLeavesTheTablesOtherChangesetsThere() {
        try (FreshDatabase database = FreshDatabase.copyOf(whole)) {
            database.execute("alter table public.customers disable row level security");
            AdoptionPlan plan = HandBuilt.plan(database);
            assertTrue(plan.adoptable(), plan.render());
            // and the changesets without a catalog effect after it (release tags, a data copy), which run in their place
            CatalogLedger ledger = ledgerOf(database);
            assertEquals(List.of("changelog/tenants/customers.yaml::enable-rls-customers::platform"), plan.toApply().stream()
                    .filter(name -> ledger.step(name).map(step -> !step.set().isEmpty() || !step.removed().isEmpty()).orElse(true))
                    .toList(), plan.render());
            assertTrue(plan.there().contains("changelog/tenants/auth.yaml::add-column-customers-auth-user-id::platform"), plan.render());
        }
    }

    private static CatalogLedger ledgerOf(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            return LedgerSource.shipped(connection.getMetaData().getDatabaseMajorVersion());
        } catch (SQLException | CannotCheck e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void oneColumnDefaultDiffersAndTheChangesetIsToReshapeNotBaselined() {
        try (FreshDatabase database = FreshDatabase.copyOf(whole)) {
            database.execute("alter table public.customers alter column created_at set default '2020-01-01'");
            AdoptionPlan plan = HandBuilt.plan(database);
            assertFalse(plan.adoptable(), plan.render());
            assertFalse(plan.there().contains(CUSTOMERS), plan.render());
            List<AdoptionPlan.EntryDifference> differences = plan.toReshape().get(CUSTOMERS);
            assertEquals("column public.customers.created_at", differences.get(0).object(), plan.render());
            assertTrue(differences.get(0).changelog().contains("default=now()"), plan.render());
            assertTrue(differences.get(0).database().contains("default='2020-01-01"), plan.render());
        }
    }

    @Test
    void rowsThatANewConstraintWouldRejectStopTheAdoptionNamingThem() {
        try (FreshDatabase database = HandBuilt.upTo(TEMPERATURE_CHECK)) {
            database.execute("""
                    insert into auth.users (id, email) values ('00000000-0000-0000-0000-0000000000a1', 'a@example.com');
                    insert into public.conversations (id, user_id, temperature) values
                      ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000a1', 0.7),
                      ('00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-0000000000a1', 3.5),
                      ('00000000-0000-0000-0000-0000000000c3', '00000000-0000-0000-0000-0000000000a1', 9)""");
            AdoptionPlan plan = HandBuilt.plan(database);
            assertFalse(plan.adoptable(), plan.render());
            assertEquals(1, plan.dataProblems().size(), plan.render());
            DataPreflight.Problem problem = plan.dataProblems().get(0);
            assertEquals("public.conversations", problem.table());
            assertEquals(2, problem.rows());
            assertTrue(problem.constraint().startsWith("chk_conversations_temperature"), problem.describe());
            assertTrue(problem.examples().stream().anyMatch(example -> example.contains("0000000000c2")), problem.describe());
            assertTrue(problem.describe().contains("Fix or delete these rows"), problem.describe());
        }
    }

    @Test
    void theTeamsOwnObjectsAreKeptAndListedAndAnExtraPermissivePolicyIsRefused() {
        try (FreshDatabase database = FreshDatabase.copyOf(whole)) {
            database.execute("""
                    create table public.feature_requests (id bigint generated always as identity primary key, title text not null);
                    create index customers_by_name on public.customers (name);
                    create policy customers_no_deleted on public.customers as restrictive for select to authenticated using (true);
                    """);
            AdoptionPlan kept = HandBuilt.plan(database);
            assertTrue(kept.adoptable(), kept.render());
            List<String> keptObjects = kept.kept().stream().map(item -> item.difference().object()).toList();
            assertTrue(keptObjects.contains("relation public.feature_requests"), kept.render());
            assertTrue(keptObjects.contains("index public.customers_by_name"), kept.render());
            assertTrue(keptObjects.contains("policy public.customers.customers_no_deleted"), kept.render());

            database.execute("create policy customers_read_all on public.customers for select to anon using (true)");
            AdoptionPlan refused = HandBuilt.plan(database);
            assertFalse(refused.adoptable(), refused.render());
            assertEquals(List.of("policy public.customers.customers_read_all"),
                    refused.refused().stream().map(item -> item.difference().object()).toList(), refused.render());
        }
    }

    /**
     * What Supabase's dashboard writes on a table the changelog owns: a Database Webhook is a trigger calling
     * supabase_functions.http_request (Supabase's schema, stood in for here), kept and listed; a privilege granted in
     * the dashboard widens access and is refused.
     */
    @Test
    void aDashboardWebhookTriggerIsKeptAndAnExtraGrantIsRefused() {
        try (FreshDatabase database = FreshDatabase.copyOf(whole)) {
            database.execute("""
                    create schema supabase_functions;
                    create function supabase_functions.http_request() returns trigger language plpgsql as $$ begin return new; end $$;
                    create trigger notify_new_customer after insert on public.customers for each row
                      execute function supabase_functions.http_request('https://hooks.example.com/customers', 'POST', '{}', '{}', '1000');
                    """);
            AdoptionPlan kept = HandBuilt.plan(database);
            assertTrue(kept.adoptable(), kept.render());
            assertEquals(List.of("trigger public.customers.notify_new_customer"),
                    kept.kept().stream().map(item -> item.difference().object()).toList(), kept.render());

            // anon already holds every privilege on public's tables (Supabase's default privileges; RLS decides): a new role
            database.execute("do $$ begin if not exists (select from pg_roles where rolname = 'reporting') then create role reporting nologin; end if; end $$;"
                    + " grant select on public.customers to reporting");
            AdoptionPlan refused = HandBuilt.plan(database);
            assertFalse(refused.adoptable(), refused.render());
            assertEquals(List.of("grant on table public.customers to reporting"),
                    refused.refused().stream().map(item -> item.difference().object()).toList(), refused.render());
        }
    }

    @Test
    void theFingerprintFollowsTheCatalogNotTheRows() {
        try (FreshDatabase database = FreshDatabase.copyOf(whole)) {
            String before = HandBuilt.plan(database).fingerprint();
            database.execute("insert into auth.users (email) values ('b@example.com')");
            assertEquals(before, HandBuilt.plan(database).fingerprint(), "rows are the applications': they change all the time");
            database.execute("create index users_by_email on auth.users (email)");
            assertNotEquals(before, HandBuilt.plan(database).fingerprint(), "any object changed is another database");
        }
    }
}
