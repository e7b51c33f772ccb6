package platformdb.seeds;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements where psql would send them: at a semicolon outside quotes, quoted identifiers,
 * dollar quotes and comments. A piece holding only comments and blanks is no statement (psql sends nothing for it).
 */
public final class SqlStatements {

    private SqlStatements() {
    }

    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean meaningful = false;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                end = closing(script, "*/", i + 2);
            } else if (c == '\'' || c == '"') {
                end = closing(script, String.valueOf(c), i + 1);
                meaningful = true;
            } else if (c == '$' && dollarTag(script, i) != null) {
                String tag = dollarTag(script, i);
                end = closing(script, tag, i + tag.length());
                meaningful = true;
            } else if (c == ';') {
                current.append(c);
                if (meaningful) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                meaningful = false;
                i++;
                continue;
            } else {
                end = i + 1;
                meaningful |= !Character.isWhitespace(c);
            }
            current.append(script, i, end);
            i = end;
        }
        if (meaningful) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** The index just past {@code close} searched from {@code from} (quotes doubled inside are two closings in a row: same result). */
    private static int closing(String script, String close, int from) {
        int at = script.indexOf(close, from);
        return at < 0 ? script.length() : at + close.length();
    }

    /** {@code $$} or {@code $tag$} starting at i, else null (a positional parameter such as $1 is no tag). */
    private static String dollarTag(String script, int i) {
        int j = i + 1;
        while (j < script.length() && (Character.isLetterOrDigit(script.charAt(j)) || script.charAt(j) == '_')) {
            j++;
        }
        if (j < script.length() && script.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(script.charAt(i + 1)))) {
            return script.substring(i, j + 1);
        }
        return null;
    }
}
