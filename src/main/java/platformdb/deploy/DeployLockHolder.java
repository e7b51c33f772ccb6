package platformdb.deploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The session that holds the deploy lock, as one phrase: pid, application, client, state, and since when it is
 * connected (a deploy takes the lock right after it connects; PostgreSQL records no time for a granted advisory lock).
 */
record DeployLockHolder(int pid, String description) {

    private static final String HOLDER = """
            select a.pid, coalesce(nullif(a.application_name, ''), '?') as application,
                   coalesce(host(a.client_addr), 'local socket') as client, coalesce(a.state, '?') as state,
                   to_char(a.backend_start at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"') as since,
                   extract(epoch from now() - a.backend_start)::bigint as seconds
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())
              and l.classid = ?::oid and l.objid = ?::oid and l.objsubid = 2""";

    /** Empty when nobody holds it (the holder just ended). */
    static Optional<DeployLockHolder> find(Connection connection, DeployLockKey key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HOLDER)) {
            statement.setLong(1, Integer.toUnsignedLong(key.first()));
            statement.setLong(2, Integer.toUnsignedLong(key.second()));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                int pid = row.getInt("pid");
                return Optional.of(new DeployLockHolder(pid, "pid " + pid + " (application '" + row.getString("application") + "', client "
                        + row.getString("client") + ", " + row.getString("state") + ", connected since " + row.getString("since")
                        + ", " + row.getLong("seconds") + " s ago)"));
            }
        }
    }
}
