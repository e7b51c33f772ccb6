package platformdb.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.liquibase.Changelog;

class ChangelogLintTest {

    private static final Path FIXTURES = Changelog.PROJECT_ROOT.resolve("src/test/resources/fixtures/lint");

    @Test
    void theRealChangelogHasNoProblems() {
        List<String> problems = ChangelogLint.check(Changelog.PROJECT_ROOT, Changelog.MASTER);
        assertEquals(List.of(), problems, () -> "changelog lint:\n" + String.join("\n", problems));
    }

    @Test
    void aGoodFixtureHasNoProblems() {
        assertEquals(List.of(), ChangelogLint.check(FIXTURES.resolve("good"), Changelog.MASTER));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing-rollback  | changelog/tables.yaml: changeset create-table-b: no explicit rollback
            empty-rollback    | changelog/tables.yaml: changeset create-table-b: no explicit rollback
            missing-comment   | changelog/tables.yaml: changeset create-table-b: no comment
            duplicate-id      | changelog/more.yaml: changeset create-table-a: id already used in changelog/tables.yaml
            missing-include   | changelog/db.changelog-master.yaml: includes absent.yaml, which does not exist
            orphan-file       | changelog/forgotten.yaml: not included by changelog/db.changelog-master.yaml
            included-twice    | changelog/tables.yaml: included 2 times
            missing-logical-file-path | changelog/tables.yaml: no logicalFilePath; make the first entry
            foreign-logical-file-path | changelog/copied.yaml: logicalFilePath is changelog/tables.yaml, not the file's own path
            changelog-in-declarations | changelog/declarations/hidden.yaml: a changelog in changelog/declarations/, which holds declarations only
            adopted-changelog-with-more | changelog/adoption/point-adopted.yaml: the changelog of an adopted database includes changelog/adoption/point.yaml, then changelog/db.changelog-master.yaml, and nothing else
            """)
    void badFixtureIsRejectedWithFileAndIdNamed(String fixture, String expectedProblem) {
        List<String> problems = ChangelogLint.check(FIXTURES.resolve(fixture), Changelog.MASTER);
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expectedProblem)),
                () -> "expected a problem starting with \"" + expectedProblem + "\", got:\n" + String.join("\n", problems));
    }
}
