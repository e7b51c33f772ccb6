package platformdb.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Applies each release after the template's tag to a fresh copy of the template (earlier releases applied first,
 * unmeasured) while the {@link Load} runs, through scripts/liquibase update-to-tag, in each {@link Scenario}.
 */
final class DeployUnderLoadBenchmark {

    static final long WARM_UP_MILLIS = 2_000;
    static final long BASELINE_MILLIS = 5_000;
    static final long AFTER_MILLIS = 3_000;
    private static final String DATABASE = "bench_deploy";

    private final BenchmarkServer server;
    private final LiquibaseCli liquibase;
    private final PopulatedTemplate template;
    private final Dataset dataset;

    DeployUnderLoadBenchmark(BenchmarkServer server, LiquibaseCli liquibase, PopulatedTemplate template, Dataset dataset) {
        this.server = server;
        this.liquibase = liquibase;
        this.template = template;
        this.dataset = dataset;
    }

    List<DeployMeasurement> run(List<String> releases) {
        List<DeployMeasurement> measurements = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            for (int i = 0; i < releases.size(); i++) {
                System.err.println("benchmark: deploy " + releases.get(i) + " (" + scenario.description() + ")");
                measurements.add(measure(releases.get(i), i == 0 ? null : releases.get(i - 1), scenario));
            }
        }
        server.drop(DATABASE);
        return measurements;
    }

    private DeployMeasurement measure(String release, String previousRelease, Scenario scenario) {
        server.copy(template.name(), DATABASE);
        if (previousRelease != null) {
            liquibase.updateToTag(DATABASE, previousRelease);
        }
        Load load = Load.start(server, DATABASE, dataset);
        pause(WARM_UP_MILLIS);
        long baselineFrom = System.nanoTime();
        pause(BASELINE_MILLIS);
        LongReadTransaction longRead = scenario == Scenario.LONG_READ_TRANSACTION ? LongReadTransaction.open(server, DATABASE) : null;
        CompletableFuture<ProcessRun> deploy = CompletableFuture.supplyAsync(() -> liquibase.run(DATABASE, "update-to-tag", "--tag=" + release));
        if (longRead != null) {
            longRead.closeAfterDeployBlocks(Scenario.LONG_TRANSACTION_MILLIS, deploy::isDone);
        }
        ProcessRun run = deploy.join();
        long afterFrom = Math.max(run.endNanos(), longRead == null ? 0 : longRead.closedNanos());
        pause(Math.max(0, AFTER_MILLIS - (System.nanoTime() - afterFrom) / 1_000_000));
        List<Sample> samples = load.stop();
        return DeployMeasurement.of(release, scenario, run, samples, baselineFrom, afterFrom);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
