package platformdb.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.FixtureChangelog;

/**
 * The lint's entry point (scripts/lint) runs every rule: on a known-bad project it finds one problem of each, a line
 * each naming the file and the changeset, with status 1; on the project's changelog nothing, status 0; where it
 * cannot run, status 2 and why.
 */
class LintCommandTest {

    private static final Path BAD = FixtureChangelog.RESOURCES.resolve("fixtures/lint-command/bad");

    private record Run(int status, List<String> out, String err) {
    }

    private static Run lint(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LintCommand.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aKnownBadProjectHasAFindingOfEveryRuleOnALineEach() {
        Run run = lint(BAD.toString());
        assertEquals(LintCommand.FINDINGS, run.status(), run::toString);
        List<String> expected = List.of(
                "changelog/release-one.yaml: changeset create-table-b: no comment",
                "changelog/release-two.yaml: changeset create-index-a-x: builds index public.idx_a_x on public.a (a table of release one) without CONCURRENTLY",
                "changelog/release-two.yaml: changeset create-table-c: runInTransaction: false, so a crash re-runs it whole",
                "changelog/release-one.yaml::create-table-a::fixture: checksum 9:",
                "changelog/release-one.yaml::create-table-b::fixture: not in the ledger",
                "changelog/release-one.yaml::tag-release-one::fixture: not in the ledger",
                "changelog/release-two.yaml::create-index-a-x::fixture: not in the ledger",
                "changelog/release-two.yaml::create-table-c::fixture: not in the ledger");
        assertEquals(expected.size(), run.out().size(), run::toString);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(run.out().get(i).startsWith(expected.get(i)), "line " + (i + 1) + ": expected \"" + expected.get(i) + "...\", got: " + run.out().get(i));
        }
        assertTrue(run.err().startsWith("lint: 8 finding(s) in "), run::toString);
    }

    @Test
    void theProjectsChangelogHasNoFinding() {
        Run run = lint();
        assertEquals(new Run(LintCommand.CLEAN, List.of(), "lint: no findings in " + Changelog.PROJECT_ROOT.resolve(Changelog.MASTER) + System.lineSeparator()), run);
    }

    @Test
    void aFolderWithoutAChangelogCannotBeLinted() {
        Run run = lint(BAD.resolve("changelog").toString());
        assertEquals(LintCommand.COULD_NOT_RUN, run.status(), run::toString);
        assertEquals(List.of(), run.out());
        assertTrue(run.err().startsWith("lint: could not run on " + BAD.resolve("changelog") + ": no changelog "), run::toString);
    }

    @Test
    void aMissingIncludeIsAFindingEvenThoughLiquibaseCannotParseTheRest() {
        Run run = lint(FixtureChangelog.RESOURCES.resolve("fixtures/lint/missing-include").toString());
        assertEquals(LintCommand.FINDINGS, run.status(), run::toString);
        assertTrue(run.out().get(0).startsWith("changelog/db.changelog-master.yaml: includes absent.yaml, which does not exist"), run::toString);
    }
}
