package platformdb.deploy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import liquibase.Scope;

/**
 * Refuses a deploy through a transaction-mode pooler (Supavisor on port 6543, PgBouncer with pool_mode=transaction)
 * before it does anything: there each transaction may run on another server connection, so the deploy's session
 * advisory lock is taken on one server connection and stays there (the unlock lands elsewhere, PgBouncer issue 617),
 * and pgjdbc's prepared statements go missing. Session mode (one server connection per client session) is the way.
 *
 * <p>Two checks, both before Liquibase reads or writes anything: the URL (Supabase's transaction port, 6543, by name),
 * then the connection's behaviour. An idle pool may hand a client the same server connection transaction after
 * transaction, so the behaviour is probed while another client of the same pool (a second connection with the same
 * URL and credentials) holds a transaction open: in transaction mode that client may be given this session's server
 * connection, or this session's next transaction goes to another one, or a session setting does not survive.
 * In session mode none of the three can happen. What the probe misses is caught by each changeset's own check that its
 * backend holds the deploy lock ({@link PlatformPostgresDatabase}).
 */
final class TransactionPooler {

    /** Supavisor's transaction-mode port on Supabase's pooler host. */
    static final int SUPABASE_TRANSACTION_PORT = 6543;
    /** {@code off} skips the behaviour probe (the URL check and each changeset's lock check remain). */
    static final String PROBE_PROPERTY = "platformdb.poolerProbe";
    static final String PROBE_VARIABLE = "PLATFORMDB_POOLER_PROBE";
    static final String SESSION_MODE = "Deploy through Supabase's session-mode pooler instead (the same pooler host,"
            + " port 5432, user postgres.<project-ref>) or the direct connection (README, \"Deploying from CI\").";
    private static final String SETTING = "platformdb.pooler_probe";

    private TransactionPooler() {
    }

    /** Opens another client connection of the same pool, or returns null when it cannot. */
    @FunctionalInterface
    interface OtherClient {
        Connection open() throws SQLException;
    }

    /** The refusal, when the URL names Supabase's transaction-mode port. */
    static Optional<String> refusalForUrl(String url) {
        for (int port : ports(url)) {
            if (port == SUPABASE_TRANSACTION_PORT) {
                return Optional.of("Refused: port " + SUPABASE_TRANSACTION_PORT + " is Supabase's transaction-mode pooler,"
                        + " where a deploy's session lock and prepared statements do not hold; nothing was done. " + SESSION_MODE);
            }
        }
        return Optional.empty();
    }

    /** The ports of a {@code jdbc:postgresql:} URL's hosts (5432 where none is given). */
    static List<Integer> ports(String url) {
        List<Integer> ports = new ArrayList<>();
        String prefix = "jdbc:postgresql:";
        if (url == null || !url.startsWith(prefix)) {
            return ports;
        }
        String rest = url.substring(prefix.length());
        if (!rest.startsWith("//")) {
            ports.add(5432);
            return ports;
        }
        rest = rest.substring(2);
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        for (String host : rest.substring(0, end).split(",")) {
            int bracket = host.lastIndexOf(']');
            int colon = host.lastIndexOf(':');
            if (colon > bracket && colon < host.length() - 1) {
                try {
                    ports.add(Integer.parseInt(host.substring(colon + 1).trim()));
                } catch (NumberFormatException e) {
                    ports.add(-1);
                }
            } else {
                ports.add(5432);
            }
        }
        return ports;
    }

    static boolean probeEnabled() {
        String value = System.getProperty(PROBE_PROPERTY, System.getenv(PROBE_VARIABLE));
        return value == null || !value.trim().equalsIgnoreCase("off");
    }

    /**
     * The refusal, when the connection behaves as a transaction-mode pooler's. Runs four short transactions on
     * {@code deploy} (its autocommit mode restored after), the last two while another client holds a transaction open.
     */
    static Optional<String> refusalByBehaviour(Connection deploy, OtherClient others) throws SQLException {
        boolean autoCommit = deploy.getAutoCommit();
        deploy.setAutoCommit(true);
        try {
            String token = UUID.randomUUID().toString();
            int first = single(deploy, "select pg_backend_pid(), set_config('" + SETTING + "', '" + token + "', false)").pid();
            // Once alone (a round-robin pool of two idle server connections gives the next transaction the other one),
            Optional<String> moved = movedBetweenTransactions(deploy, first, token);
            if (moved.isPresent()) {
                return moved;
            }
            // then while another client holds a transaction (a last-in-first-out pool hands it this session's).
            Optional<Backend> other = Optional.empty();
            Connection client = openQuietly(others);
            try {
                if (client != null) {
                    client.setAutoCommit(false);
                    try {
                        other = Optional.of(single(client, "select pg_backend_pid(), 'other client'"));
                    } catch (SQLException e) {
                        // PgBouncer in statement mode refuses any transaction block
                        if (String.valueOf(e.getMessage()).contains("pool mode")) {
                            return Optional.of(refusal("the pooler refuses a transaction block (" + e.getMessage() + ")"));
                        }
                        throw e;
                    }
                }
                if (other.isPresent() && other.get().pid() == first) {
                    return Optional.of(refusal("another client of the pool was given this session's server connection"
                            + " (backend pid " + first + ")"));
                }
                for (int i = 0; i < 2; i++) {
                    moved = movedBetweenTransactions(deploy, first, token);
                    if (moved.isPresent()) {
                        return moved;
                    }
                }
            } finally {
                if (client != null) {
                    try {
                        client.rollback();
                    } finally {
                        client.close();
                    }
                }
            }
            return Optional.empty();
        } finally {
            deploy.setAutoCommit(autoCommit);
        }
    }

    private static Optional<String> movedBetweenTransactions(Connection deploy, int first, String token) throws SQLException {
        Backend next = single(deploy, "select pg_backend_pid(), current_setting('" + SETTING + "', true)");
        if (next.pid() != first || !token.equals(next.value())) {
            return Optional.of(refusal("this session's transactions ran on different server connections (backend pid "
                    + first + ", then " + next.pid() + (token.equals(next.value()) ? "" : ", where its session setting was not") + ")"));
        }
        return Optional.empty();
    }

    private static String refusal(String seen) {
        return "Refused: this connection goes through a transaction-mode pooler: " + seen + ". There the deploy lock (a"
                + " session advisory lock) would stay on a pooled server connection; nothing was done. " + SESSION_MODE;
    }

    private static Connection openQuietly(OtherClient others) {
        try {
            return others.open();
        } catch (SQLException | RuntimeException e) {
            Scope.getCurrentScope().getLog(TransactionPooler.class).warning("Could not open a second connection to probe for a"
                    + " transaction-mode pooler (" + e.getMessage() + "); each changeset still checks that it holds the deploy lock.");
            return null;
        }
    }

    private record Backend(int pid, String value) {
    }

    private static Backend single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return new Backend(row.getInt(1), row.getString(2));
        }
    }
}
