package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** The two security definer functions (triggers on auth.users) are locked down as the conventions require. */
class AuthTriggerFunctionsSecurityTest {

    @Deployed
    private static FreshDatabase database;

    @ParameterizedTest
    @ValueSource(strings = {"public.handle_new_user()", "public.handle_new_user_profile()"})
    void theFunctionHasAnEmptySearchPathAndNoApiRoleMayExecuteIt(String function) throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals("definer:search_path=\"\"", Sql.one(server,
                    "select case when prosecdef then 'definer' else 'invoker' end || ':' || array_to_string(proconfig, ',')"
                            + " from pg_proc where oid = ?::regprocedure", function));
            assertEquals("anon=false,authenticated=false", Sql.one(server,
                    "select string_agg(r || '=' || has_function_privilege(r, ?::regprocedure, 'execute'), ',' order by r)"
                            + " from unnest(array['anon', 'authenticated']) r", function));
            assertEquals("false", Sql.one(server,
                    "select exists (select 1 from pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a"
                            + " where p.oid = ?::regprocedure and a.grantee = 0 and a.privilege_type = 'EXECUTE')::text", function),
                    "PUBLIC may execute " + function);
        }
    }
}
