package platformdb.tooling;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A real {@code kill -9} of a running command (its JVM and children), at a moment read from the database, not from a clock. */
final class SigKill {

    interface Moment {
        boolean reached(Connection observer) throws SQLException;
    }

    private SigKill() {
    }

    /**
     * Watches the run on the observer's open connection and kills it as soon as the moment is reached; false when the run
     * ended first (or did not reach it in 3 minutes), so that nothing was killed.
     */
    static boolean when(Process process, Connection observer, Moment moment) throws SQLException {
        return whenSeen(process, observer, connection -> moment.reached(connection) ? Seen.REACHED : Seen.NEAR);
    }

    /** What one look at the run shows: the moment reached, or near (looked for every millisecond), or not yet near. */
    enum Seen { FAR, NEAR, REACHED }

    interface Look {
        Seen at(Connection observer) throws SQLException;
    }

    /**
     * As above, looking every millisecond only while the moment is near, else every 10 ms: each look is catalog queries,
     * and a 1 ms poll through a whole run (the JVM starting, the changesets before the moment) took about a third of a
     * core in PostgreSQL alone from the run it watches and from the other test fork (pgbench: 276 looks/s at load 8).
     */
    static boolean whenSeen(Process process, Connection observer, Look look) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (process.isAlive() && System.nanoTime() < deadline) {
            Seen seen = look.at(observer);
            if (seen == Seen.REACHED) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(seen == Seen.NEAR ? 1 : 10));
        }
        return false;
    }
}
