package platformdb.prreview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import platformdb.liquibase.Changelog;

/**
 * A throwaway git repository laid out as the project is (its scripts/ as they are now, a changelog at
 * changelog/db.changelog-master.yaml), to run the project's scripts on commits the test makes.
 */
final class ScratchRepository {

    static final String MASTER = "changelog/db.changelog-master.yaml";
    private static final long TIMEOUT_MINUTES = 5;
    /** libpq's connection settings of the caller would point the scripts' psql elsewhere than the test says. */
    private static final Set<String> CONNECTION_VARIABLES = Set.of("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE");

    private final Path root;

    private ScratchRepository(Path root) {
        this.root = root;
    }

    /** A repository with the project's scripts and nothing committed yet. */
    static ScratchRepository in(Path folder) throws IOException {
        Path scripts = Changelog.PROJECT_ROOT.resolve("scripts");
        try (Stream<Path> files = Files.walk(scripts)) {  // scripts/ and its lib/ folder, which the scripts source
            for (Path script : files.toList()) {
                Path copy = folder.resolve("scripts").resolve(scripts.relativize(script).toString());
                if (Files.isDirectory(script)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(script, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.writeString(folder.resolve(".gitignore"), "target/\n");
        ScratchRepository repository = new ScratchRepository(folder);
        repository.run(Map.of(), "git", "init", "-q").assertSucceeded();
        return repository;
    }

    Path root() {
        return root;
    }

    /** Commits the changelog as the master changelog; returns the commit id. */
    String commitChangelog(Path changelog, String message) throws IOException {
        Files.createDirectories(root.resolve(MASTER).getParent());
        Files.copy(changelog, root.resolve(MASTER), StandardCopyOption.REPLACE_EXISTING);
        run(Map.of(), "git", "add", "-A").assertSucceeded();
        run(Map.of(), "git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message)
                .assertSucceeded();
        return run(Map.of(), "git", "rev-parse", "HEAD").assertSucceeded().stdout().strip();
    }

    /** Runs a command from the repository root with the extra environment; the caller's connection settings are not inherited. */
    Result run(Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LIQUIBASE_COMMAND_") || CONNECTION_VARIABLES.contains(name));
        builder.environment().putAll(new HashMap<>(environment));
        try {
            Process process = builder.start();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            return new Result(List.of(command), process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode
                        + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr);
            }
            return this;
        }
    }

    static List<String> linesStartingWith(String text, String prefix) {
        List<String> lines = new ArrayList<>();
        text.lines().filter(line -> line.startsWith(prefix)).forEach(lines::add);
        return lines;
    }
}
