package platformdb.security.performance;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.ApiSession;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * Measures one read as Supabase's API runs it, twice: as service_role (which bypasses RLS) and as the signed-in
 * user (real SET ROLE authenticated and request.jwt.claims), each the fastest of a few EXPLAIN (ANALYZE, BUFFERS)
 * runs on a warm cache.
 *
 * <p>What is judged is the work the read really did: the shared buffers (pages) it hit or read, which for a given
 * plan and data are the same on every run and machine. Not the planner's cost: it is a guess, and the policies'
 * own forms make it guess badly. PostgreSQL 15 assumes 10 elements for {@code = any(array(sub-select))} (the
 * tenant's sites, usually one) and prices an EXISTS sub-plan for every row even when it hashes it, so a read that
 * touches 1.2x service_role's pages can be priced 6x. Nor the time: on a shared 2-core machine it is reported,
 * never asserted.
 */
final class RlsCostCheck {

    /**
     * What RLS may add to a read of the caller's own rows: the initPlans that evaluate auth.uid() once; the
     * ownership lookup (the tenant's sites: customers and customer_configs, each under its own policy, about 11
     * pages here); and the parent check of each row read, a primary-key probe (or, hashed, the caller's parent
     * rows) that touches about as many pages as reading the row itself. Read + parent check + lookup gives up to
     * 4x on the smallest reads (measured worst: a tenant reading one widget conversation's 10 messages, 48 pages
     * against 13). The faults this check exists for touch pages in proportion to the whole table: 9x to 350x at
     * these row counts, and growing with it ({@link ReadAtTwoScales}); those that stay under it (a Seq Scan over a
     * narrow heap) are caught by the scan and rows-discarded checks.
     */
    static final double MAX_RATIO = 4.0;

    /**
     * One user or tenant owns at most 120 rows of any table of the dataset, and every read returns at most 50:
     * an indexed read of the caller's rows discards next to nothing, while a scan in disguise (an index walked
     * in order, the owner checked row by row) discards other owners' rows by the thousand.
     */
    static final long MAX_ROWS_DISCARDED = 1_000;

    private static final int RUNS = 3;

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
        try (ApiSession service = ApiSession.serviceRole(database); ApiSession signedIn = ApiSession.user(database, user);
             ApiRequest serviceRequest = service.request(); ApiRequest userRequest = signedIn.request()) {
            QueryPlan serviceRun = fastest(serviceRequest.sql(), serviceSql);
            QueryPlan userRun = fastest(userRequest.sql(), userSql);
            String userPlanText = String.join("\n", Sql.column(userRequest.sql(), "explain (analyze, buffers) " + userSql));
            return new ReadCost(read, List.of(bigTables), serviceRun, userRun, MAX_RATIO, userPlanText);
        }
    }

    /** The fastest of a few runs (warm cache; the buffers are the same in each). */
    private static QueryPlan fastest(Connection connection, String sql) {
        QueryPlan best = null;
        for (int i = 0; i < RUNS; i++) {
            QueryPlan run = QueryPlan.parse(Sql.one(connection, "explain (analyze, buffers, format json) " + sql));
            if (best == null || run.executionMillis() < best.executionMillis()) {
                best = run;
            }
        }
        return best;
    }
}
