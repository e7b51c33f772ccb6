package platformdb.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.liquibase.Deployment;
import platformdb.liquibase.LiquibaseFailure;
import platformdb.postgres.FreshDatabase;

/**
 * The master changelog's guard: deploying in the wrong mode halts before anything is applied and says which
 * mode to use; Supabase mode never applies, and so never rolls back, the compatibility layer.
 */
class DeploymentModeGuardTest {

    private static final String ALL_EXTENSIONS = "'uuid-ossp', 'pgcrypto', 'pg_trgm', 'vector'";

    @Test
    void plainModeOnASupabaseDatabaseHaltsAndSaysToUseSupabaseMode() {
        try (FreshDatabase supabase = supabaseLike(ALL_EXTENSIONS)) {
            expectHalt(supabase, Changelog.master(), "it is a Supabase database", "--contexts=supabase");
        }
    }

    @Test
    void supabaseModeOnPlainPostgresHaltsAndSaysToDeployWithoutIt() {
        try (FreshDatabase plain = FreshDatabase.create()) {
            expectHalt(plain, Changelog.master("supabase"), "not a Supabase database", "without --contexts=supabase");
        }
    }

    @Test
    void supabaseModeOnADatabaseWithTheCompatibilityLayerHalts() {
        try (FreshDatabase plain = DeployedSchema.freshDatabase()) {
            expectHalt(plain, Changelog.master("supabase"), "runs the local Supabase-compatibility layer",
                    "without --contexts=supabase");
        }
    }

    @Test
    void supabaseModeHaltsUntilTheExtensionsAreEnabled() {
        try (FreshDatabase supabase = supabaseLike("'uuid-ossp', 'pgcrypto'")) {
            expectHalt(supabase, Changelog.master("supabase"), "pg_trgm and vector enabled in schema extensions");
        }
    }

    @Test
    void supabaseModeSkipsTheCompatibilityLayerAndItsRollbackLeavesSupabaseObjectsAlone() throws SQLException {
        try (FreshDatabase supabase = supabaseLike(ALL_EXTENSIONS)) {
            CatalogSnapshot before = CatalogSnapshot.of(supabase);
            try (Deployment deployment = Changelog.master("supabase").deployTo(supabase)) {
                deployment.updateAll();
                try (Connection connection = supabase.connect()) {
                    assertEquals("0", SupabaseCompatibilityTest.single(connection,
                            "select count(*)::text from liquibase.databasechangelog where id like 'compat-%' or id like 'create-extension-%'"),
                            "no compatibility-layer or extension changeset is recorded in Supabase mode");
                    assertEquals("base", SupabaseCompatibilityTest.single(connection,
                            "select tag from liquibase.databasechangelog where tag is not null order by orderexecuted limit 1"));
                }
                deployment.rollbackCount(deployment.appliedCount());
            }
            SnapshotDiff diff = before.diffTo(CatalogSnapshot.of(supabase));
            assertTrue(diff.isEmpty(), "rolling everything back must leave Supabase's own objects as they were:\n" + diff.describe());
        }
    }

    private static void expectHalt(FreshDatabase database, Changelog changelog, String... messageParts) {
        CatalogSnapshot before = CatalogSnapshot.of(database);
        try (Deployment deployment = changelog.deployTo(database)) {
            int appliedBefore = deployment.appliedCount();
            LiquibaseFailure failure = assertThrows(LiquibaseFailure.class, deployment::updateAll);
            for (String part : messageParts) {
                assertTrue(failure.getMessage().contains(part), "expected \"" + part + "\" in: " + failure.getMessage());
            }
            assertTrue(failure.getMessage().contains("Nothing was applied"), failure.getMessage());
            assertEquals(appliedBefore, deployment.appliedCount(), "a halted deployment records nothing");
        }
        SnapshotDiff diff = before.diffTo(CatalogSnapshot.of(database));
        assertTrue(diff.isEmpty(), "a halted deployment changes nothing:\n" + diff.describe());
    }

    /** A database shaped like Supabase's where it matters here: its own auth schema, roles and extensions. */
    private static FreshDatabase supabaseLike(String extensions) {
        FreshDatabase database = FreshDatabase.create();
        database.execute("""
                do $$ begin
                  if not exists (select from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
                  if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
                  if not exists (select from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
                end $$;
                create schema auth;
                create table auth.users (id uuid primary key default gen_random_uuid(), email text, phone text,
                  raw_app_meta_data jsonb default '{}'::jsonb, raw_user_meta_data jsonb default '{}'::jsonb,
                  created_at timestamptz default now(), updated_at timestamptz default now());
                create function auth.uid() returns uuid language sql stable
                  as $f$ select (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid $f$;
                create function auth.role() returns text language sql stable
                  as $f$ select nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role' $f$;
                create function auth.jwt() returns jsonb language sql stable
                  as $f$ select nullif(current_setting('request.jwt.claims', true), '')::jsonb $f$;
                grant usage on schema auth to anon, authenticated, service_role;
                grant usage on schema public to anon, authenticated, service_role;
                alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
                alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
                alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
                create schema extensions;
                grant usage on schema extensions to anon, authenticated, service_role;
                """);
        database.execute("do $$ declare x text; begin foreach x in array array[" + extensions + "] loop"
                + " execute format('create extension %I with schema extensions', x); end loop; end $$");
        return database;
    }
}
