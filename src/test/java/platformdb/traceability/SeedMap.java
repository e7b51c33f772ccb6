package platformdb.traceability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rows of docs/seed-map.md: where each object a seed names ended up. */
public final class SeedMap {

    /** One row: seed file, the seed's name, its kind, the schema object it became, the changeset that made it. */
    public record Row(int line, String seed, String object, String kind, String schemaObject, String changeSet) {

        /** "none ..." or "not created ..." in the schema-object column: no object here, and the row says why. */
        public boolean needsNoObject() {
            String text = schemaObject.toLowerCase();
            return text.startsWith("none") || text.startsWith("not created");
        }

        /** "... (row level security enabled)": the seed's RLS is the table's row level security flag. */
        public boolean isRowLevelSecurity() {
            return schemaObject.toLowerCase().contains("row level security enabled");
        }

        /** The object's name with "folded into" (an object merged into another) taken off. */
        public String target() {
            return schemaObject.replaceFirst("(?i)^folded into ", "");
        }

        @Override
        public String toString() {
            return "docs/seed-map.md line " + line + " (" + seed + " " + kind + " " + object + " -> " + schemaObject + ")";
        }
    }

    private static final Pattern NAMED_ON_TABLE = Pattern.compile("^(?:policy |trigger |constraint )?\"?([\\w$-]+)\"? on ([\\w.]+)");

    private SeedMap() {
    }

    public static List<Row> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> lines.get(i).startsWith("| ") && !lines.get(i).startsWith("| seed ") && !lines.get(i).startsWith("| ---"))
                    .mapToObj(i -> toRow(i + 1, lines.get(i)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row toRow(int line, String text) {
        String[] cells = text.substring(1, text.lastIndexOf('|')).split("\\|", -1);
        if (cells.length != 5) {
            throw new IllegalArgumentException("docs/seed-map.md line " + line + ": expected 5 cells, got " + cells.length + ": " + text);
        }
        return new Row(line, cells[0].strip(), cells[1].strip(), cells[2].strip().toLowerCase(), cells[3].strip(),
                cells[4].strip().replace("`", ""));
    }

    /** For "name on schema.table" objects (policies, triggers, constraints): name and table; else null. */
    static String[] namedOnTable(String schemaObject) {
        Matcher matcher = NAMED_ON_TABLE.matcher(schemaObject);
        return matcher.find() ? new String[] {matcher.group(1), matcher.group(2)} : null;
    }

    /** The leading qualified name of the schema-object cell ("public.x", "public.f(...)", "public.t.c"). */
    static String leadingName(String schemaObject) {
        String first = schemaObject.split("[\\s(,;]", 2)[0];
        return first.replace("`", "");
    }
}
