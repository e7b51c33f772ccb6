package platformdb.traceability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/** Every object the seeds name is mapped to a changeset that exists and to a schema object present after update. */
class SeedMapTest {

    private static final java.nio.file.Path SEED_MAP = Changelog.PROJECT_ROOT.resolve("docs/seed-map.md");

    @Test
    void everyRowNamesAnExistingChangesetAndObject() {
        List<String> problems = problemsOf(SEED_MAP);
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @Test
    void aBadSeedMapIsRejectedRowByRow() {
        List<String> problems = problemsOf(Changelog.PROJECT_ROOT.resolve("src/test/resources/fixtures/seed-map/bad-seed-map.md"));
        assertEquals(4, problems.size(), () -> String.join("\n", problems));
        assertTrue(problems.get(0).contains("no changeset with id create-table-nowhere"), problems.get(0));
        assertTrue(problems.get(1).contains("no such table after update"), problems.get(1));
        assertTrue(problems.get(2).contains("no such policy after update"), problems.get(2));
        assertTrue(problems.get(3).contains("no such function after update"), problems.get(3));
    }

    private static List<String> problemsOf(java.nio.file.Path seedMap) {
        List<SeedMap.Row> rows = SeedMap.read(seedMap);
        assertFalse(rows.isEmpty(), seedMap + " has no rows");
        Set<String> ids = Changelog.master().changeSets().stream().map(cs -> cs.getId()).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        try (FreshDatabase database = DeployedSchema.freshDatabase(); Connection connection = database.connect()) {
            for (SeedMap.Row row : rows) {
                if (!ids.contains(row.changeSet())) {
                    problems.add(row + ": no changeset with id " + row.changeSet());
                }
                if (!row.needsNoObject() && !exists(connection, row)) {
                    problems.add(row + ": no such " + row.kind() + " after update");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return problems;
    }

    static boolean exists(Connection connection, SeedMap.Row row) {
        String[] named = SeedMap.namedOnTable(row.target());
        String name = SeedMap.leadingName(row.target());
        if (row.isRowLevelSecurity()) {
            return query(connection, "select coalesce((select relrowsecurity from pg_class where oid = to_regclass(?)), false)", name);
        }
        return switch (row.kind()) {
            case "table", "view", "index", "sequence" -> query(connection, "select to_regclass(?) is not null", name);
            case "enum", "type", "domain" -> query(connection, "select to_regtype(?) is not null", name);
            case "extension" -> query(connection, "select exists (select 1 from pg_extension where extname = ?)",
                    name.substring(name.lastIndexOf('.') + 1));
            case "function", "procedure" -> query(connection,
                    "select exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
                            + " where n.nspname || '.' || p.proname = ?)", name);
            case "column" -> query(connection,
                    "select exists (select 1 from pg_attribute a where a.attrelid = to_regclass(split_part(?, '.', 1) || '.' || split_part(?, '.', 2))"
                            + " and a.attname = split_part(?, '.', 3) and not a.attisdropped)", name, name, name);
            case "policy" -> named != null && query(connection,
                    "select exists (select 1 from pg_policy where polname = ? and polrelid = to_regclass(?))", named[0], named[1]);
            case "trigger" -> named != null && query(connection,
                    "select exists (select 1 from pg_trigger where tgname = ? and tgrelid = to_regclass(?))", named[0], named[1]);
            case "constraint" -> named != null && query(connection,
                    "select exists (select 1 from pg_constraint where conname = ? and conrelid = to_regclass(?))", named[0], named[1]);
            default -> false;
        };
    }

    /** False also when the name cannot be read as a name: the row is then reported. */
    private static boolean query(Connection connection, String sql, String... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
