package platformdb.seeds;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts and row fingerprints of tables, to prove that every row survived: the fingerprint is the md5 of the
 * table's rows as text, in byte order, so equal fingerprints mean the same rows with the same values (in the same
 * column order). Tables are schema-qualified names ({@code public.customers}).
 */
public final class TableFingerprints {

    private TableFingerprints() {
    }

    public static long rowCount(Connection connection, String table) {
        return Long.parseLong(one(connection, "select count(*) from " + table));
    }

    public static String fingerprint(Connection connection, String table) {
        return one(connection, "select md5(coalesce(string_agg(t::text, E'\\n' order by t::text collate \"C\"), '')) from " + table + " t");
    }

    public static Map<String, Long> rowCounts(Connection connection, List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach(t -> counts.put(t, rowCount(connection, t)));
        return counts;
    }

    public static Map<String, String> fingerprints(Connection connection, List<String> tables) {
        Map<String, String> prints = new LinkedHashMap<>();
        tables.forEach(t -> prints.put(t, fingerprint(connection, t)));
        return prints;
    }

    private static String one(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
