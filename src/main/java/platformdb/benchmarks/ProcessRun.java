package platformdb.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One finished child process: its exit code, wall time, and its stdout and stderr kept in files under logs/. */
record ProcessRun(int exitCode, long startNanos, long endNanos, Path output, Path errors) {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static ProcessRun of(Path directory, Path logs, List<String> command, String... environment) {
        try {
            Files.createDirectories(logs);
            String name = String.format("%03d-%s", SEQUENCE.incrementAndGet(), Path.of(command.get(0)).getFileName());
            Path output = logs.resolve(name + ".out");
            Path errors = logs.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile());
            for (int i = 0; i + 1 < environment.length; i += 2) {
                builder.environment().put(environment[i], environment[i + 1]);
            }
            long start = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            return new ProcessRun(exit, start, System.nanoTime(), output, errors);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    double wallSeconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /** The last non-blank stderr line (scripts/liquibase prints its failure as one {@code liquibase: ...} line). */
    String lastError() {
        try {
            return Files.readAllLines(errors).stream().filter(line -> !line.isBlank() && !line.startsWith("SLF4J"))
                    .reduce((a, b) -> b).orElse("exit code " + exitCode);
        } catch (IOException e) {
            return "exit code " + exitCode;
        }
    }
}
