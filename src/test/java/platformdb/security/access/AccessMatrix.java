package platformdb.security.access;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;
import platformdb.fixtures.RowRecipe;
import platformdb.fixtures.RowRecipes;
import platformdb.liquibase.Declarations;

/**
 * The access matrix (changelog/declarations/access-matrix.yaml): for every table in public,
 * which actor may do which action on which rows, and how to make a row ({@link RowRecipes}); for every function,
 * who may execute it.
 */
public final class AccessMatrix {

    public static final List<String> ACTORS = List.of("anon", "owner", "other", "admin", "service_role");
    public static final List<String> ACTIONS = List.of("select", "insert", "update", "delete");

    /** One table's declared access and its row recipe. */
    public record Table(String name, Map<String, Map<String, Object>> grants, RowRecipe recipe,
                        boolean adminInsertsOwnRows, String knownIssue, String updateSet, String handOver) {

        /** true, false, or "where <predicate>" for this actor and action. */
        public Object scope(String actor, String action) {
            return grants.get(actor).getOrDefault(action, false);
        }
    }

    /** One function's declared EXECUTE privileges. */
    public record Function(String signature, boolean definer, List<String> execute) {
    }

    private final Map<String, Table> tables;
    private final Map<String, Function> functions;

    private AccessMatrix(Map<String, Table> tables, Map<String, Function> functions) {
        this.tables = tables;
        this.functions = functions;
    }

    public static AccessMatrix load() {
        return parse(Declarations.read(Declarations.ACCESS_MATRIX));
    }

    @SuppressWarnings("unchecked")
    public static AccessMatrix parse(String yamlText) {
        Map<String, Object> root;
        try (Reader reader = new StringReader(yamlText)) {
            root = new Yaml().load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> defaults = map(root.get("defaults"));
        Map<String, Object> profiles = map(root.get("profiles"));
        Map<String, RowRecipe> recipes = RowRecipes.parse(root);
        Map<String, Table> tables = new TreeMap<>();
        for (Map.Entry<String, Object> entry : map(root.get("tables")).entrySet()) {
            Map<String, Object> spec = map(entry.getValue());
            Map<String, Object> profile = spec.containsKey("profile") ? map(profiles.get(spec.get("profile"))) : Map.of();
            if (spec.containsKey("profile") && !profiles.containsKey(spec.get("profile"))) {
                throw new IllegalStateException(entry.getKey() + ": unknown profile " + spec.get("profile"));
            }
            Map<String, Map<String, Object>> grants = new LinkedHashMap<>();
            for (String actor : ACTORS) {
                Object declared = spec.containsKey(actor) ? spec.get(actor)
                        : profile.containsKey(actor) ? profile.get(actor) : defaults.get(actor);
                grants.put(actor, grant(entry.getKey(), actor, declared));
            }
            tables.put(entry.getKey(), new Table(entry.getKey(), grants, recipes.get(entry.getKey()),
                    Boolean.TRUE.equals(spec.get("adminInsertsOwnRows")), (String) spec.get("knownIssue"), (String) spec.get("update"), (String) spec.get("handOver")));
        }
        Map<String, Function> functions = new TreeMap<>();
        Map<String, Object> functionDefaults = map(root.get("functionDefaults"));
        for (Map.Entry<String, Object> entry : map(root.get("functions")).entrySet()) {
            Map<String, Object> spec = map(entry.getValue());
            List<String> execute = (List<String>) spec.getOrDefault("execute", functionDefaults.getOrDefault("execute", List.of()));
            functions.put(entry.getKey(), new Function(entry.getKey(), Boolean.TRUE.equals(spec.get("definer")), List.copyOf(execute)));
        }
        return new AccessMatrix(tables, functions);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> grant(String table, String actor, Object declared) {
        Map<String, Object> grant = new LinkedHashMap<>();
        if (declared instanceof List<?> list) {
            for (Object action : list) {
                grant.put(checkedAction(table, actor, action), true);
            }
        } else if (declared instanceof Map<?, ?> scoped) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) scoped).entrySet()) {
                Object scope = e.getValue();
                if (!(scope instanceof Boolean) && !(scope instanceof String s && s.trim().toLowerCase().startsWith("where "))) {
                    throw new IllegalStateException(table + "." + actor + "." + e.getKey() + ": scope must be true, false or 'where ...'");
                }
                grant.put(checkedAction(table, actor, e.getKey()), scope);
            }
        } else if (declared != null) {
            throw new IllegalStateException(table + "." + actor + ": a list of actions or a map action -> scope");
        }
        return grant;
    }

    private static String checkedAction(String table, String actor, Object action) {
        if (!ACTIONS.contains(String.valueOf(action))) {
            throw new IllegalStateException(table + "." + actor + ": unknown action " + action);
        }
        return String.valueOf(action);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    public Map<String, Table> tables() {
        return tables;
    }

    public Map<String, Function> functions() {
        return functions;
    }
}
