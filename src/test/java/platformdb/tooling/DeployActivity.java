package platformdb.tooling;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import platformdb.deploy.DeployLock;
import platformdb.postgres.FreshDatabase;

/**
 * The sessions of a test database, sampled over and over from a connection of its own while deploys run: who holds
 * the deploy lock (the two-key session advisory lock), who waits for it, their state, whether they hold a snapshot
 * (backend_xmin) and which sessions block them (pg_blocking_pids).
 */
final class DeployActivity implements AutoCloseable {

    private static final String SESSIONS = """
            select a.pid, coalesce(a.application_name, '') as application, coalesce(a.state, '') as state,
                   a.backend_xmin is not null as has_snapshot, pg_blocking_pids(a.pid) as blockers,
                   left(coalesce(a.query, ''), 80) as query,
                   exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and l.granted
                           and l.objsubid = 2) as holds_deploy_lock
            from pg_stat_activity a
            where a.datname = current_database() and a.backend_type = 'client backend' and a.pid <> pg_backend_pid()""";

    record Session(int pid, String application, String state, boolean hasSnapshot, List<Integer> blockers, String query,
                   boolean holdsDeployLock) {

        boolean waitsForDeployLock() {
            return application.equals(DeployLock.WAITING);
        }

        @Override
        public String toString() {
            return "pid " + pid + " '" + application + "' " + state + (hasSnapshot ? " with a snapshot" : "")
                    + (blockers.isEmpty() ? "" : " blocked by " + blockers) + (holdsDeployLock ? " HOLDS the deploy lock" : "")
                    + ": " + query;
        }
    }

    record Sample(int number, List<Session> sessions) {

        Optional<Session> holder() {
            return sessions.stream().filter(Session::holdsDeployLock).findFirst();
        }

        List<Session> waiting() {
            return sessions.stream().filter(Session::waitsForDeployLock).toList();
        }

        Optional<Session> session(int pid) {
            return sessions.stream().filter(session -> session.pid() == pid).findFirst();
        }

        @Override
        public String toString() {
            return "sample " + number + ":\n  " + String.join("\n  ", sessions.stream().map(Session::toString).toList());
        }
    }

    private final Connection connection;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread sampler;
    private volatile boolean stopped;
    private volatile Exception failure;

    private DeployActivity(FreshDatabase database) throws SQLException {
        connection = database.connect();
        connection.setClientInfo("ApplicationName", "deploy activity sampler");
        sampler = new Thread(this::sampleUntilStopped, "deploy activity sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static DeployActivity sample(FreshDatabase database) throws SQLException {
        return new DeployActivity(database);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /**
     * The first sample from now on that meets the condition. Fails when {@code stillPossible} turns false first
     * (a deploy ended), so that the wait ends on an observed condition, never on the clock.
     */
    Sample await(String what, Predicate<Sample> condition, BooleanSupplier stillPossible) throws InterruptedException {
        int seen = samples.size();
        while (true) {
            if (failure != null) {
                throw new IllegalStateException("sampling failed", failure);
            }
            List<Sample> now = samples();
            for (int i = seen; i < now.size(); i++) {
                if (condition.test(now.get(i))) {
                    return now.get(i);
                }
            }
            seen = now.size();
            if (!stillPossible.getAsBoolean()) {
                throw new AssertionError("never observed: " + what + "; last " + (now.isEmpty() ? "no sample" : now.get(now.size() - 1)));
            }
            Thread.sleep(20);
        }
    }

    /** Waits for {@code count} more samples. */
    void awaitSamples(int count) throws InterruptedException {
        int target = samples.size() + count;
        while (samples.size() < target && failure == null && sampler.isAlive()) {
            Thread.sleep(20);
        }
    }

    private void sampleUntilStopped() {
        int number = 0;
        try (Statement statement = connection.createStatement()) {
            while (!stopped) {
                List<Session> sessions = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(SESSIONS)) {
                    while (rows.next()) {
                        sessions.add(new Session(rows.getInt("pid"), rows.getString("application"), rows.getString("state"),
                                rows.getBoolean("has_snapshot"), pids(rows.getArray("blockers")), rows.getString("query"),
                                rows.getBoolean("holds_deploy_lock")));
                    }
                }
                samples.add(new Sample(++number, List.copyOf(sessions)));
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!stopped) {
                failure = e;
            }
        }
    }

    private static List<Integer> pids(Array array) throws SQLException {
        return Arrays.stream((Integer[]) array.getArray()).toList();
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        sampler.join(60_000);
        connection.close();
    }
}
