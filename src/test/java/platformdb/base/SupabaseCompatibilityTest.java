package platformdb.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.ApiSession;
import platformdb.fixtures.Personas;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** The compatibility layer behaves as Supabase does, for the parts the platform relies on. */
class SupabaseCompatibilityTest {

    private static final UUID ALICE = UUID.fromString("00000000-0000-4000-8000-00000000a11c");

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @Test
    void authFunctionsReadTheRequestJwtClaims() throws SQLException {
        try (ApiRequest alice = personas.asUser(ALICE)) {
            assertEquals(ALICE.toString(), single(alice.sql(), "select auth.uid()::text"));
            assertEquals("authenticated", single(alice.sql(), "select auth.role()"));
            assertEquals(ALICE.toString(), single(alice.sql(), "select auth.jwt() ->> 'sub'"));
        }
    }

    @Test
    void anonymousRequestHasNoUserId() throws SQLException {
        try (ApiRequest anon = personas.asAnon()) {
            assertNull(single(anon.sql(), "select auth.uid()::text"));
            assertEquals("anon", single(anon.sql(), "select auth.role()"));
        }
    }

    @Test
    void withoutClaimsTheAuthFunctionsReturnNull() throws SQLException {
        try (Connection plain = database.connect()) {
            assertNull(single(plain, "select auth.uid()::text"));
            assertNull(single(plain, "select auth.role()"));
            assertNull(single(plain, "select auth.jwt()::text"));
        }
    }

    @Test
    void serviceRoleBypassesRowLevelSecurityAndTheOthersDoNot() throws SQLException {
        database.execute("create table public.rls_probe (id int primary key); insert into public.rls_probe values (1);"
                + " alter table public.rls_probe enable row level security");
        try {
            try (ApiRequest service = personas.asServiceRole()) {
                assertEquals("1", single(service.sql(), "select count(*)::text from public.rls_probe"));
            }
            try (ApiRequest alice = personas.asUser(ALICE)) {
                assertEquals("0", single(alice.sql(), "select count(*)::text from public.rls_probe"),
                        "no policy: an authenticated user sees nothing");
            }
        } finally {
            database.execute("drop table public.rls_probe");
        }
    }

    @Test
    void newTablesInPublicAreGrantedToTheApiRolesAsOnSupabase() throws SQLException {
        database.execute("create table public.grant_probe (id int)");
        try (Connection plain = database.connect()) {
            assertEquals("true", single(plain,
                    "select bool_and(has_table_privilege(r, 'public.grant_probe', 'select,insert,update,delete'))::text"
                            + " from unnest(array['anon', 'authenticated', 'service_role']) r"));
        } finally {
            database.execute("drop table public.grant_probe");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anon", "authenticated", "service_role"})
    void apiRolesCannotReadOrWriteTheDeployHistory(String apiRole) throws SQLException {
        try (ApiSession session = ApiSession.open(database, apiRole, ALICE, apiRole); ApiRequest api = session.request()) {
            SQLException denied = assertThrows(SQLException.class,
                    () -> single(api.sql(), "select count(*)::text from liquibase.databasechangelog"));
            assertTrue(denied.getMessage().contains("permission denied"), denied.getMessage());
        }
    }

    @Test
    void apiRolesCannotLogInAndOnlyServiceRoleBypassesRls() throws SQLException {
        try (Connection plain = database.connect()) {
            assertEquals("anon:false:false,authenticated:false:false,service_role:false:true", single(plain,
                    "select string_agg(rolname || ':' || rolcanlogin || ':' || rolbypassrls, ',' order by rolname)"
                            + " from pg_roles where rolname in ('anon', 'authenticated', 'service_role')"));
        }
    }

    static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
