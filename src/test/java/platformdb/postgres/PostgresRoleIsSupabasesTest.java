package platformdb.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;

/**
 * The role the tests deploy and act as is `postgres` as Supabase gives it (issue 22, item 4): not a superuser, so a
 * changeset or test that works only as a superuser fails here before it fails on Supabase; and its search path
 * includes `extensions`, so a seed's unqualified `vector_dims(...)` works in a new session as on Supabase.
 */
class PostgresRoleIsSupabasesTest {

    @Deployed
    static FreshDatabase deployed;

    @Test
    void postgresHasSupabasesAttributesAndIsNoSuperuser() throws SQLException {
        try (Connection connection = deployed.connect()) {
            assertEquals("postgres", Sql.one(connection, "select current_user"));
            // Supabase's demote-postgres migration: NOSUPERUSER CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS
            assertEquals("super=false createrole=true createdb=true login=true replication=true bypassrls=true",
                    Sql.one(connection, """
                            select format('super=%s createrole=%s createdb=%s login=%s replication=%s bypassrls=%s',
                                          rolsuper::text, rolcreaterole::text, rolcreatedb::text, rolcanlogin::text, rolreplication::text, rolbypassrls::text)
                            from pg_roles where rolname = current_user"""));
            // Supabase grants it the API roles (with admin option from 16 on, which altering them then needs)
            String admin = PostgresBinaries.serverMajor(connection) >= 16 ? "MEMBER WITH ADMIN OPTION" : "MEMBER";
            assertEquals(List.of("anon", "authenticated", "service_role"), Sql.column(connection,
                    "select r from unnest(array['anon', 'authenticated', 'service_role']) r where pg_has_role(current_user, r, ?) order by 1", admin));
        }
    }

    @Test
    void aNewSessionAsPostgresResolvesExtensionsUnqualified() throws SQLException {
        try (Connection connection = deployed.connect()) {
            assertEquals("3", Sql.one(connection, "select vector_dims('[1,2,3]'::vector)"));
            assertEquals("\"$user\", public, extensions", Sql.one(connection, "show search_path"));
        }
    }

    @Test
    void postgresDeployedTheWholeChangelogWithoutBeingASuperuser() throws SQLException {
        try (Connection connection = deployed.connect()) {
            assertTrue(Integer.parseInt(Sql.one(connection, "select count(*) from liquibase.databasechangelog")) > 500);
            assertEquals(List.of("postgres false"), Sql.column(connection, """
                    select distinct r.rolname || ' ' || r.rolsuper
                    from (select relowner as owner from pg_class where relnamespace in ('public'::regnamespace, 'auth'::regnamespace)
                          union select extowner from pg_extension where extname in ('vector', 'pgcrypto', 'pg_trgm', 'uuid-ossp')
                          union select proowner from pg_proc where pronamespace = 'public'::regnamespace) o
                    join pg_roles r on r.oid = o.owner"""));
        }
    }
}
