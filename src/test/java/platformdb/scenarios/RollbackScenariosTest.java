package platformdb.scenarios;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.FixtureChangelog;

class RollbackScenariosTest {

    private static final Path FIXTURES = Changelog.PROJECT_ROOT.resolve("src/test/resources/fixtures/scenarios");

    @Test
    void everyScenarioInRollbackTestsHolds() {
        List<RollbackScenario> scenarios = RollbackScenario.loadAll(Changelog.PROJECT_ROOT.resolve("rollback-tests"));
        assertFalse(scenarios.isEmpty(), "rollback-tests/ holds no scenario");
        new ScenarioWalk(Changelog.master(), scenarios).run();
    }

    @Test
    void goodFixtureScenariosHold() {
        assertDoesNotThrow(() -> walk("good-changelog.yaml", "keeps-rows.yaml", "refuses-and-keeps-rows.yaml"));
    }

    @Test
    void aRollbackThatLosesRowsIsCaughtWithoutAScenarioOfItsOwn() {
        AssertionError failure = assertThrows(AssertionError.class, () -> walk("bad-changelog.yaml", "keeps-rows.yaml"));
        assertTrue(failure.getMessage().contains("add-notes-title-losing-rows")
                && failure.getMessage().contains("its rollback did not give back the rows of public.notes"), failure.getMessage());
    }

    /** The checker proves itself: each scenario below describes what a bad rollback breaks, and must fail. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rows-lost-by-rollback.yaml  | after rollback, rows are missing
            refusal-expected.yaml       | expected the rollback to refuse
            refusal-with-other-text.yaml| the rollback failed, but not with
            unknown-changeset.yaml      | does not have: [no-such-changeset]
            """)
    void badRollbackIsCaught(String scenario, String expected) {
        AssertionError failure = assertThrows(AssertionError.class, () -> walk("bad-changelog.yaml", scenario));
        assertTrue(failure.getMessage().contains(expected), "expected \"" + expected + "\" in:\n" + failure.getMessage());
    }

    private static void walk(String changelog, String... scenarios) {
        List<RollbackScenario> loaded = Arrays.stream(scenarios)
                .map(name -> RollbackScenario.load(FIXTURES.resolve("scenarios").resolve(name), "fixtures/scenarios/" + name))
                .toList();
        new ScenarioWalk(FixtureChangelog.of("fixtures/scenarios/" + changelog), loaded).run();
    }
}
