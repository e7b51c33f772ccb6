package platformdb.drift;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What counts as the same object in the live database and in the changelog's catalog, so that an untouched deploy
 * never reports drift. The catalog snapshot already writes every object canonically (no OIDs, owners as OWNER or
 * CURRENT_USER, privileges as sorted sets, enum labels in their sort order, columns keyed by name); on top of it:
 * <ul>
 *   <li>columns are compared by name, not position: a table rebuilt or restored with its columns in another
 *   order holds the same data under the same names;</li>
 *   <li>extensions by schema, not version: the host decides the installed version (Supabase upgrades pgvector
 *   itself), the changelog decides where it lives;</li>
 *   <li>privileges without PostgreSQL 17's MAINTAIN: {@code grant all} includes it from 17 on, a grant made on 15 and
 *   carried over by pg_upgrade does not, and the changelog never grants it by name (changelog/README.md).</li>
 * </ul>
 */
public final class ComparisonRules {

    private static final Pattern COLUMN_POSITION = Pattern.compile("^position=\\d+ ");
    private static final Pattern EXTENSION_VERSION = Pattern.compile("^version=\\S* ");
    private static final Pattern MAINTAIN = Pattern.compile("MAINTAIN\\*?( by .*)?");

    private ComparisonRules() {
    }

    /** The part of an entry's description that the drift check compares. */
    public static String comparable(String key, String description) {
        if (description == null) {
            return null;
        }
        if (key.startsWith("column ")) {
            return COLUMN_POSITION.matcher(description).replaceFirst("");
        }
        if (key.startsWith("extension ")) {
            return EXTENSION_VERSION.matcher(description).replaceFirst("");
        }
        if (key.startsWith("grant on ") || key.startsWith("default privileges ")) {
            return Arrays.stream(description.split(",")).filter(privilege -> !MAINTAIN.matcher(privilege).matches())
                    .collect(Collectors.joining(","));
        }
        return description;
    }

    public static boolean same(String key, String expected, String found) {
        return comparable(key, expected).equals(comparable(key, found));
    }
}
