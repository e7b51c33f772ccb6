package platformdb.schemadocs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import platformdb.schemadocs.ErCatalog.Column;
import platformdb.schemadocs.ErCatalog.ForeignKey;
import platformdb.schemadocs.ErCatalog.Table;
import platformdb.schemadocs.ErCatalog.TableName;

/**
 * A Mermaid erDiagram (GitHub renders ```mermaid blocks) of some tables: their key columns (primary, foreign,
 * unique) and their foreign keys as relationships. Tables they reference elsewhere appear by name only. Every
 * other column is in structure.sql: a diagram with every column of a domain would be too large to read.
 */
final class MermaidErDiagram {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern TYPE_MODIFIERS = Pattern.compile("\\([^)]*\\)");

    private MermaidErDiagram() {
    }

    static String of(List<Table> tables) {
        StringBuilder diagram = new StringBuilder("```mermaid\nerDiagram\n");
        for (Table table : tables) {
            List<String> attributes = new ArrayList<>();
            for (Column column : table.columns()) {
                String keys = keys(table, column.name());
                if (!keys.isEmpty()) {
                    attributes.add("        " + type(column.type()) + " " + column.name() + " " + keys);
                }
            }
            if (attributes.isEmpty()) {
                diagram.append("    ").append(entity(table.name())).append('\n');
            } else {
                diagram.append("    ").append(entity(table.name())).append(" {\n");
                attributes.forEach(attribute -> diagram.append(attribute).append('\n'));
                diagram.append("    }\n");
            }
        }
        for (Table table : tables) {
            for (ForeignKey key : table.foreignKeys()) {
                diagram.append("    ").append(relationship(table, key)).append('\n');
            }
        }
        return diagram.append("```\n").toString();
    }

    /** Mermaid identifies entities by name; a name with a dot (another schema) must be quoted. */
    static String entity(TableName name) {
        String shown = name.schema().equals("public") ? name.name() : name.qualified();
        return PLAIN_NAME.matcher(shown).matches() ? shown : "\"" + shown + "\"";
    }

    /**
     * Crow's foot from the referenced table to the referencing one: exactly one parent when the key columns are
     * not null, at most one child when they are unique in the child, else many.
     */
    private static String relationship(Table child, ForeignKey key) {
        boolean required = key.columns().stream().allMatch(column -> child.column(column).notNull());
        boolean oneChild = child.isUnique(key.columns());
        return entity(key.to()) + " " + (required ? "||" : "|o") + "--" + (oneChild ? "o|" : "o{") + " "
                + entity(child.name()) + " : \"" + String.join(", ", key.columns()) + "\"";
    }

    private static String keys(Table table, String column) {
        Set<String> keys = new LinkedHashSet<>();
        if (table.primaryKey().contains(column)) {
            keys.add("PK");
        }
        if (table.foreignKeys().stream().anyMatch(key -> key.columns().contains(column))) {
            keys.add("FK");
        }
        if (table.uniqueKeys().stream().anyMatch(unique -> unique.contains(column))) {
            keys.add("UK");
        }
        return String.join(", ", keys);
    }

    /** A one-word type, as Mermaid's attribute grammar wants: no schema, no modifiers, no spaces. */
    static String type(String formatted) {
        String type = formatted.replaceFirst("^[a-z_][a-z0-9_]*\\.", "")
                .replace("timestamp with time zone", "timestamptz")
                .replace("timestamp without time zone", "timestamp")
                .replace("time with time zone", "timetz")
                .replace("time without time zone", "time")
                .replace("character varying", "varchar")
                .replace("double precision", "float8");
        type = TYPE_MODIFIERS.matcher(type).replaceAll("");
        return type.replaceAll("[^A-Za-z0-9_\\[\\]]", "_");
    }
}
