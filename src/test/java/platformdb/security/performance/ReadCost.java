package platformdb.security.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One hot read measured twice, as service_role (RLS bypassed) and as the signed-in user (RLS applied). */
record ReadCost(String read, List<String> bigTables, QueryPlan asService, QueryPlan asUser,
                double serviceMillis, double userMillis, double maxRatio,
                String userPlanText, QueryPlan userRun) {

    double ratio() {
        return asUser.totalCost() / asService.totalCost();
    }

    /** What is wrong with the user's read, one line per fault; empty when it is indexed and cheap enough. */
    List<String> faults() {
        List<String> faults = new ArrayList<>();
        for (String table : bigTables) {
            List<String> scans = asUser.scansOf(table);
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
            faults.add(String.format(Locale.ROOT, "%s: as authenticated the planner cost is %.1fx the service_role cost (%.2f vs %.2f), above %.1fx",
                    read, ratio(), asUser.totalCost(), asService.totalCost(), maxRatio));
        }
        return faults;
    }

    private long discarded() {
        return bigTables.stream().mapToLong(userRun::rowsDiscarded).sum();
    }

    String reportLine() {
        StringBuilder scans = new StringBuilder();
        for (String table : bigTables) {
            scans.append(' ').append(table).append('=').append(asUser.scansOf(table));
        }
        return String.format(Locale.ROOT,
                "RLS cost | %-34s | service_role cost %10.2f, %8.3f ms | authenticated cost %10.2f, %8.3f ms | ratio %6.2fx (limit %.0fx) | user plan:%s, rows discarded %d | %s",
                read, asService.totalCost(), serviceMillis, asUser.totalCost(), userMillis, ratio(), maxRatio, scans, discarded(),
                faults().isEmpty() ? "OK" : "FAULT") + (faults().isEmpty() ? "" : "\n" + userPlanText.replaceAll("'\\[[^\\]]{200,}\\]'", "'[1536 floats]'").replaceAll("(?m)^", "    "));
    }
}
