package platformdb.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import platformdb.liquibase.Declarations;

/**
 * Security and integrity rules checked on a deployed catalog (rules in changelog/declarations/catalog-lint.yaml): each rule is a named query returning the offending objects.
 */
public final class CatalogLint {

    /** One rule: its name, why it exists, and the query listing what breaks it. */
    public record Rule(String name, String why, String sql) {
    }

    /** An object that breaks a rule. */
    public record Violation(String rule, String object, String problem) {
        @Override
        public String toString() {
            return rule + ": " + object + ": " + problem;
        }
    }

    public static final List<Rule> RULES = load();

    private CatalogLint() {
    }

    public static List<Violation> check(Connection connection) {
        List<Violation> violations = new ArrayList<>();
        for (Rule rule : RULES) {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(rule.sql())) {
                while (rows.next()) {
                    violations.add(new Violation(rule.name(), rows.getString(1), rows.getString(2)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("catalog lint rule " + rule.name() + " failed to run: " + e.getMessage(), e);
            }
        }
        return violations;
    }

    @SuppressWarnings("unchecked")
    private static List<Rule> load() {
        List<Map<String, String>> entries = new Yaml().load(Declarations.read(Declarations.CATALOG_LINT));
        return entries.stream().map(entry -> new Rule(entry.get("rule"), entry.get("why"), entry.get("sql"))).toList();
    }
}
