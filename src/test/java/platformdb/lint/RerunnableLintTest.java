package platformdb.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.liquibase.Changelog;

class RerunnableLintTest {

    @Test
    void everyNonTransactionalChangesetIsRerunnableLandedOnesIncluded() {
        List<String> problems = RerunnableLint.check(Changelog.master().changeSets());
        assertEquals(List.of(), problems, () -> "re-runnability:\n" + String.join("\n", problems));
    }

    @Test
    void aGoodFixtureHasNoProblems() {
        assertEquals(List.of(), RerunnableLint.check(HistoryLintTest.changeSets("good")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            index-not-rerunnable     | changelog/release-two.yaml: changeset create-index-a-x: runInTransaction: false, so a crash re-runs it whole, but `create index concurrently if not exists idx_a_x on public.a (x)` is not re-runnable: a failed build leaves an INVALID index
            statement-not-rerunnable | changelog/release-two.yaml: changeset create-table-c: runInTransaction: false, so a crash re-runs it whole, but `create table public.c (id int primary key)` is not re-runnable
            """)
    void aStatementThatFailsTheSecondTimeIsRejected(String fixture, String expectedProblem) {
        List<String> problems = RerunnableLint.check(HistoryLintTest.changeSets(fixture));
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expectedProblem)),
                () -> "expected a problem starting with \"" + expectedProblem + "\", got:\n" + String.join("\n", problems));
    }
}
