package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * What the deploy's sessions were running, sampled from pg_stat_activity every {@code EVERY_MILLIS} while a measured
 * command runs (its connections are named {@link LiquibaseCli#DEPLOY_APPLICATION_NAME}): so a stall of the load can be
 * put beside the statement the deploy was running at that moment.
 */
final class DeployActivity {

    static final long EVERY_MILLIS = 25;

    /** A statement a deploy session was running at {@code nanos}, and what it was waiting for, if anything. */
    record Seen(long nanos, String statement, String waiting) {
    }

    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private DeployActivity(BenchmarkServer server, String database) {
        thread = new Thread(() -> sample(server, database), "deploy-activity");
        thread.setDaemon(true);
    }

    static DeployActivity start(BenchmarkServer server, String database) {
        DeployActivity activity = new DeployActivity(server, database);
        activity.thread.start();
        return activity;
    }

    private void sample(BenchmarkServer server, String database) {
        try (Connection connection = server.connect("postgres");
             PreparedStatement query = connection.prepareStatement("select query, wait_event_type || ': ' || wait_event from pg_stat_activity"
                     + " where datname = ? and application_name = ? and state = 'active' and pid <> pg_backend_pid()")) {
            query.setString(1, database);
            query.setString(2, LiquibaseCli.DEPLOY_APPLICATION_NAME);
            while (running) {
                long now = System.nanoTime();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        seen.add(new Seen(now, oneLine(rows.getString(1)), rows.getString(2)));
                    }
                }
                LockSupport.parkNanos(EVERY_MILLIS * 1_000_000);
            }
        } catch (SQLException e) {
            seen.add(new Seen(System.nanoTime(), "(sampling stopped: " + e.getMessage() + ")", null));
        }
    }

    List<Seen> stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(seen);
    }

    /** The distinct statements seen between two instants (a sample's start and end), with what they waited for. */
    static List<String> between(List<Seen> seen, long fromNanos, long toNanos) {
        Set<String> statements = new LinkedHashSet<>();
        for (Seen s : seen) {
            if (s.nanos() >= fromNanos && s.nanos() <= toNanos) {
                statements.add(s.statement() + (s.waiting() == null ? "" : " (waiting: " + s.waiting() + ")"));
            }
        }
        return List.copyOf(statements);
    }

    /** The statement last seen at or before an instant, or "nothing" when none was. */
    static String lastBefore(List<Seen> seen, long nanos) {
        Seen last = null;
        for (Seen s : seen) {
            if (s.nanos() <= nanos && (last == null || s.nanos() >= last.nanos())) {
                last = s;
            }
        }
        return last == null ? "nothing" : last.statement();
    }

    private static String oneLine(String query) {
        String line = query == null ? "" : query.replaceAll("\\s+", " ").strip();
        return line.length() > 140 ? line.substring(0, 140) + "..." : line;
    }
}
