package platformdb.security.access;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import platformdb.fixtures.Sql;

/**
 * Compares who may EXECUTE each function in public (and whether it is security definer) with the
 * matrix's functions section. Signatures are regprocedure text as seen with search_path = public.
 */
public final class FunctionPrivileges {

    public static final List<String> API_ROLES = List.of("anon", "authenticated", "service_role");

    /** A function as the catalog has it: signature, security definer or not, and a call with null arguments. */
    public record Actual(String signature, boolean definer, String nullCall) {
    }

    private FunctionPrivileges() {
    }

    /** Functions in public (not from extensions), keyed by signature. */
    public static Map<String, Actual> actual(Connection server) throws SQLException {
        try (Statement statement = server.createStatement()) {
            statement.execute("set search_path = public");
        }
        Map<String, Actual> functions = new LinkedHashMap<>();
        for (String line : Sql.column(server, """
                select p.oid::regprocedure::text || '|' || p.prosecdef || '|' || format('public.%I(%s)', p.proname,
                       coalesce((select string_agg('null::' || format_type(t, null), ', ' order by o) from unnest(p.proargtypes) with ordinality a(t, o)), ''))
                from pg_proc p
                where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
                  and not exists (select 1 from pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
                order by 1""")) {
            String[] parts = line.split("\\|", 3);
            functions.put(parts[0], new Actual(parts[0], Boolean.parseBoolean(parts[1]) || "t".equals(parts[1]), parts[2]));
        }
        try (Statement statement = server.createStatement()) {
            statement.execute("reset search_path");
        }
        return functions;
    }

    /** Whether the role holds EXECUTE on the function. */
    public static boolean mayExecute(Connection server, String role, String signature) {
        return Boolean.parseBoolean(Sql.one(server, "select has_function_privilege(?, to_regprocedure(?)::oid, 'execute')::text",
                role, "public." + signature.replaceFirst("^public\\.", "")));
    }

    /** Every difference between the catalog and the declaration, one line each naming the function. */
    public static List<String> problems(Connection server, AccessMatrix matrix) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, Actual> actual = actual(server);
        for (Actual function : actual.values()) {
            AccessMatrix.Function declared = matrix.functions().get(function.signature());
            if (declared == null) {
                problems.add("function public." + function.signature() + " has no EXECUTE declaration in the access matrix");
                continue;
            }
            if (declared.definer() != function.definer()) {
                problems.add("function public." + function.signature() + " is " + (function.definer() ? "security definer" : "security invoker")
                        + " but the matrix declares " + (declared.definer() ? "definer" : "invoker"));
            }
            for (String role : API_ROLES) {
                boolean may = mayExecute(server, role, function.signature());
                if (may != declared.execute().contains(role)) {
                    problems.add("function public." + function.signature() + ": " + role + (may ? " may execute it" : " may not execute it")
                            + ", the matrix says " + (declared.execute().contains(role) ? "it may" : "it must not"));
                }
            }
        }
        for (String signature : matrix.functions().keySet()) {
            if (!actual.containsKey(signature)) {
                problems.add("the access matrix declares function public." + signature + ", which does not exist");
            }
        }
        return problems;
    }
}
