package platformdb.security.access;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.ApiSession;

/**
 * Someone acting through the API: each check is one request on the actor's session (a role with the request's
 * JWT claims, as Supabase sets them). Each attempt says what happened: rows affected, or refused (a permission
 * or RLS error, SQLSTATE 42501).
 */
final class Actor {

    /** The outcome of one write attempt: rows affected, or refused with PostgreSQL's message. */
    record Attempt(int rows, String refusal) {
        boolean allowed() {
            return refusal == null && rows > 0;
        }

        @Override
        public String toString() {
            return refusal != null ? "refused (" + refusal + ")" : rows + " row(s) affected";
        }
    }

    private final ApiSession session;
    private final String label;

    Actor(ApiSession session, String label) {
        this.session = session;
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The keys, among the given ones, of the rows this actor reads; a refused read reads none. */
    Set<String> sees(String table, String keyExpr, Set<String> among) {
        String sql = "select " + keyExpr + " from public." + table + " where " + keyExpr + " = any(?)";
        try (ApiRequest request = session.request(); PreparedStatement statement = request.sql().prepareStatement(sql)) {
            statement.setArray(1, request.sql().createArrayOf("text", among.toArray()));
            Set<String> seen = new TreeSet<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    seen.add(result.getString(1));
                }
            }
            return seen;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return Set.of();
            }
            throw new IllegalStateException(label + " reading " + table + ": " + e.getMessage(), e);
        }
    }

    /** A write this actor should be allowed: counted inside the request, which is then rolled back. */
    Attempt triesAndRollsBack(String sql) {
        return tries(sql, false);
    }

    /** A write this actor should be refused: the request commits if it runs, so the server can see whether anything changed. */
    Attempt cannotChangeAnything(String sql) {
        return tries(sql, true);
    }

    private Attempt tries(String sql, boolean keep) {
        try (ApiRequest request = session.request(); PreparedStatement statement = request.sql().prepareStatement(sql)) {
            int rows = statement.executeUpdate();
            if (keep) {
                request.commit();
            }
            return new Attempt(rows, null);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return new Attempt(0, e.getMessage());
            }
            throw new IllegalStateException(label + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
