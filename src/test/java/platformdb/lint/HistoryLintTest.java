package platformdb.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.history.Ledger;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.FixtureChangelog;

class HistoryLintTest {

    static final String FIXTURES = "fixtures/history-lint/";
    private static final Ledger NOTHING_EXEMPT = fixtureLedger("no-exemption.tsv");

    @Test
    void theChangelogsNewChangesetsFollowTheHistoryRules() {
        List<String> problems = HistoryLint.check(Changelog.master().changeSets(), Ledger.project());
        assertEquals(List.of(), problems, () -> "history lint:\n" + String.join("\n", problems));
    }

    @Test
    void aGoodFixtureHasNoProblems() {
        assertEquals(List.of(), HistoryLint.check(changeSets("good"), NOTHING_EXEMPT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            index-not-concurrent            | changelog/release-two.yaml: changeset create-index-a-x: builds index public.idx_a_x on public.a (a table of release one) without CONCURRENTLY
            index-concurrent-in-transaction | changelog/release-two.yaml: changeset create-index-a-x: builds index public.idx_a_x on public.a (a table of release one) concurrently inside a transaction
            constraint-validated-at-once    | changelog/release-two.yaml: changeset add-check-a-x: adds a check constraint a_x_check to public.a (a table of release one) that checks every row
            constraint-never-validated      | changelog/release-two.yaml: changeset add-check-a-x: adds a check constraint a_x_check to public.a (a table of release one) NOT VALID, but the following changeset does not validate it
            own-lock-timeout                | changelog/release-two.yaml: changeset add-column-a-note: sets its own lock_timeout
            ddl-outside-transaction         | changelog/release-two.yaml: changeset add-column-a-note: runs `alter table public.a add column if not exists note text` on public.a (a table of release one) with runInTransaction: false
            """)
    void aBreachOfAHistoryRuleIsRejected(String fixture, String expectedProblem) {
        List<String> problems = HistoryLint.check(changeSets(fixture), NOTHING_EXEMPT);
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expectedProblem) && problem.endsWith(HistoryLint.EXEMPTION)),
                () -> "expected a problem starting with \"" + expectedProblem + "\", got:\n" + String.join("\n", problems));
    }

    @Test
    void aChangesetTheLedgerExemptsIsNotChecked() {
        assertEquals(List.of(), HistoryLint.check(changeSets("index-not-concurrent"), fixtureLedger("exempt-index.tsv")));
    }

    static List<liquibase.changelog.ChangeSet> changeSets(String fixture) {
        return FixtureChangelog.of(FIXTURES + fixture + "/" + Changelog.MASTER).changeSets();
    }

    private static Ledger fixtureLedger(String name) {
        return Ledger.read(FixtureChangelog.RESOURCES.resolve(FIXTURES + name));
    }
}
