package platformdb.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.FixtureChangelog;

/**
 * Every landed changeset keeps its identity (file path, id, author), its checksum as computed by the current
 * Liquibase, and its place in the deployment order; every newer changeset is in the ledger too.
 */
class LandedChangesetsTest {

    private static final String FIXTURES = "fixtures/history/";
    private static final Ledger FIXTURE_LEDGER = Ledger.read(
            FixtureChangelog.RESOURCES.resolve(FIXTURES + "ledger.tsv"));

    @Test
    void theChangelogKeepsEveryLandedChangesetAndRecordsEveryNewOne() {
        List<String> problems = LandedChangesets.problems(Changelog.master().changeSets(), Ledger.project(), Ledger.RELATIVE_PATH);
        assertEquals(List.of(), problems, () -> "changesets against the ledger:\n" + String.join("\n", problems));
    }

    @Test
    void theLedgerHoldsEveryRowRecordedFromMain() {
        assertTrue(Ledger.project().rows().size() >= 494, "the ledger lost rows: never remove one");
    }

    @Test
    void aGoodFixtureMatchesItsLedger() {
        assertEquals(List.of(), problemsOf("good"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            edited-changeset   | changelog/tables.yaml::create-table-b::fixture: checksum 9:
            renamed-id         | changelog/tables.yaml::create-table-b::fixture: landed (in
            moved-logical-path | changelog/tables.yaml::create-table-a::fixture: landed (in
            inserted-between   | deployment order: changeset 2 is changelog/tables.yaml::create-table-c::fixture
            unrecorded-new     | changelog/tables.yaml::create-table-c::fixture: not in the ledger
            """)
    void aChangeToHistoryIsRejected(String fixture, String expectedProblem) {
        List<String> problems = problemsOf(fixture);
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expectedProblem)),
                () -> "expected a problem starting with \"" + expectedProblem + "\", got:\n" + String.join("\n", problems));
    }

    @Test
    void theMessageForANewChangesetGivesTheRowToAppend() {
        List<String> problems = problemsOf("unrecorded-new");
        assertEquals(1, problems.size(), () -> String.join("\n", problems));
        assertTrue(problems.get(0).contains("in deployment order): changelog/tables.yaml\tcreate-table-c\tfixture\t9:"), problems.get(0));
        assertEquals(1, problems.get(0).lines().count(), "one line: " + problems.get(0));
    }

    private static List<String> problemsOf(String fixture) {
        Changelog changelog = FixtureChangelog.of(FIXTURES + fixture + "/" + Changelog.MASTER);
        return LandedChangesets.problems(changelog.changeSets(), FIXTURE_LEDGER, FIXTURES + "ledger.tsv");
    }

}
