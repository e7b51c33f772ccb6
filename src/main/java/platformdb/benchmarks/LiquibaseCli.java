package platformdb.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Liquibase as a deployer runs it: {@code scripts/liquibase} (the project's classpath, with its Liquibase
 * extensions), one process per command, so a measured wall time includes whatever the project adds to it.
 */
final class LiquibaseCli {

    static final String DEPLOY_APPLICATION_NAME = "benchmark-deploy";

    private final Path root;
    private final BenchmarkServer server;
    private final Path logs;

    LiquibaseCli(Path root, BenchmarkServer server, Path logs) {
        this.root = root;
        this.server = server;
        this.logs = logs;
    }

    /** Runs {@code scripts/liquibase <arguments>} against {@code database}; the deploy's connections are named. */
    ProcessRun run(String database, String... arguments) {
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/liquibase").toString()));
        command.addAll(List.of(arguments));
        command.add("--url=" + server.jdbcUrl(database) + "?ApplicationName=" + DEPLOY_APPLICATION_NAME);
        command.add("--username=" + server.user());
        command.add("--password=" + server.password());
        return ProcessRun.of(root, logs, command);
    }

    /** {@code scripts/liquibase --version}: the deployer's start-up alone, no database, no changelog. */
    ProcessRun version() {
        return ProcessRun.of(root, logs, List.of(root.resolve("scripts/liquibase").toString(), "--version"));
    }

    /** Runs {@code scripts/preview <kind> [argument]} against {@code database}: the path of the written SQL file. */
    Path preview(String database, Path directory, String... kindAndArgument) {
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/preview").toString()));
        command.addAll(List.of(kindAndArgument));
        command.add("--url=" + server.jdbcUrl(database));
        command.add("--username=" + server.user());
        command.add("--password=" + server.password());
        ProcessRun run = ProcessRun.of(root, logs, command, "PREVIEW_DIR", directory.toString());
        if (!run.succeeded()) {
            throw new IllegalStateException("scripts/preview " + String.join(" ", kindAndArgument) + " failed: " + run.lastError());
        }
        try {
            return Path.of(Files.readString(run.output()).strip().lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies changesets up to and including {@code tag}, unmeasured; fails loudly. */
    void updateToTag(String database, String tag) {
        ProcessRun run = run(database, "update-to-tag", "--tag=" + tag);
        if (!run.succeeded()) {
            throw new IllegalStateException("update-to-tag " + tag + " on " + database + " failed: " + run.lastError());
        }
    }

    void update(String database) {
        ProcessRun run = run(database, "update");
        if (!run.succeeded()) {
            throw new IllegalStateException("update on " + database + " failed: " + run.lastError());
        }
    }
}
