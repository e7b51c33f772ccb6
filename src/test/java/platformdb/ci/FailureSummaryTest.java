package platformdb.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .ci/FailureSummary.java, run as .ci/run runs it (one JVM start: it compiles itself), on a fixture report of one
 * passing test, one failed assertion (a two-line message under JUnit's frames) and one error; the same report,
 * dated before the run began, in a second folder must be ignored.
 */
class FailureSummaryTest {

    private static final Path REPORT = Path.of("src/test/resources/fixtures/ci/reports/TEST-platformdb.demo.DemoTest.xml");

    @Test
    void namesEachFailedTestOfThisRunWithItsMessageAndWhereItFailed(@TempDir Path reports) throws Exception {
        Instant runStarted = Instant.now().minus(1, ChronoUnit.MINUTES);
        Path fresh = Files.createDirectories(reports.resolve("fresh"));
        Path stale = Files.createDirectories(reports.resolve("stale"));
        Files.copy(REPORT, fresh.resolve(REPORT.getFileName()));
        Files.setLastModifiedTime(Files.copy(REPORT, stale.resolve(REPORT.getFileName())),
                FileTime.from(runStarted.minus(1, ChronoUnit.HOURS)));

        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, ".ci/FailureSummary.java", String.valueOf(runStarted.getEpochSecond()),
                fresh.toString(), stale.toString(), reports.resolve("absent").toString()).redirectErrorStream(true).start();
        String summary = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the summary finished");
        assertEquals(0, process.exitValue(), summary);

        assertTrue(summary.contains("=== .ci/run: 2 tests failed"), "the stale copy is not counted:\n" + summary);
        assertTrue(summary.contains("""
                * platformdb.demo.DemoTest.comparesTheSnapshots (FAILED, 0.5 s)
                    org.opentest4j.AssertionFailedError: the deploy completed by itself:
                    table public.x: column a differs ==> expected: <true> but was: <false>
                    at platformdb.demo.DemoTest.comparesTheSnapshots(DemoTest.java:42)
                * platformdb.demo.DemoTest.connects (ERROR, 0.2 s)
                    java.lang.IllegalStateException: boom
                    at platformdb.demo.DemoTest.connects(DemoTest.java:50)
                """), "each failure, its whole message and the test's own frame, not JUnit's:\n" + summary);
        assertFalse(summary.contains("passes"), "a passing test is not listed:\n" + summary);
    }
}
