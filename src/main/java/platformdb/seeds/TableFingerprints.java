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

    /**
     * Row counts keyed by the seed's table names; a table a reshaping moved ({@code moved}: seed name to the unified
     * schema's, {@link SeedPoint#movedTables()}) is counted where it is now.
     */
    public static Map<String, Long> rowCounts(Connection connection, List<String> tables, Map<String, String> moved) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach(t -> counts.put(t, rowCount(connection, located(connection, t, moved))));
        return counts;
    }

    /** Row fingerprints keyed by the seed's table names; a moved table is read where it is now. */
    public static Map<String, String> fingerprints(Connection connection, List<String> tables, Map<String, String> moved) {
        Map<String, String> prints = new LinkedHashMap<>();
        tables.forEach(t -> prints.put(t, fingerprint(connection, located(connection, t, moved))));
        return prints;
    }

    /** The table under the seed's name, or, once a reshaping moved it, under the unified schema's. */
    private static String located(Connection connection, String table, Map<String, String> moved) {
        String now = moved.get(table);
        if (now == null || "true".equals(one(connection, "select (to_regclass('" + table.replace("'", "''") + "') is not null)::text"))) {
            return table;
        }
        return now;
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
