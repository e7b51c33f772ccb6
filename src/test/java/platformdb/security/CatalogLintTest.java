package platformdb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** The catalog lint passes on the fully updated schema, and each rule rejects its known-bad fixture. */
class CatalogLintTest {

    private static final Path FIXTURES = Changelog.PROJECT_ROOT.resolve("src/test/resources/fixtures/catalog-lint");

    @Test
    void theFullyUpdatedSchemaKeepsEveryRule() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            try (Connection connection = database.connect()) {
                List<CatalogLint.Violation> violations = CatalogLint.check(connection);
                assertEquals(List.of(), violations, () -> "catalog lint:\n" + String.join("\n",
                        violations.stream().map(CatalogLint.Violation::toString).toList()));
            }
        }
    }

    @Test
    void aGoodFixtureKeepsEveryRule() throws IOException, SQLException {
        assertEquals(List.of(), violationsOf("good.sql"));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleRejectsItsBadFixture() {
        return CatalogLint.RULES.stream().map(rule -> DynamicTest.dynamicTest(rule.name(), () -> {
            List<CatalogLint.Violation> violations = violationsOf(rule.name() + ".sql");
            assertFalse(violations.isEmpty(), "rule " + rule.name() + " found nothing wrong in its bad fixture");
            assertTrue(violations.stream().allMatch(v -> v.rule().equals(rule.name())),
                    "the fixture of " + rule.name() + " should break that rule only, got: " + violations);
        }));
    }

    private static List<CatalogLint.Violation> violationsOf(String fixture) throws IOException, SQLException {
        try (FreshDatabase database = FreshDatabase.create()) {
            database.execute(Files.readString(FIXTURES.resolve("prelude.sql")));
            database.execute(Files.readString(FIXTURES.resolve(fixture)));
            try (Connection connection = database.connect()) {
                return CatalogLint.check(connection);
            }
        }
    }
}
