package platformdb.adoption.seeds;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scripts the way the seeds run them: psql without ON_ERROR_STOP, each statement on its own in autocommit, an
 * error reported and the next statement run. What failed is kept, so a change in what the seed's SQL does shows.
 */
final class PsqlRun {

    private final Connection connection;
    private final List<FailedStatement> failures = new ArrayList<>();

    PsqlRun(Connection connection) {
        this.connection = connection;
    }

    void run(String origin, String script) {
        for (String sql : SqlStatements.split(script)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                failures.add(new FailedStatement(origin, sql, e.getSQLState(), e.getMessage()));
            }
        }
    }

    List<FailedStatement> failures() {
        return List.copyOf(failures);
    }

    /** A statement of a seed that PostgreSQL refused, where it came from, and why. */
    public record FailedStatement(String origin, String sql, String sqlState, String message) {

        /** One line: origin, the statement's first line, SQLSTATE and the first line of the error. */
        public String describe() {
            String firstLine = sql.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("--")).findFirst().orElse(sql).strip();
            return origin + ": " + firstLine + " -> " + sqlState + " " + message.lines().findFirst().orElse("");
        }
    }
}
