package platformdb.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import platformdb.liquibase.Changelog;
import platformdb.postgres.FreshDatabase;

/**
 * The project's command-line scripts (scripts/liquibase, scripts/preview, or a shell running runbook commands)
 * run as a user runs them, from the repository root, pointed at a test database through Liquibase's
 * environment variables, which take precedence over liquibase.properties. The scripts get the test classpath,
 * so no Maven runs inside the suite; everything else is exactly what a user runs.
 */
final class Cli {

    static final Path ROOT = Changelog.PROJECT_ROOT;
    private static final long TIMEOUT_MINUTES = 5;

    private final Map<String, String> environment = new HashMap<>();
    private long timeoutMinutes = TIMEOUT_MINUTES;

    private Cli() {
        environment.put("PLATFORMDB_CLASSPATH", testClasspath());
        environment.put("LIQUIBASE_ANALYTICS_ENABLED", "false");
    }

    static Cli against(FreshDatabase database) {
        return new Cli()
                .with("LIQUIBASE_COMMAND_URL", database.jdbcUrl())
                .with("LIQUIBASE_COMMAND_USERNAME", database.server().username())
                .with("LIQUIBASE_COMMAND_PASSWORD", database.server().password());
    }

    /** For a script that needs no database (scripts/lint). */
    static Cli withoutDatabase() {
        return new Cli();
    }

    Cli with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Leaves a variable out of the command's environment (e.g. PLATFORMDB_CLASSPATH, to test a script on its own). */
    Cli without(String variable) {
        environment.put(variable, null);
        return this;
    }

    /**
     * Bounds a run that is several commands in one session (the runbook) by their number, not by one command's
     * bound: the bound is only there to stop a hung command, and a loaded machine slows every command alike.
     */
    Cli timeoutMinutes(long minutes) {
        timeoutMinutes = minutes;
        return this;
    }

    /** Runs scripts/liquibase with the arguments. */
    Result liquibase(String... arguments) {
        return run(prepend("scripts/liquibase", arguments));
    }

    /** Runs scripts/preview with the arguments. */
    Result preview(String... arguments) {
        return run(prepend("scripts/preview", arguments));
    }

    Result run(List<String> command) {
        return run(command, ROOT);
    }

    /** Runs the command in another folder (a copy of the repository). */
    Result run(List<String> command, Path directory) {
        Process process = start(command, false, directory);
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        int exitCode;
        try {
            exitCode = waitFor(process, command, timeoutMinutes);
        } catch (IllegalStateException timedOut) {
            // Killed: the output so far says which command hung, or that all were merely slow.
            throw new IllegalStateException(timedOut.getMessage() + "; its output until then:\n--- stdout:\n" + stdout.join()
                    + "\n--- stderr:\n" + stderr.join(), timedOut);
        }
        return new Result(command, exitCode, stdout.join(), stderr.join());
    }

    /** Starts the command with stderr merged into stdout, for a test that reads its output as it comes. */
    Process startMerged(List<String> command) {
        return start(command, true, ROOT);
    }


    static int waitFor(Process process, List<String> command) {
        return waitFor(process, command, TIMEOUT_MINUTES);
    }

    private static int waitFor(Process process, List<String> command, long timeoutMinutes) {
        try {
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("did not finish in " + timeoutMinutes + " minutes: " + String.join(" ", command));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static CompletableFuture<String> drain(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Process start(List<String> command, boolean mergeErrors, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(mergeErrors);
        environment.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    private static List<String> prepend(String script, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve(script).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** The classpath of this test JVM (Surefire names it apart from its booter jar). */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        String output() {
            return stdout + stderr;
        }

        List<String> stderrLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }

        /** For assertion messages. */
        String describe() {
            return String.join(" ", command) + " exited " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }

        Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("expected success: " + describe());
            }
            return this;
        }
    }
}
