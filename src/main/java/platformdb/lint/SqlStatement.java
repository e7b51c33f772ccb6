package platformdb.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * One SQL statement of a changeset, as the rules read it: {@code text} is lower case with comments removed,
 * whitespace collapsed, string literals reduced to {@code ''} and dollar-quoted bodies to {@code $$} (so a function
 * body or a comment cannot look like DDL); {@code raw} keeps literals and bodies (lower case, comments removed).
 */
record SqlStatement(String text, String raw) {

    /** The statements of a SQL text, split on semicolons outside literals, identifiers, comments and bodies. */
    static List<SqlStatement> split(String sql) {
        List<SqlStatement> statements = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                text.append(' ');
                raw.append(' ');
            } else if (c == '\'') {
                int end = closing(sql, i + 1, '\'');
                text.append("''");
                raw.append(sql, i, end);
                i = end;
            } else if (c == '"') {
                int end = closing(sql, i + 1, '"');
                text.append(sql, i + 1, end - 1);
                raw.append(sql, i, end);
                i = end;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                int end = close < 0 ? sql.length() : close + tag.length();
                text.append("$$");
                raw.append(sql, i, end);
                i = end;
            } else if (c == ';') {
                add(statements, text, raw);
                i++;
            } else {
                text.append(c);
                raw.append(c);
                i++;
            }
        }
        add(statements, text, raw);
        return statements;
    }

    private static void add(List<SqlStatement> statements, StringBuilder text, StringBuilder raw) {
        String normalized = normalize(text);
        if (!normalized.isEmpty()) {
            statements.add(new SqlStatement(normalized, normalize(raw)));
        }
        text.setLength(0);
        raw.setLength(0);
    }

    private static String normalize(CharSequence sql) {
        return sql.toString().toLowerCase().replaceAll("\\s+", " ").trim();
    }

    /** The index just after the quote that closes one opened before {@code from} (a doubled quote is an escape). */
    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** {@code $$} or {@code $tag$} starting at {@code i}, or null. */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }

    /** A short form of the statement for messages. */
    String shortText() {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }
}
