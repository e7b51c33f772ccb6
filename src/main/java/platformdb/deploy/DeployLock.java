package platformdb.deploy;

import com.github.blagerweij.sessionlock.PGLockService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;

/**
 * One deploy at a time, with a lock that dies with its process: liquibase-sessionlock's session advisory lock
 * (PostgreSQL frees it when the deploy's connection ends, so a killed deploy never blocks the next one).
 *
 * <p>The wait is this project's own. The library polls {@code pg_try_advisory_lock} inside a transaction it never ends,
 * so a waiting deploy keeps a snapshot, and the holder's {@code create index concurrently} waits for that snapshot
 * until the waiter gives up (5 minutes, fixed). Here each try runs in autocommit: between tries the waiter holds no
 * transaction and no snapshot, and a try never waits (never {@code pg_advisory_lock}: a waiting statement holds a
 * snapshot too). The wait is bounded by {@link DeployLockWait}; the waiter says who holds the lock when it starts
 * waiting and every {@link DeployLockWait#reportEvery()}, and fails with one line naming the holder.
 *
 * <p>The lock never stays behind on a pooled server connection. A transaction-mode pooler is refused before the lock
 * is taken ({@link TransactionPooler}), and each changeset checks that its backend holds the lock; should the lock
 * still have been taken on a server connection the deploy no longer has (the unlock then lands elsewhere and releases
 * nothing), the release ends that server connection ({@code pg_terminate_backend} of the backend that took the lock,
 * only while it still holds it; once it is idle, or after {@link #LEFTOVER_GRACE}), and the lock goes with it.
 */
public class DeployLock extends PGLockService {

    /** The application_name of a deploy while it waits for the deploy lock (unless the user named the session). */
    public static final String WAITING = "platformdb deploy: waiting for the deploy lock";
    static final String HOLDING = "platformdb deploy";
    private static final String DRIVER_DEFAULT_NAME = "PostgreSQL JDBC Driver";
    /** How long a release waits for a pooled server connection left holding the lock to be idle before ending it. */
    static final Duration LEFTOVER_GRACE = Duration.ofSeconds(5);

    /** The backend that took the lock (0 when this deploy does not hold it). */
    private int lockedOn;

    @Override
    public int getPriority() {
        return super.getPriority() + 10;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PlatformPostgresDatabase && super.supports(database);
    }

    @Override
    public void waitForLock() throws LockException {
        if (hasChangeLogLock()) {
            return;
        }
        DeployLockWait settings = DeployLockWait.fromSettings();
        Connection connection = underlyingConnection();
        try {
            boolean autoCommit = connection.getAutoCommit();
            // Ends the transaction Liquibase has open on this connection (it only read so far), and every try below is
            // a transaction of its own.
            connection.setAutoCommit(true);
            try {
                waitInAutocommit(connection, settings);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new LockException(e);
        }
    }

    private void waitInAutocommit(Connection connection, DeployLockWait settings) throws LockException, SQLException {
        long start = System.nanoTime();
        long nextReport = start;
        boolean waiting = false;
        boolean named = true;
        while (!acquireLock()) {
            if (!waiting) {
                // named only once a try failed: a session an observer sees named so waits for the lock, it is not about to try
                named = nameSession(connection, WAITING);
                waiting = true;
            }
            long now = System.nanoTime();
            Duration waited = Duration.ofNanos(now - start);
            if (waited.compareTo(settings.limit()) >= 0) {
                throw new LockException(giveUp(waited, holder(connection)));
            }
            if (now - nextReport >= 0) {
                String holder = holder(connection).map(DeployLockHolder::description).orElse("a deploy that has just ended");
                say(nextReport == start
                        ? "Waiting for changelog lock: " + holder + " holds it. This deploy holds no transaction while it waits,"
                                + " tries every " + settings.pause().toSeconds() + " s and gives up after " + settings.limit().toSeconds() + " s."
                        : "Still waiting for changelog lock after " + waited.toSeconds() + " s: " + holder + " holds it.");
                nextReport = now + settings.reportEvery().toNanos();
            }
            pause(settings.pause());
        }
        if (named) {
            nameSession(connection, HOLDING);
        }
    }

    @Override
    protected boolean acquireLock(Connection connection) throws SQLException, LockException {
        DeployLockKey key = DeployLockKey.of(database);
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?, ?), pg_backend_pid()")) {
            statement.setInt(1, key.first());
            statement.setInt(2, key.second());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    return false;
                }
                lockedOn = row.getInt(2);
                return true;
            }
        }
    }

    @Override
    protected void releaseLock(Connection connection) throws SQLException, LockException {
        DeployLockKey key = DeployLockKey.of(database);
        boolean released;
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            statement.setInt(1, key.first());
            statement.setInt(2, key.second());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                released = row.getBoolean(1);
            }
        }
        int tookItOn = lockedOn;
        lockedOn = 0;
        if (released) {
            return;
        }
        if (tookItOn == 0) {
            throw new LockException("pg_advisory_unlock() returned false: this session does not hold the deploy lock");
        }
        endTransaction(connection);
        endLeftover(connection, key, tookItOn);
    }

    /**
     * The unlock ran on another backend than the one that took the lock: that server connection (a pooler's) holds it
     * still. Ends it once it is idle (between an application's transactions), or after the grace whatever it does.
     */
    private static void endLeftover(Connection connection, DeployLockKey key, int pid) throws SQLException, LockException {
        long deadline = System.nanoTime() + LEFTOVER_GRACE.toNanos();
        while (true) {
            boolean force = System.nanoTime() - deadline >= 0;
            String state;
            boolean ended;
            try (PreparedStatement statement = connection.prepareStatement("""
                    select coalesce(a.state, '?'), case when a.state = 'idle' or ? then pg_terminate_backend(l.pid) else false end
                    from pg_locks l left join pg_stat_activity a on a.pid = l.pid
                    where l.locktype = 'advisory' and l.granted and l.pid = ? and l.objsubid = 2
                      and l.database = (select oid from pg_database where datname = current_database())
                      and l.classid = ?::oid and l.objid = ?::oid""")) {
                statement.setBoolean(1, force);
                statement.setInt(2, pid);
                statement.setLong(3, Integer.toUnsignedLong(key.first()));
                statement.setLong(4, Integer.toUnsignedLong(key.second()));
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        endTransaction(connection);
                        return;  // gone already
                    }
                    state = row.getString(1);
                    ended = row.getBoolean(2);
                }
            }
            endTransaction(connection);
            if (ended) {
                say("The deploy lock had been left on another server connection (backend pid " + pid + ", " + state
                        + "): a transaction-mode pooler. Ended that connection, and the lock with it.");
                return;
            }
            if (force) {
                throw new LockException("The deploy lock is left on another server connection (backend pid " + pid
                        + "), which could not be ended: end it with select pg_terminate_backend(" + pid + ").");
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void endTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private Optional<DeployLockHolder> holder(Connection connection) throws LockException, SQLException {
        return DeployLockHolder.find(connection, DeployLockKey.of(database));
    }

    private static String giveUp(Duration waited, Optional<DeployLockHolder> holder) {
        return "Could not acquire change log lock after waiting " + waited.toSeconds() + " s: "
                + holder.map(h -> "held by " + h.description() + ". If that deploy is still running, let it finish and run this one again"
                        + " (it applies what is left); if it is stuck, end it with select pg_terminate_backend("
                        + h.pid() + ") and its lock goes with its connection.")
                        .orElse("the holder has just ended; run this deploy again.")
                + " Wait longer with -D" + DeployLockWait.WAIT_PROPERTY + " or " + DeployLockWait.WAIT_VARIABLE + ".";
    }

    /** Names this session in pg_stat_activity unless the user named it (ApplicationName in the URL). */
    private static boolean nameSession(Connection connection, String name) throws SQLException {
        String current = connection.getClientInfo("ApplicationName");
        if (current != null && !current.isBlank() && !current.equals(DRIVER_DEFAULT_NAME) && !current.startsWith(HOLDING)) {
            return false;
        }
        connection.setClientInfo("ApplicationName", name);
        return true;
    }

    private Connection underlyingConnection() throws LockException {
        if (database.getConnection() instanceof JdbcConnection jdbc) {
            return jdbc.getUnderlyingConnection();
        }
        throw new LockException("Not a JDBC connection: " + database.getConnection());
    }

    private static void pause(Duration pause) throws LockException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockException("Interrupted while waiting for the changelog lock");
        }
    }

    private static void say(String message) {
        Scope.getCurrentScope().getUI().sendMessage(message);
    }
}
