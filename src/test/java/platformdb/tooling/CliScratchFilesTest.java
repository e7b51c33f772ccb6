package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.postgres.FreshDatabase;

/**
 * scripts/liquibase keeps its scratch files (the error report, the progress pipe) in a folder of its own per run.
 * A run killed with SIGKILL cannot remove its folder (no trap runs); the next run removes it, so an incident's
 * kills do not pile up files in /tmp (they did: about ten per suite run before).
 */
class CliScratchFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aRunKilledWithSigkillLeavesItsScratchFolderAndTheNextRunRemovesIt() throws Exception {
        try (FreshDatabase database = FreshDatabase.create()) {
            Cli cli = Cli.against(database).with("TMPDIR", tmp.toString());
            Process killed = cli.startMerged(List.of(Cli.ROOT.resolve("scripts/liquibase").toString(), "status"));
            Cli.drain(killed.getInputStream());
            Path folder = awaitScratchFolder(killed);
            killed.descendants().forEach(ProcessHandle::destroyForcibly);
            killed.destroyForcibly();
            assertTrue(killed.waitFor(1, TimeUnit.MINUTES));
            assertTrue(Files.exists(folder.resolve("progress")), "the killed run left its folder: nothing of it could clean up");

            cli.liquibase("status").assertSucceeded();
            assertEquals(List.of(), runFolders(folder.getParent()), "the next run removed the killed run's folder, and its own");
        }
    }

    /** The killed run's folder, {@code $TMPDIR/platformdb-liquibase-<uid>/<pid of the script>}, once its pipe exists. */
    private Path awaitScratchFolder(Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && run.isAlive()) {
            try (Stream<Path> scratch = Files.exists(tmp) ? Files.list(tmp) : Stream.empty()) {
                for (Path perUser : scratch.toList()) {
                    Path folder = perUser.resolve(String.valueOf(run.pid()));
                    if (Files.exists(folder.resolve("progress"))) {
                        return folder;
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new AssertionError("scripts/liquibase never made its scratch folder under " + tmp);
    }

    private static List<Path> runFolders(Path scratch) throws Exception {
        try (Stream<Path> runs = Files.list(scratch)) {
            return runs.toList();
        }
    }
}
