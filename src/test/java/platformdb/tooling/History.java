package platformdb.tooling;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/** What DATABASECHANGELOG records, read with plain SQL. */
final class History {

    private History() {
    }

    /** "file::id" of every applied row, in ORDEREXECUTED order (tags included). */
    static List<String> applied(FreshDatabase database) {
        return strings(database, "select filename || '::' || id from liquibase.databasechangelog order by orderexecuted");
    }

    /** Tags, newest first. */
    static List<String> tags(FreshDatabase database) {
        return strings(database, "select tag from liquibase.databasechangelog where tag is not null order by orderexecuted desc");
    }

    static String single(FreshDatabase database, String sql) {
        List<String> values = strings(database, sql);
        return values.isEmpty() ? null : values.get(0);
    }

    static List<String> strings(FreshDatabase database, String sql) {
        try (Connection connection = database.connect()) {
            return Sql.column(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
