package platformdb.schemadocs;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables of a deployed database with what an ER diagram shows: columns, keys, foreign keys, comments. */
final class ErCatalog {

    record TableName(String schema, String name) implements Comparable<TableName> {
        String qualified() {
            return schema + "." + name;
        }

        @Override
        public int compareTo(TableName other) {
            return qualified().compareTo(other.qualified());
        }
    }

    record Column(String name, String type, boolean notNull) {
    }

    record ForeignKey(String name, TableName from, List<String> columns, TableName to, List<String> targetColumns) {
    }

    record Table(TableName name, String comment, List<Column> columns, List<String> primaryKey,
                 List<List<String>> uniqueKeys, List<ForeignKey> foreignKeys) {

        Column column(String columnName) {
            return columns.stream().filter(column -> column.name().equals(columnName)).findFirst().orElseThrow();
        }

        boolean isUnique(List<String> columnNames) {
            return primaryKey.equals(columnNames) || uniqueKeys.contains(columnNames);
        }
    }

    /** Extension members (pgvector's, pg_trgm's) and the system and tracking schemas are not the platform's tables. */
    private static final String OWN_SCHEMAS = "n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', '" + StructureSql.TRACKING_SCHEMA + "')";

    private ErCatalog() {
    }

    static List<Table> read(DatabaseAddress database) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            Map<TableName, String> comments = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery("""
                    select n.nspname, c.relname, obj_description(c.oid, 'pg_class')
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where c.relkind in ('r', 'p') and not c.relispartition and %s
                      and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                      and d.objid = c.oid and d.deptype = 'e')
                    order by 1, 2""".formatted(OWN_SCHEMAS))) {
                while (rows.next()) {
                    comments.put(new TableName(rows.getString(1), rows.getString(2)), rows.getString(3));
                }
            }
            Map<TableName, List<Column>> columns = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery("""
                    select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
                    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                    where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and %s
                    order by 1, 2, a.attnum""".formatted(OWN_SCHEMAS))) {
                while (rows.next()) {
                    columns.computeIfAbsent(new TableName(rows.getString(1), rows.getString(2)), key -> new ArrayList<>())
                            .add(new Column(rows.getString(3), rows.getString(4), rows.getBoolean(5)));
                }
            }
            Map<TableName, List<String>> primaryKeys = new LinkedHashMap<>();
            Map<TableName, List<List<String>>> uniqueKeys = new LinkedHashMap<>();
            Map<TableName, List<ForeignKey>> foreignKeys = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery("""
                    select n.nspname, c.relname, con.contype, con.conname,
                           array(select a.attname from unnest(con.conkey) with ordinality k(num, ord)
                                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord)::text[],
                           fn.nspname, fc.relname,
                           array(select a.attname from unnest(con.confkey) with ordinality k(num, ord)
                                 join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.ord)::text[]
                    from pg_constraint con
                    join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
                    left join pg_class fc on fc.oid = con.confrelid left join pg_namespace fn on fn.oid = fc.relnamespace
                    where con.contype in ('p', 'u', 'f') and %s
                    order by 1, 2, 4""".formatted(OWN_SCHEMAS))) {
                while (rows.next()) {
                    TableName table = new TableName(rows.getString(1), rows.getString(2));
                    List<String> keyColumns = strings(rows.getArray(5));
                    switch (rows.getString(3)) {
                        case "p" -> primaryKeys.put(table, keyColumns);
                        case "u" -> uniqueKeys.computeIfAbsent(table, key -> new ArrayList<>()).add(keyColumns);
                        default -> foreignKeys.computeIfAbsent(table, key -> new ArrayList<>()).add(new ForeignKey(
                                rows.getString(4), table, keyColumns, new TableName(rows.getString(6), rows.getString(7)),
                                strings(rows.getArray(8))));
                    }
                }
            }
            List<Table> tables = new ArrayList<>();
            comments.forEach((name, comment) -> tables.add(new Table(name, comment, columns.getOrDefault(name, List.of()),
                    primaryKeys.getOrDefault(name, List.of()), uniqueKeys.getOrDefault(name, List.of()),
                    foreignKeys.getOrDefault(name, List.of()))));
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tables of " + database.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
