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
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (moment.reached(observer)) {
                return now(process);
            }
            // Every 5 ms: the moments watched for last hundreds of milliseconds (planning, a whole update), and a
            // 1 ms poll took a share of the CPU the watched run needed.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return false;
    }

    /** Kills the run and every process it started; true when it was still running. */
    static boolean now(Process process) {
        boolean alive = process.isAlive();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return alive;
    }
}
