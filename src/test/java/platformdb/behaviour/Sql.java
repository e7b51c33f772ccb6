package platformdb.behaviour;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers for behaviour tests: parameters by position, results as text. */
public final class Sql {

    private Sql() {
    }

    /** The first column of the only (or first) row, as text; fails when the query returns no row. */
    public static String one(Connection connection, String sql, Object... params) {
        List<String> values = column(connection, sql, params);
        if (values.isEmpty()) {
            throw new AssertionError("expected a row from: " + sql);
        }
        return values.get(0);
    }

    /** The first column of every row, as text. */
    public static List<String> column(Connection connection, String sql, Object... params) {
        try (PreparedStatement statement = prepare(connection, sql, params); ResultSet result = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a statement and returns the number of rows it changed. */
    public static int update(Connection connection, String sql, Object... params) {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a statement that is expected to fail, and returns PostgreSQL's error. */
    public static SQLException failure(Connection connection, String sql, Object... params) {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            statement.execute();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected this to fail, but it ran: " + sql);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
