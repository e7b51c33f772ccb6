package platformdb.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deploy costs when it has (almost) nothing to do, against the floor of psql running the same SQL: a no-op
 * {@code update} (everything applied) and {@code rollbackCount 1} (the last release's tag row), on a copy of the
 * template updated to the end of the changelog. The SQL comes from scripts/preview (updateSQL, rollbackCountSQL);
 * after each rollback, psql re-applies the tag from a preview taken once, so every run starts from the same state.
 * Also the start-up alone ({@code --version}) against psql's. One unrecorded warm-up run of each, then {@code runs}
 * runs, interleaved.
 */
final class FixedCostsBenchmark {

    private static final String DATABASE = "bench_fixed";

    private final BenchmarkServer server;
    private final LiquibaseCli liquibase;
    private final PopulatedTemplate template;
    private final Path root;
    private final Path work;

    FixedCostsBenchmark(BenchmarkServer server, LiquibaseCli liquibase, PopulatedTemplate template, Path root, Path work) {
        this.server = server;
        this.liquibase = liquibase;
        this.template = template;
        this.root = root;
        this.work = work;
    }

    List<FixedCost> run(int runs) {
        System.err.println("benchmark: fixed costs (" + runs + " runs)");
        server.copy(template.name(), DATABASE);
        liquibase.update(DATABASE);
        Path noOpUpdate = liquibase.preview(DATABASE, work.resolve("previews/no-op-update"), "update");
        Path rollback = liquibase.preview(DATABASE, work.resolve("previews/rollback-count-1"), "rollback-count", "1");
        succeed(liquibase.run(DATABASE, "rollbackCount", "1"), "rollbackCount 1");
        Path reapply = liquibase.preview(DATABASE, work.resolve("previews/reapply"), "update");
        succeed(psql(reapply), "psql -f " + reapply);

        List<Double> update = new ArrayList<>();
        List<Double> updateFloor = new ArrayList<>();
        List<Double> rollbackCount = new ArrayList<>();
        List<Double> rollbackFloor = new ArrayList<>();
        List<Double> start = new ArrayList<>();
        List<Double> startFloor = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            boolean recorded = i > 0;
            time(liquibase.run(DATABASE, "update"), "update", update, recorded);
            time(psql(noOpUpdate), "psql no-op update", updateFloor, recorded);
            time(liquibase.run(DATABASE, "rollbackCount", "1"), "rollbackCount 1", rollbackCount, recorded);
            succeed(psql(reapply), "psql reapply");
            time(psql(rollback), "psql rollbackCount 1", rollbackFloor, recorded);
            succeed(psql(reapply), "psql reapply");
            time(liquibase.version(), "scripts/liquibase --version", start, recorded);
            time(psqlCommand("select 1"), "psql select 1", startFloor, recorded);
        }
        server.drop(DATABASE);
        return List.of(
                new FixedCost("scripts/liquibase update (nothing to apply)", "psql -f of its updateSQL preview", update, updateFloor),
                new FixedCost("scripts/liquibase rollbackCount 1 (the last tag row)", "psql -f of its rollbackCountSQL preview", rollbackCount, rollbackFloor),
                new FixedCost("scripts/liquibase --version (JVM and Liquibase start, no database, no changelog)", "psql -c 'select 1'", start, startFloor));
    }

    private ProcessRun psql(Path file) {
        return psql("-f", file.toString());
    }

    private ProcessRun psqlCommand(String sql) {
        return psql("-c", sql);
    }

    private ProcessRun psql(String option, String argument) {
        return ProcessRun.of(root, work.resolve("logs"), List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host(),
                "-p", String.valueOf(server.port()), "-U", server.user(), "-d", DATABASE, option, argument), "PGPASSWORD", server.password());
    }

    private static void time(ProcessRun run, String what, List<Double> seconds, boolean recorded) {
        succeed(run, what);
        if (recorded) {
            seconds.add(run.wallSeconds());
        }
    }

    private static void succeed(ProcessRun run, String what) {
        if (!run.succeeded()) {
            throw new IllegalStateException(what + " failed: " + run.lastError());
        }
    }
}
