package platformdb.security.performance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import platformdb.behaviour.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * Measures one read as Supabase's API runs it, twice: as service_role (which bypasses RLS) and as the signed-in
 * user (real SET ROLE authenticated and request.jwt.claims), with the same SQL text. The planner's total cost is
 * what is judged (it is deterministic for given statistics); EXPLAIN ANALYZE's execution time is only reported,
 * because timings on a shared 2-core machine are not a fair assertion.
 */
final class RlsCostCheck {

    /**
     * RLS may add the initPlans that evaluate auth.uid() once and the policy's ownership lookup (a few index
     * probes on small tables); for an indexed read of one user's rows that stays within a small multiple of the
     * read itself. The faults this check exists for (a per-row auth call, a policy that cannot use an index)
     * cost in proportion to the whole table, tens to thousands of times more at these row counts, so 3x
     * separates the two with a wide margin on either side.
     */
    static final double MAX_RATIO = 3.0;

    /**
     * One user or tenant owns at most 120 rows of any table of the dataset, and every read returns at most 50:
     * an indexed read of the caller's rows discards next to nothing, while a scan in disguise (an index walked
     * in order, the owner checked row by row) discards other owners' rows by the thousand.
     */
    static final long MAX_ROWS_DISCARDED = 1_000;

    private static final int TIMING_RUNS = 3;

    private final FreshDatabase database;

    RlsCostCheck(FreshDatabase database) {
        this.database = database;
    }

    /** The same SQL as service_role and as the user (the app filters by owner itself, RLS guards it). */
    ReadCost measure(String read, UUID user, String sql, String... bigTables) {
        return measureRlsAlone(read, user, sql, sql, bigTables);
    }

    /**
     * The read as service_role with its explicit owner filter, and as the user with the SQL a Supabase client
     * sends when it relies on RLS alone (no owner filter: the policy is the filter).
     */
    ReadCost measureRlsAlone(String read, UUID user, String serviceSql, String userSql, String... bigTables) {
        try (Connection service = database.connectAs("service_role", null);
             Connection signedIn = database.connectAs("authenticated", user)) {
            QueryPlan asService = explain(service, serviceSql);
            QueryPlan asUser = explain(signedIn, userSql);
            String userPlanText = String.join("\n", Sql.column(signedIn, "explain " + userSql));
            QueryPlan serviceRun = fastest(service, serviceSql);
            QueryPlan userRun = fastest(signedIn, userSql);
            return new ReadCost(read, List.of(bigTables), asService, asUser, serviceRun.executionMillis(), userRun.executionMillis(),
                    MAX_RATIO, userPlanText, userRun);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static QueryPlan explain(Connection connection, String sql) {
        return QueryPlan.parse(Sql.one(connection, "explain (format json) " + sql));
    }

    /** The fastest of a few EXPLAIN ANALYZE runs (warm cache). */
    private static QueryPlan fastest(Connection connection, String sql) {
        QueryPlan best = null;
        for (int i = 0; i < TIMING_RUNS; i++) {
            QueryPlan run = QueryPlan.parse(Sql.one(connection, "explain (analyze, format json) " + sql));
            if (best == null || run.executionMillis() < best.executionMillis()) {
                best = run;
            }
        }
        return best;
    }
}
