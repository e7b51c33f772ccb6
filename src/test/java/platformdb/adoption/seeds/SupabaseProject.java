package platformdb.adoption.seeds;

import platformdb.fixtures.SupabaseLike;
import platformdb.postgres.FreshDatabase;

/**
 * An empty Supabase project, as Supabase's own admin creates it before a team runs any SQL: the only step of the seed
 * fixtures that needs more than a Supabase {@code postgres} role may do (roles, the auth schema, extensions in schema
 * {@code extensions}, per-database role settings). Everything after it runs as the project's {@code postgres}.
 */
public final class SupabaseProject {

    /** Enabled by Supabase in every new project, in schema extensions; a seed's "create extension if not exists" of them is a no-op. */
    public static final String PREINSTALLED_EXTENSIONS = "'uuid-ossp', 'pgcrypto'";

    private SupabaseProject() {
    }

    /**
     * Supabase's roles (anon, authenticated, service_role with bypassrls, and authenticator, the login PostgREST uses to
     * switch into them), auth.users with auth.uid()/role()/jwt() reading request.jwt.claims, Supabase's grants and
     * default privileges on public, schema extensions; and the search_path Supabase gives its roles, so that an
     * unqualified {@code create extension} lands in public (the first schema of "$user", public, extensions that exists)
     * and seed SQL finds extension functions unqualified.
     */
    public static FreshDatabase createAsSupabaseAdmin() {
        FreshDatabase database = SupabaseLike.database(PREINSTALLED_EXTENSIONS);
        database.execute("""
                do $$ begin
                  if not exists (select from pg_roles where rolname = 'authenticator') then
                    create role authenticator login noinherit;
                  end if;
                end $$;
                grant anon, authenticated, service_role to authenticator;
                do $$
                declare r text;
                begin
                  foreach r in array array[current_user::text, 'anon', 'authenticated', 'service_role', 'authenticator'] loop
                    execute format('alter role %I in database %I set search_path = "$user", public, extensions', r, current_database());
                  end loop;
                end $$;
                """);
        // The test harness gives every database Liquibase's tracking schema; a production project has none before its first deploy.
        database.execute("drop schema " + FreshDatabase.TRACKING_SCHEMA);
        return database;
    }
}
