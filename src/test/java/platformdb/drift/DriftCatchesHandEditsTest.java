package platformdb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Each class of object the changelog models, edited on a really deployed database the way a team edits it in the
 * Supabase dashboard (table editor, SQL editor), is reported by the drift check, with exactly that difference and
 * the changeset that owns the object, and nothing else.
 */
class DriftCatchesHandEditsTest {

    @Deployed
    FreshDatabase database;

    private static final String CUSTOMERS = "changelog/tenants/customers.yaml::";

    @Test
    void aDroppedTable() {
        edit("drop table public.support_tickets cascade");
        DriftReport report = Drift.check(database);
        List<String> found = Drift.summary(report);
        assertTrue(found.contains("missing: relation public.support_tickets"), found::toString);
        assertTrue(found.stream().allMatch(line -> line.startsWith("missing: ") && line.contains("support_tickets")),
                "only the table and its parts are missing: " + found);
        assertTrue(report.drifted());
    }

    @Test
    void aDroppedIndex() {
        edit("drop index public.idx_customer_configs_customer_id");
        DriftReport report = expect("missing: index public.idx_customer_configs_customer_id");
        assertEquals(CUSTOMERS + "create-index-customer-configs-customer-id::platform", report.differences().get(0).changeSet());
    }

    @Test
    void anIndexLeftInvalid() {
        // what a failed `create index concurrently` leaves: the index is there and never used
        // a catalog write only a superuser may make (Supabase's supabase_admin), standing in for the failed build
        editAsSuperuser("update pg_index set indisvalid = false where indexrelid = 'public.idx_customer_configs_customer_id'::regclass");
        expect("changed: index public.idx_customer_configs_customer_id");
    }

    @Test
    void aPolicyOpenedWithUsingTrue() {
        edit("alter policy user_profiles_select_own on public.user_profiles using (true)");
        DriftReport report = expect("changed: policy public.user_profiles.user_profiles_select_own");
        Difference difference = report.differences().get(0);
        assertTrue(difference.expected().contains("using=(id = ( SELECT auth.uid() AS uid))"), difference.expected());
        assertTrue(difference.found().contains("using=true"), difference.found());
    }

    @Test
    void aPolicyGivenToAnotherRole() {
        edit("alter policy user_profiles_select_own on public.user_profiles to anon");
        expect("changed: policy public.user_profiles.user_profiles_select_own");
    }

    @Test
    void aPolicyWithCheckLoosened() {
        edit("alter policy user_profiles_insert_own on public.user_profiles with check (true)");
        expect("changed: policy public.user_profiles.user_profiles_insert_own");
    }

    @Test
    void aPolicyAdded() {
        edit("create policy anyone_reads on public.customers for select to anon using (true)");
        DriftReport report = expect("unexpected: policy public.customers.anyone_reads");
        assertEquals(CUSTOMERS + "create-table-customers::platform", report.differences().get(0).changeSet());
    }

    @Test
    void aFunctionBodyReplaced() {
        edit("""
                create or replace function public.set_updated_at() returns trigger language plpgsql set search_path = '' as $$
                begin
                  return new;
                end $$""");
        expect("changed: function public.set_updated_at()");
    }

    @Test
    void aFunctionMadeSecurityDefinerOrLosingItsSearchPath() {
        edit("alter function public.set_updated_at() security definer", "alter function public.search_embeddings reset all");
        List<String> found = Drift.summary(Drift.check(database));
        assertTrue(found.contains("changed: function public.set_updated_at()"), found::toString);
        assertTrue(found.stream().anyMatch(line -> line.startsWith("changed: function public.search_embeddings(")), found::toString);
    }

    @Test
    void aDefinerFunctionGivenToAnotherOwner() {
        // to a role without CREATE on public, which only a superuser may do
        editAsSuperuser("do $$ begin if not exists (select from pg_roles where rolname = 'dashboard_editor') then create role dashboard_editor; end if; end $$",
                "alter function public.handle_new_user() owner to dashboard_editor");
        DriftReport report = expect("changed: function public.handle_new_user()");
        assertTrue(report.differences().get(0).found().endsWith("owner=dashboard_editor"), report.differences().get(0).found());
    }

    @Test
    void rowLevelSecurityDisabledOrForced() {
        edit("alter table public.customer_configs disable row level security", "alter table public.customers force row level security");
        expect("changed: relation public.customer_configs", "changed: relation public.customers");
    }

    @Test
    void aColumnAdded() {
        edit("alter table public.customers add column notes text");
        DriftReport report = expect("unexpected: column public.customers.notes");
        assertEquals(CUSTOMERS + "create-table-customers::platform", report.differences().get(0).changeSet());
    }

    @Test
    void aColumnsTypeDefaultNullabilityAndCollationChanged() {
        edit("alter table public.customers alter column company_name type varchar(200)",
                "alter table public.customer_configs alter column primary_color set default '#123456'",
                "alter table public.customers alter column created_at drop not null",
                "alter table public.customers alter column name type text collate \"C\"");
        expect("changed: column public.customer_configs.primary_color", "changed: column public.customers.company_name",
                "changed: column public.customers.created_at", "changed: column public.customers.name");
    }

    @Test
    void anIdentityOrGeneratedColumnChanged() {
        edit("alter table public.n8n_chat_histories alter column id set generated by default",
                "alter table public.project_budget_items alter column total_price drop expression");
        expect("changed: column public.n8n_chat_histories.id", "changed: column public.project_budget_items.total_price");
    }

    @Test
    void aCheckConstraintDroppedAndAnotherReaddedNotValid() {
        edit("alter table public.customer_configs drop constraint chk_customer_configs_primary_color",
                "alter table public.customer_configs drop constraint chk_customer_configs_suggested_questions_array",
                "alter table public.customer_configs add constraint chk_customer_configs_suggested_questions_array"
                        + " check (jsonb_typeof(suggested_questions) = 'array') not valid");
        List<String> found = Drift.summary(Drift.check(database));
        assertTrue(found.contains("missing: constraint public.customer_configs.chk_customer_configs_primary_color"), found::toString);
        assertTrue(found.contains("changed: constraint public.customer_configs.chk_customer_configs_suggested_questions_array"), found::toString);
        assertEquals(2, found.size(), found::toString);
    }

    @Test
    void aTriggerDisabled() {
        edit("alter table public.customers disable trigger trg_customers_set_updated_at");
        DriftReport report = expect("changed: trigger public.customers.trg_customers_set_updated_at");
        assertTrue(report.differences().get(0).found().endsWith("enabled=D"), report.differences().get(0).found());
    }

    @Test
    void aViewRedefinedOrLosingSecurityInvoker() {
        edit("alter view public.user_statistics set (security_invoker = false)");
        expect("changed: relation public.user_statistics");
    }

    @Test
    void aViewGivenToAnotherOwner() {
        // to a role without CREATE on public, which only a superuser may do
        editAsSuperuser("do $$ begin if not exists (select from pg_roles where rolname = 'dashboard_editor') then create role dashboard_editor; end if; end $$",
                "alter view public.user_statistics owner to dashboard_editor");
        List<String> found = Drift.summary(Drift.check(database));
        assertTrue(found.contains("changed: view public.user_statistics"), found::toString);
    }

    @Test
    void anEnumLabelAdded() {
        edit("alter type public.msg_type add value 'voice_note'");
        expect("changed: enum public.msg_type");
    }

    @Test
    void aSequenceChanged() {
        edit("alter sequence public.n8n_chat_histories_id_seq increment by 10");
        expect("changed: sequence public.n8n_chat_histories_id_seq");
    }

    @Test
    void grantsOnTablesColumnsFunctionsAndSchemas() {
        edit("revoke select on public.customers from authenticated",
                "grant update (company_name) on public.customers to anon",
                "grant execute on function public.handle_new_user() to anon",
                "grant create on schema public to anon");
        expect("changed: grant on schema public to anon", "changed: grant on table public.customers to authenticated",
                "unexpected: grant on column public.customers.company_name to anon", "unexpected: grant on function public.handle_new_user() to anon");
    }

    @Test
    void defaultPrivilegesChanged() {
        edit("alter default privileges in schema public revoke all on tables from anon");
        expect("missing: default privileges of CURRENT_USER in schema public on tables to anon");
    }

    @Test
    void theApiRolesSearchPathReset() {
        edit("do $$ begin execute format('alter role anon in database %I reset search_path', current_database()); end $$");
        expect("missing: role setting anon search_path");
    }

    @Test
    void aKnownTableAddedToAPublication() {
        edit("create publication dashboard_realtime for table public.customers");
        DriftReport report = Drift.check(database);
        assertEquals(List.of("unexpected: publication dashboard_realtime table public.customers", "unknown to the changelog: publication dashboard_realtime"),
                Drift.summary(report));
        assertTrue(report.drifted());
    }

    @Test
    void anExtensionMovedToAnotherSchema() {
        // the extension's functions belong to the superuser that ran its script (trusted extension): postgres cannot move it
        editAsSuperuser("alter extension pg_trgm set schema public");
        List<String> found = Drift.summary(Drift.check(database));
        assertTrue(found.contains("changed: extension pg_trgm"), found::toString);
    }

    @Test
    void aCommentChanged() {
        edit("comment on table public.customers is 'edited in the dashboard'");
        List<String> found = Drift.summary(Drift.check(database));
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).endsWith(": comment on table public.customers"), found::toString);
    }

    @Test
    void aTableTheChangelogDoesNotKnowIsReportedAndFailsOnlyWhenAsked() {
        edit("create table public.team_notes (id int primary key, body text)");
        DriftReport report = Drift.check(database);
        assertEquals(List.of("unknown to the changelog: relation public.team_notes"), Drift.summary(report), "its columns and grants are part of it");
        assertFalse(report.drifted(), "unknown objects are reported, not failed, by default");
        assertEquals(DriftReport.NO_DRIFT, report.exitCode());
        DriftReport strict = Drift.check(database, AcceptedDifferences.none(), true);
        assertTrue(strict.drifted());
        assertEquals(DriftReport.DRIFT, strict.exitCode());
    }

    private void edit(String... statements) {
        Arrays.stream(statements).forEach(database::execute);
    }

    private void editAsSuperuser(String... statements) {
        try (Connection superuser = database.connectAsAdmin()) {
            Arrays.stream(statements).forEach(statement -> Sql.update(superuser, statement));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The check reports exactly these differences ("kind: object"), and they fail it. */
    private DriftReport expect(String... differences) {
        DriftReport report = Drift.check(database);
        assertEquals(Arrays.stream(differences).sorted().toList(), Drift.summary(report), report.render(DriftReport.Format.TEXT));
        assertTrue(report.drifted(), "drift fails the check");
        assertEquals(DriftReport.DRIFT, report.exitCode());
        return report;
    }
}
