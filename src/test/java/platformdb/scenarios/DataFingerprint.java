package platformdb.scenarios;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import platformdb.catalog.DdlProbe;

/**
 * The data of every table (Liquibase's tracking tables and the DDL probe's aside) as one digest per table: equal fingerprints mean
 * every row is there with every value.
 */
final class DataFingerprint {

    private DataFingerprint() {
    }

    static Map<String, String> of(Connection connection) {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select format('%I.%I', n.nspname, c.relname)
                     from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where c.relkind in ('r', 'p')
                       and n.nspname not in ('pg_catalog', 'information_schema', 'liquibase', ':probe_schema')
                       and n.nspname not like 'pg_%'
                       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
                     """.replace(":probe_schema", DdlProbe.SCHEMA))) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> digests = new TreeMap<>();
        if (tables.isEmpty()) {
            return digests;
        }
        String sql = tables.stream()
                .map(table -> "select '" + table + "', count(*) || ':' || md5(coalesce(string_agg(t::text, chr(10) order by t::text), ''))"
                        + " from " + table + " t")
                .collect(Collectors.joining(" union all "));
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                digests.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("data fingerprint failed: " + e.getMessage(), e);
        }
        return digests;
    }

    /** The tables whose data differs, with their row counts before and after. */
    static String difference(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(table -> !before.get(table).equals(after.get(table)))
                .map(table -> table + " (rows:digest before " + before.get(table) + ", after " + after.get(table) + ")")
                .collect(Collectors.joining(", "));
    }
}
