package platformdb.seeds;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
        FreshDatabase database = empty(PREINSTALLED_EXTENSIONS);
        try (Connection connection = database.connect()) {
            giveRolesSupabaseSearchPath(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not give the roles Supabase's search_path: " + e.getMessage(), e);
        }
        // The test harness gives every database Liquibase's tracking schema; a production project has none before its first deploy.
        database.execute("drop schema " + FreshDatabase.TRACKING_SCHEMA);
        return database;
    }

    /**
     * The login PostgREST uses (authenticator) and the search_path Supabase gives its roles in the connection's
     * database: an empty project's database made on a connection of one's own (a benchmark's cluster) is shaped with
     * {@link #shape} and this. Per database: a copy (CREATE DATABASE ... TEMPLATE) needs it again.
     */
    public static void giveRolesSupabaseSearchPath(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
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
        }
    }

    /**
     * Stands in for supautils, which on Supabase lets {@code postgres} move an extension it created to another schema
     * (supautils 2.5, supabase/supautils#94: {@code alter extension vector set schema extensions}, as Supabase's own
     * advisor recommends for an extension in public). Plain PostgreSQL lets only the owner of every member object do
     * that, and a trusted extension's members belong to the bootstrap superuser: the admin gives those of the extensions
     * postgres created to postgres. Nothing else in the catalog changes (extension members are not in the snapshot).
     */
    public static void letPostgresMoveItsExtensions(FreshDatabase database) {
        try (Connection admin = database.connectAsAdmin()) {
            letPostgresMoveItsExtensions(admin);
        } catch (SQLException e) {
            throw new IllegalStateException("could not give postgres its extensions' members: " + e.getMessage(), e);
        }
    }

    /** {@link #letPostgresMoveItsExtensions(FreshDatabase)} on a connection of the cluster's superuser to the database. */
    public static void letPostgresMoveItsExtensions(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("""
                    do $$
                    declare m record;
                    begin
                      for m in
                        select d.classid::regclass::text as catalog, d.objid
                        from pg_depend d join pg_extension e on e.oid = d.refobjid
                        where d.refclassid = 'pg_extension'::regclass and d.deptype = 'e' and e.extowner = 'postgres'::regrole
                      loop
                        case m.catalog
                          when 'pg_proc' then execute format('alter routine %s owner to postgres', m.objid::regprocedure);
                          when 'pg_type' then
                            if (select typelem = 0 or typarray <> 0 from pg_type where oid = m.objid) then
                              execute format('alter type %s owner to postgres', m.objid::regtype);
                            end if;
                          when 'pg_operator' then execute format('alter operator %s owner to postgres', m.objid::regoperator);
                          when 'pg_opclass' then execute (select format('alter operator class %I.%I using %I owner to postgres',
                              n.nspname, c.opcname, a.amname) from pg_opclass c join pg_namespace n on n.oid = c.opcnamespace
                              join pg_am a on a.oid = c.opcmethod where c.oid = m.objid);
                          when 'pg_opfamily' then execute (select format('alter operator family %I.%I using %I owner to postgres',
                              n.nspname, f.opfname, a.amname) from pg_opfamily f join pg_namespace n on n.oid = f.opfnamespace
                              join pg_am a on a.oid = f.opfmethod where f.oid = m.objid);
                          else null;  -- access methods and casts have no owner
                        end case;
                      end loop;
                    end $$""");
        }
    }

    /**
     * A database shaped like a Supabase project's where it matters to the changelog: Supabase's API roles, its auth
     * schema with auth.users and the auth functions, its grants and default privileges on public, and the given
     * extensions (a SQL list of names) in schema extensions.
     */
    public static FreshDatabase empty(String extensions) {
        FreshDatabase database = FreshDatabase.create();
        try (Connection connection = database.connect()) {
            shape(connection, extensions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not shape " + database.name() + " as a Supabase project: " + e.getMessage(), e);
        }
        return database;
    }

    /** {@link #empty(String)}'s shape given to the connection's database (an empty one, the deploying role connected). */
    public static void shape(Connection connection, String extensions) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
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
            statement.execute("do $$ declare x text; begin foreach x in array array[" + extensions + "] loop"
                    + " execute format('create extension %I with schema extensions', x); end loop; end $$");
        }
    }
}
