package platformdb.deploy.locks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the sessions a deploy waits for: pid, application, state, how long their transaction has been open, and
 * their last query. The query runs on a second connection while the deploy's statement still waits (only then does
 * {@code pg_blocking_pids} know the blockers).
 */
final class BlockingSessions {

    private static final String BLOCKERS_OF = """
            select pid, coalesce(nullif(application_name, ''), '?') as application, coalesce(state, '?') as state,
                   coalesce(extract(epoch from now() - xact_start)::bigint, 0) as transaction_seconds,
                   left(regexp_replace(coalesce(query, ''), '\\s+', ' ', 'g'), 200) as last_query
            from pg_stat_activity where pid = any(pg_blocking_pids(?)) order by xact_start""";

    /** Sessions whose transaction is older than the given age: the blockers are among them. */
    private static final String OLD_TRANSACTIONS = """
            select pid, coalesce(nullif(application_name, ''), '?') as application, coalesce(state, '?') as state,
                   extract(epoch from now() - xact_start)::bigint as transaction_seconds,
                   left(regexp_replace(coalesce(query, ''), '\\s+', ' ', 'g'), 200) as last_query
            from pg_stat_activity
            where pid <> pg_backend_pid() and datname = current_database() and xact_start < now() - interval '1 second'
            order by xact_start limit 5""";

    private BlockingSessions() {
    }

    static List<String> blockersOf(Connection probe, int waitingPid) throws SQLException {
        try (PreparedStatement statement = probe.prepareStatement(BLOCKERS_OF)) {
            statement.setInt(1, waitingPid);
            return describe(statement);
        }
    }

    static List<String> oldTransactions(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(OLD_TRANSACTIONS)) {
            return describe(statement);
        }
    }

    private static List<String> describe(PreparedStatement statement) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                sessions.add("pid " + rows.getInt("pid") + " (application '" + rows.getString("application") + "', "
                        + rows.getString("state") + ", transaction open for " + rows.getLong("transaction_seconds")
                        + " s, query: " + rows.getString("last_query") + ")");
            }
        }
        return sessions;
    }
}
