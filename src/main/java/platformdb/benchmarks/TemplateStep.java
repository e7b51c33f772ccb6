package platformdb.benchmarks;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** One timed step of building a benchmark's template database: its statements run in order, its seconds recorded. */
final class TemplateStep {

    private TemplateStep() {
    }

    static void run(String template, Map<String, Double> seconds, String what, Statement sql, List<String> statements) throws SQLException {
        System.err.println("benchmark: " + template + ": " + what);
        long start = System.nanoTime();
        for (String statement : statements) {
            sql.execute(statement);
        }
        seconds.put(what, (System.nanoTime() - start) / 1e9);
    }
}
