package platformdb.security.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One hot read, executed twice (EXPLAIN ANALYZE, BUFFERS): as service_role (RLS bypassed) and as the signed-in
 * user (RLS applied). Judged: the user's plan reads no big table by a Seq Scan, discards at most
 * {@link RlsCostCheck#MAX_ROWS_DISCARDED} rows, and touches at most {@code maxRatio} times the shared buffers of
 * service_role's read. Reported, never judged: the planner's costs and the times.
 */
record ReadCost(String read, List<String> bigTables, QueryPlan serviceRun, QueryPlan userRun, double maxRatio, String userPlanText) {

    /** Pages touched as authenticated per page touched as service_role. */
    double ratio() {
        return (double) userRun.sharedBuffers() / Math.max(1, serviceRun.sharedBuffers());
    }

    double plannerRatio() {
        return userRun.totalCost() / serviceRun.totalCost();
    }

    /** What is wrong with the user's read, one line per fault; empty when it is indexed and cheap enough. */
    List<String> faults() {
        List<String> faults = new ArrayList<>();
        for (String table : bigTables) {
            List<String> scans = userRun.scansOf(table);
            if (scans.contains("Seq Scan")) {
                faults.add(read + ": as authenticated, public." + table + " is read by a Seq Scan (plan scans: " + scans + ")");
            } else if (scans.isEmpty()) {
                faults.add(read + ": as authenticated, the plan does not read public." + table + " at all");
            }
        }
        for (String table : bigTables) {
            long discarded = userRun.rowsDiscarded(table);
            if (discarded > RlsCostCheck.MAX_ROWS_DISCARDED) {
                faults.add(read + ": as authenticated, the read visited and discarded " + discarded + " rows of public." + table
                        + " (more than " + RlsCostCheck.MAX_ROWS_DISCARDED + "): a scan of other owners' rows, whatever index it walks");
            }
        }
        if (ratio() > maxRatio) {
            faults.add(String.format(Locale.ROOT, "%s: as authenticated the read touched %d shared buffers, %.1fx the %d of service_role, above %.1fx",
                    read, userRun.sharedBuffers(), ratio(), serviceRun.sharedBuffers(), maxRatio));
        }
        return faults;
    }

    private long discarded() {
        return bigTables.stream().mapToLong(userRun::rowsDiscarded).sum();
    }

    String reportLine() {
        StringBuilder scans = new StringBuilder();
        for (String table : bigTables) {
            scans.append(' ').append(table).append('=').append(userRun.scansOf(table));
        }
        return String.format(Locale.ROOT,
                "RLS cost | %-40s | buffers service_role %5d, authenticated %5d = %5.2fx (limit %.0fx) | planner cost %9.2f -> %9.2f = %5.2fx | %7.3f -> %7.3f ms | user plan:%s, rows discarded %d | %s",
                read, serviceRun.sharedBuffers(), userRun.sharedBuffers(), ratio(), maxRatio,
                serviceRun.totalCost(), userRun.totalCost(), plannerRatio(), serviceRun.executionMillis(), userRun.executionMillis(),
                scans, discarded(), faults().isEmpty() ? "OK" : "FAULT")
                + (faults().isEmpty() ? "" : "\n" + userPlanText.replaceAll("'\\[[^\\]]{200,}\\]'", "'[1536 floats]'").replaceAll("(?m)^", "    "));
    }
}
