package platformdb.drift;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import platformdb.catalog.CatalogSnapshot;
import platformdb.drift.CatalogLedger.ExpectedCatalog;
import platformdb.drift.Difference.Kind;

/**
 * Compares a live catalog with the catalog the changelog produces for that database's history. Every entry the
 * changelog expects must be there and defined the same ({@link ComparisonRules}); every entry the database has
 * beyond it is either an unexpected part of an object the changelog owns (drift) or an object the changelog does
 * not know (reported; a failure only when asked).
 *
 * <p>On Supabase, Supabase's own schemas (auth, storage, realtime, extensions, ...), its roles' settings and its
 * default privileges are Supabase's: only what the changelog itself put there is compared, and the empty
 * database's own entries (schema public and its grants, which Supabase sets up) are not compared at all.
 */
public final class DriftCheck {

    public enum Mode {
        PLAIN_POSTGRES("plain PostgreSQL"), SUPABASE("Supabase");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private DriftCheck() {
    }

    public static List<Difference> compare(ExpectedCatalog expected, CatalogSnapshot live, Mode mode) {
        Map<String, String> found = live.objects();
        Map<String, String> owners = live.owningObjects();
        Map<String, String> wanted = expected.objects();
        Set<String> projectSchemas = projectSchemas(expected);
        List<Difference> differences = new ArrayList<>();
        wanted.forEach((key, description) -> {
            String changeSet = expected.definedBy().get(key);
            if (mode == Mode.SUPABASE && CatalogLedger.BASELINE.equals(changeSet)) {
                return;
            }
            String actual = found.get(key);
            if (actual == null) {
                differences.add(new Difference(Kind.MISSING, key, description, null, changeSet, null));
            } else if (!ComparisonRules.same(key, description, actual)) {
                differences.add(new Difference(Kind.CHANGED, key, description, actual, changeSet, null));
            }
        });
        found.forEach((key, description) -> {
            if (wanted.containsKey(key)) {
                return;
            }
            String owner = owners.getOrDefault(key, key);
            if (mode == Mode.SUPABASE && (!projectSchemas.contains(schemaOf(owner))
                    || CatalogLedger.BASELINE.equals(expected.definedBy().get(owner)))) {
                return;  // Supabase's: its schemas, and what it sets on schema public (grants, default privileges)
            }
            if (!owner.equals(key) && found.containsKey(owner) && !wanted.containsKey(owner)) {
                return;  // a part of an unknown object: reported with it
            }
            if (!owner.equals(key) && wanted.containsKey(owner)) {
                differences.add(new Difference(Kind.UNEXPECTED, key, null, description, expected.createdBy().get(owner), null));
            } else {
                differences.add(new Difference(Kind.UNKNOWN, key, null, description, null, null));
            }
        });
        return differences;
    }

    /** The schemas the changelog creates, and public: on Supabase, the only ones whose unknown objects are ours to report. */
    private static Set<String> projectSchemas(ExpectedCatalog expected) {
        Set<String> schemas = new HashSet<>();
        schemas.add("public");
        expected.objects().keySet().stream()
                .filter(key -> key.startsWith("schema ") && !CatalogLedger.BASELINE.equals(expected.definedBy().get(key)))
                .forEach(key -> schemas.add(schemaOf(key)));
        return schemas;
    }

    /**
     * The schema of an object entry ("relation public.t", "function private.f(uuid)", "schema auth"), unquoted;
     * null for entries outside any schema (extensions, default privileges, role settings, publications).
     */
    static String schemaOf(String objectKey) {
        int space = objectKey.indexOf(' ');
        String kind = space < 0 ? objectKey : objectKey.substring(0, space);
        if (!Set.of("relation", "function", "aggregate", "enum", "domain", "type", "schema").contains(kind)) {
            return null;
        }
        String name = objectKey.substring(space + 1);
        if (!name.startsWith("\"")) {
            int dot = name.indexOf('.');
            return dot < 0 ? name : name.substring(0, dot);
        }
        StringBuilder schema = new StringBuilder();
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                schema.append('"');
                i++;
            } else if (c == '"') {
                break;
            } else {
                schema.append(c);
            }
        }
        return schema.toString();
    }
}
