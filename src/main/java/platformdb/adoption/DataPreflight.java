package platformdb.adoption;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import platformdb.drift.LedgerStep;

/**
 * The rows that would stop a changeset to apply on a table that already holds data: a check it adds that rows break,
 * duplicates under a unique key it adds, rows whose reference it adds points nowhere, nulls in a column it makes
 * required. Found by reading, before anything is written, so that adoption stops whole rather than half-way.
 */
public final class DataPreflight {

    /** One constraint the rows break: where, how many, a few example keys, and what to do. */
    public record Problem(String changeSet, String table, String constraint, long rows, List<String> examples) {

        public String describe() {
            return table + ": " + rows + (rows == 1 ? " row breaks " : " rows break ") + constraint + " (changeset " + changeSet
                    + "), for example " + String.join(", ", examples)
                    + ". Fix or delete these rows, then preview the adoption again.";
        }
    }

    private static final Pattern CONSTRAINT = Pattern.compile("^type=([cupf]) (.*) validated=(true|false)$", Pattern.DOTALL);
    private static final Pattern KEY_COLUMNS = Pattern.compile("^(?:UNIQUE|PRIMARY KEY) \\((.*)\\)$");
    private static final Pattern FOREIGN_KEY = Pattern.compile("^FOREIGN KEY \\((.*?)\\) REFERENCES (\\S+?)\\((.*?)\\).*$");
    private static final int EXAMPLES = 3;
    private static final String UNDEFINED_COLUMN = "42703";
    private static final String UNDEFINED_TABLE = "42P01";

    private DataPreflight() {
    }

    /**
     * @param toApply   the changesets adoption will run, with what each sets
     * @param before    the catalog each of them finds (the live one, or the one a reshaping leaves: entries they create
     *                  are absent)
     * @param liveNames where a table the reshaping moves holds its rows until then (unified name to the seed's)
     */
    public static List<Problem> check(Connection connection, List<LedgerStep> toApply, Map<String, String> before,
                                      Map<String, String> liveNames) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        for (LedgerStep step : toApply) {
            for (Map.Entry<String, String> entry : step.set().entrySet()) {
                String key = entry.getKey();
                if (key.startsWith("constraint ") && !entry.getValue().equals(before.get(key))) {
                    QualifiedName name = QualifiedName.parse(key.substring("constraint ".length()));
                    if (before.containsKey("relation " + name.table())) {
                        constraintProblem(connection, step.changeSet(), name.readFrom(liveNames), entry.getValue()).ifPresent(problems::add);
                    }
                } else if (key.startsWith("column ") && entry.getValue().contains(" not_null=true ")
                        && before.getOrDefault(key, "").contains(" not_null=false ")) {
                    QualifiedName name = QualifiedName.parse(key.substring("column ".length())).readFrom(liveNames);
                    count(connection, step.changeSet(), name.table(), "not null on " + name.last(), name.last() + " is null")
                            .ifPresent(problems::add);
                }
            }
        }
        return problems;
    }

    private static java.util.Optional<Problem> constraintProblem(Connection connection, String changeSet, QualifiedName name,
                                                                 String description) throws SQLException {
        Matcher constraint = CONSTRAINT.matcher(description);
        if (!constraint.matches() || constraint.group(3).equals("false")) {
            return java.util.Optional.empty();  // a constraint added NOT VALID checks new rows only
        }
        String definition = constraint.group(2);
        String label = name.last() + " " + definition;
        switch (constraint.group(1)) {
            case "c" -> {
                return count(connection, changeSet, name.table(), label, "not coalesce(" + definition.substring("CHECK ".length()) + ", true)");
            }
            case "u", "p" -> {
                Matcher columns = KEY_COLUMNS.matcher(definition);
                if (!columns.matches()) {
                    return java.util.Optional.empty();
                }
                String keys = columns.group(1);
                String where = constraint.group(1).equals("p") ? "true" : "(" + keys + ") is not null";
                return duplicates(connection, changeSet, name.table(), label, keys, where);
            }
            case "f" -> {
                Matcher reference = FOREIGN_KEY.matcher(definition);
                if (!reference.matches()) {
                    return java.util.Optional.empty();
                }
                String[] local = reference.group(1).split(", ");
                String[] remote = reference.group(3).split(", ");
                StringBuilder joined = new StringBuilder();
                StringBuilder present = new StringBuilder();
                for (int i = 0; i < local.length; i++) {
                    joined.append(i == 0 ? "" : " and ").append("r.").append(remote[i]).append(" = t.").append(local[i]);
                    present.append(i == 0 ? "" : " and ").append("t.").append(local[i]).append(" is not null");
                }
                String target = reference.group(2).contains(".") ? reference.group(2) : name.schema() + "." + reference.group(2);
                return count(connection, changeSet, name.table(), label,
                        present + " and not exists (select from " + target + " r where " + joined + ")");
            }
            default -> {
                return java.util.Optional.empty();
            }
        }
    }

    private static java.util.Optional<Problem> count(Connection connection, String changeSet, String table, String label,
                                                     String violates) throws SQLException {
        String sql = "select count(*) over (), left(t::text, 120) from " + table + " t where " + violates + " limit " + EXAMPLES;
        return collect(connection, changeSet, table, label, sql);
    }

    private static java.util.Optional<Problem> duplicates(Connection connection, String changeSet, String table, String label,
                                                          String keys, String where) throws SQLException {
        String sql = "select sum(count(*)) over (), '(' || concat_ws(', ', " + keys + ") || ') ' || count(*) || ' times' from "
                + table + " where " + where + " group by " + keys + " having count(*) > 1 limit " + EXAMPLES;
        return collect(connection, changeSet, table, label, sql);
    }

    private static java.util.Optional<Problem> collect(Connection connection, String changeSet, String table, String label,
                                                       String sql) throws SQLException {
        long rows = 0;
        List<String> examples = new ArrayList<>();
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows = result.getLong(1);
                examples.add(result.getString(2));
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            if (!UNDEFINED_COLUMN.equals(e.getSQLState()) && !UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e;
            }
            // the constraint is on a column a changeset still to apply adds, or on a table the reshaping creates (empty):
            // no existing row holds a value in it yet
        }
        return rows == 0 ? java.util.Optional.empty() : java.util.Optional.of(new Problem(changeSet, table, label, rows, examples));
    }

    /** "public.t.c" or "public.t.name" as the catalog snapshot writes them (quoted where a name needs it). */
    record QualifiedName(String schema, String name, String last) {

        String table() {
            return schema + "." + name;
        }

        /** The same name on the table that holds the rows now (a table a reshaping moves: under the seed's name). */
        QualifiedName readFrom(Map<String, String> liveNames) {
            String live = liveNames.get(table());
            return live == null ? this : parse(live + "." + last);
        }

        static QualifiedName parse(String text) {
            List<String> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                    part.append(c);
                } else if (c == '.' && !quoted && parts.size() < 2) {
                    parts.add(part.toString());
                    part.setLength(0);
                } else {
                    part.append(c);
                }
            }
            parts.add(part.toString());
            if (parts.size() != 3) {
                throw new IllegalArgumentException("not a schema.table.name: " + text);
            }
            return new QualifiedName(parts.get(0), parts.get(1), parts.get(2));
        }
    }
}
