package platformdb.security.access;

import java.sql.Connection;
import java.util.List;
import platformdb.fixtures.Sql;

/**
 * The catalog-lint rule "every function in public is security invoker, or definer with an empty search_path
 * and no EXECUTE for anon/authenticated unless the matrix says so", consulting the access matrix: a definer
 * function may be executable by anon or authenticated only where the matrix's functions section lists that role.
 */
public final class DefinerFunctionLint {

    private DefinerFunctionLint() {
    }

    /** One line per offending definer function, naming it and what is wrong. */
    public static List<String> violations(Connection server, AccessMatrix matrix) {
        List<String> rows = Sql.column(server, """
                select format('%s|%s|%s|%s', p.oid::regprocedure::text, coalesce('search_path=""' = any(p.proconfig), false),
                              has_function_privilege('anon', p.oid, 'execute'), has_function_privilege('authenticated', p.oid, 'execute'))
                from pg_proc p
                where p.pronamespace = 'public'::regnamespace and p.prosecdef
                  and not exists (select 1 from pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
                order by 1""");
        return rows.stream().flatMap(row -> {
            String[] f = row.split("\\|");
            String signature = f[0].replaceFirst("^public\\.", "");
            AccessMatrix.Function declared = matrix.functions().get(signature);
            List<String> allowed = declared == null ? List.of() : declared.execute();
            java.util.stream.Stream.Builder<String> out = java.util.stream.Stream.builder();
            if (!"t".equals(f[1])) {
                out.add("public." + signature + ": security definer without search_path = ''");
            }
            if ("t".equals(f[2]) && !allowed.contains("anon")) {
                out.add("public." + signature + ": security definer executable by anon, which the access matrix does not allow");
            }
            if ("t".equals(f[3]) && !allowed.contains("authenticated")) {
                out.add("public." + signature + ": security definer executable by authenticated, which the access matrix does not allow");
            }
            return out.build();
        }).toList();
    }
}
