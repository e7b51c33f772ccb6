package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/lint}, as the pull-request workflow runs it: silent with status 0 on the project's changelog, and on
 * a known-bad project one line per finding, naming file and changeset, with status 1.
 */
class LintScriptTest {

    private static final String BAD = "src/test/resources/fixtures/lint-command/bad";

    @Test
    void theProjectsChangelogPassesWithStatusZeroAndNoFinding() {
        Cli.Result lint = Cli.withoutDatabase().run(List.of(Cli.ROOT.resolve("scripts/lint").toString()));
        assertEquals(0, lint.exitCode(), lint.describe());
        assertEquals("", lint.stdout(), lint.describe());
        assertEquals(List.of("lint: no findings in " + Cli.ROOT.resolve("changelog/db.changelog-master.yaml")), lint.stderrLines(), lint.describe());
    }

    @Test
    void aKnownBadProjectFailsWithStatusOneAndALinePerFinding() {
        Cli.Result lint = Cli.withoutDatabase().run(List.of(Cli.ROOT.resolve("scripts/lint").toString(), BAD));
        assertEquals(1, lint.exitCode(), lint.describe());
        List<String> findings = lint.stdout().lines().toList();
        assertEquals(8, findings.size(), lint.describe());
        assertTrue(findings.stream().allMatch(line -> line.matches("changelog/release-(one|two)\\.yaml(: changeset |::)[a-z-]+.*")),
                lint.describe());
        assertEquals(List.of("lint: 8 finding(s) in " + Cli.ROOT.resolve(BAD).resolve("changelog/db.changelog-master.yaml")),
                lint.stderrLines(), lint.describe());
    }
}
