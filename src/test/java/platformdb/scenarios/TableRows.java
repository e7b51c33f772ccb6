package platformdb.scenarios;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Inserts and finds rows given as column/value maps. Each row travels as JSON and json_populate_record gives
 * every value its column's type, so scenarios write uuids, timestamps, enums and jsonb as plain YAML values.
 */
final class TableRows {

    private final Connection connection;

    TableRows(Connection connection) {
        this.connection = connection;
    }

    /** Runs a scenario's set-up statements (what exists on databases this changelog did not make, e.g. a legacy table). */
    void execute(List<String> statements) {
        for (String sql : statements) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.execute();
            } catch (SQLException e) {
                throw new IllegalStateException("set-up statement failed: " + sql + ": " + e.getMessage(), e);
            }
        }
    }

    void insert(RollbackScenario.Rows rows) {
        rows.byTable().forEach((table, list) -> list.forEach(row -> {
            String columns = columnList(row);
            String sql = "insert into " + table + " (" + columns + ") select " + columns
                    + " from json_populate_record(null::" + table + ", ?::json)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, Json.of(row));
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not insert " + row + " into " + table + ": " + e.getMessage(), e);
            }
        }));
    }

    /** The expected rows that are not present, as "table row" lines; empty when all are there. */
    List<String> missing(RollbackScenario.Rows rows) {
        List<String> missing = new ArrayList<>();
        rows.byTable().forEach((table, list) -> list.forEach(row -> {
            String problem = absence(table, row);
            if (problem != null) {
                missing.add(table + " " + row + problem);
            }
        }));
        return missing;
    }

    /** Null when a row with these values is in the table; else why not. */
    private String absence(String table, Map<String, Object> row) {
        String matches = row.keySet().stream()
                .map(column -> "found." + quoteIdent(column) + " is not distinct from expected." + quoteIdent(column))
                .collect(Collectors.joining(" and "));
        String sql = "select exists (select 1 from " + table + " found, json_populate_record(null::" + table
                + ", ?::json) expected where " + matches + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, Json.of(row));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1) ? null : ": no such row";
            }
        } catch (SQLException e) {
            return ": cannot be read (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    private static String columnList(Map<String, Object> row) {
        return row.keySet().stream().map(TableRows::quoteIdent).collect(Collectors.joining(", "));
    }

    private static String quoteIdent(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }
}
