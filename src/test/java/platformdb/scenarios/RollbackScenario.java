package platformdb.scenarios;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * One declarative rollback scenario (format: rollback-tests/README.md): rows that exist around a changeset,
 * and what must hold after it is applied and after it is rolled back.
 */
public record RollbackScenario(String file, String changeSet, String description, List<String> setUpSql,
                               Rows insertBefore, Rows insertAfterUpdate,
                               Rows afterUpdate, Rows afterRollback, String rollbackRefusedWith) {

    /** Rows by table ("schema.table"), each row a map of column to value. */
    public record Rows(Map<String, List<Map<String, Object>>> byTable) {
        static final Rows NONE = new Rows(Map.of());
    }

    private static final Set<String> KEYS = Set.of("changeset", "description", "setUpSql", "insertBefore", "insertAfterUpdate",
            "afterUpdate", "afterRollback", "rollbackRefusedWith");

    /** Every scenario file under the folder, sorted by path. */
    public static List<RollbackScenario> loadAll(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(path -> path.toString().endsWith(".yaml")).sorted()
                    .map(path -> load(path, folder.getParent().relativize(path).toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RollbackScenario load(Path path, String name) {
        Map<String, Object> yaml;
        try (Reader reader = Files.newBufferedReader(path)) {
            Object document = new Yaml().load(reader);
            if (!(document instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(name + ": a scenario is a YAML mapping (see rollback-tests/README.md)");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) document;
            yaml = map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException(name + ": unreadable YAML: " + e.getMessage(), e);
        }
        for (String key : yaml.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(name + ": unknown key '" + key + "'; known keys: " + KEYS);
            }
        }
        String changeSet = required(yaml, "changeset", name);
        String description = required(yaml, "description", name);
        Object refused = yaml.get("rollbackRefusedWith");
        return new RollbackScenario(name, changeSet, description, statements(yaml, "setUpSql", name), rows(yaml, "insertBefore", name),
                rows(yaml, "insertAfterUpdate", name), rows(yaml, "afterUpdate", name), rows(yaml, "afterRollback", name),
                refused == null ? null : refused.toString());
    }

    private static String required(Map<String, Object> yaml, String key, String name) {
        Object value = yaml.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(name + ": '" + key + "' is required");
        }
        return value.toString();
    }

    private static List<String> statements(Map<String, Object> yaml, String key, String name) {
        Object value = yaml.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(name + ": '" + key + "' must be a list of SQL statements");
        }
        return list.stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static Rows rows(Map<String, Object> yaml, String key, String name) {
        Object value = yaml.get(key);
        if (value == null) {
            return Rows.NONE;
        }
        if (!(value instanceof Map<?, ?> tables)) {
            throw new IllegalArgumentException(name + ": '" + key + "' maps table names to lists of rows");
        }
        Map<String, List<Map<String, Object>>> byTable = new LinkedHashMap<>();
        tables.forEach((table, rows) -> {
            if (!(rows instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
                throw new IllegalArgumentException(name + ": '" + key + "." + table + "' must be a list of rows (column: value)");
            }
            byTable.put(table.toString(), (List<Map<String, Object>>) rows);
        });
        return new Rows(byTable);
    }
}
