package platformdb.seeds;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a seed's scripts the way its guide runs them, and keeps what PostgreSQL refused, so a change in what the
 * seed's SQL does shows.
 * <ul>
 * <li>{@link Style#PSQL}: {@code psql < file} without ON_ERROR_STOP, each statement on its own in autocommit; an error
 * is reported and the next statement runs.</li>
 * <li>{@link Style#SQL_EDITOR}: Supabase's dashboard SQL editor, one pasted migration sent as one request, which
 * PostgreSQL runs as one implicit transaction: the first error undoes the whole migration.</li>
 * </ul>
 */
final class SeedRun {

    /** How a guide runs its SQL. */
    public enum Style { PSQL, SQL_EDITOR }

    private final Connection connection;
    private final Style style;
    private final List<FailedStatement> failures = new ArrayList<>();

    SeedRun(Connection connection, Style style) {
        this.connection = connection;
        this.style = style;
    }

    void run(String origin, String script) throws SQLException {
        if (style == Style.PSQL) {
            for (String sql : SqlStatements.split(script)) {
                execute(origin, sql);
            }
            return;
        }
        connection.setAutoCommit(false);
        try {
            for (String sql : SqlStatements.split(script)) {
                if (!execute(origin, sql)) {
                    connection.rollback();
                    return;
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The statement's success; a failure is recorded. */
    private boolean execute(String origin, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return true;
        } catch (SQLException e) {
            failures.add(new FailedStatement(origin, sql, e.getSQLState(), e.getMessage()));
            return false;
        }
    }

    List<FailedStatement> failures() {
        return List.copyOf(failures);
    }

    /** A statement of a seed that PostgreSQL refused, where it came from, and why. */
    public record FailedStatement(String origin, String sql, String sqlState, String message) {

        /** One line: origin, the statement's first line that is not a comment, SQLSTATE and the first line of the error. */
        public String describe() {
            String firstLine = sql.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("--")).findFirst().orElse(sql).strip();
            return origin + ": " + firstLine + " -> " + sqlState + " " + message.lines().findFirst().orElse("");
        }
    }
}
