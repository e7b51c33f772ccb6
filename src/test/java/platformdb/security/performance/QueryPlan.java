package platformdb.security.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** One EXPLAIN (format json) result: the planner's total cost, the plan nodes, and the execution time if analysed. */
final class QueryPlan {

    private final Map<String, Object> top;
    private final List<Map<String, Object>> nodes = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private QueryPlan(Map<String, Object> top) {
        this.top = top;
        collect((Map<String, Object>) top.get("Plan"));
    }

    /** Parses PostgreSQL's JSON plan (JSON is YAML, so SnakeYAML, already on the class path, reads it). */
    @SuppressWarnings("unchecked")
    static QueryPlan parse(String json) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(50 * 1024 * 1024);
        List<Map<String, Object>> parsed = (List<Map<String, Object>>) new Yaml(options).load(json);
        return new QueryPlan(parsed.get(0));
    }

    @SuppressWarnings("unchecked")
    private void collect(Map<String, Object> node) {
        nodes.add(node);
        Object children = node.get("Plans");
        if (children instanceof List) {
            for (Object child : (List<Object>) children) {
                collect((Map<String, Object>) child);
            }
        }
    }

    @SuppressWarnings("unchecked")
    double totalCost() {
        return ((Number) ((Map<String, Object>) top.get("Plan")).get("Total Cost")).doubleValue();
    }

    /**
     * Shared buffers the execution hit or read, sub-plans and init-plans included (EXPLAIN (ANALYZE, BUFFERS)
     * only; -1 otherwise): the pages the read really touched. For a given plan and data it is the same on every
     * run and every machine, unlike the time.
     */
    @SuppressWarnings("unchecked")
    long sharedBuffers() {
        Map<String, Object> plan = (Map<String, Object>) top.get("Plan");
        if (!(plan.get("Shared Hit Blocks") instanceof Number hit) || !(plan.get("Shared Read Blocks") instanceof Number read)) {
            return -1;
        }
        return hit.longValue() + read.longValue();
    }

    /** Execution time in milliseconds (EXPLAIN ANALYZE only). */
    double executionMillis() {
        Object time = top.get("Execution Time");
        return time == null ? Double.NaN : ((Number) time).doubleValue();
    }

    /**
     * Rows of the table that an analysed plan read and then discarded by a filter (all loops): other owners' rows
     * that the scan had to visit. Zero for a plan that was not analysed.
     */
    long rowsDiscarded(String table) {
        long discarded = 0;
        for (Map<String, Object> node : nodes) {
            if (table.equals(node.get("Relation Name"))) {
                long loops = node.get("Actual Loops") instanceof Number n ? n.longValue() : 1;
                for (String key : new String[] {"Rows Removed by Filter", "Rows Removed by Index Recheck"}) {
                    if (node.get(key) instanceof Number n) {
                        discarded += n.longValue() * loops;
                    }
                }
            }
        }
        return discarded;
    }

    /** The node types that read the given table ("Seq Scan", "Index Scan", ...), in plan order. */
    List<String> scansOf(String table) {
        List<String> scans = new ArrayList<>();
        for (Map<String, Object> node : nodes) {
            if (table.equals(node.get("Relation Name"))) {
                scans.add((String) node.get("Node Type"));
            }
        }
        return scans;
    }
}
