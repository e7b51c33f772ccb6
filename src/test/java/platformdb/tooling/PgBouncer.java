package platformdb.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import platformdb.postgres.PostgresServer;

/**
 * A real PgBouncer (Debian's package, installed by {@code scripts/local-postgres.sh install-pgbouncer}) on a free
 * loopback port in front of the test server, in session or transaction mode: the poolers CI deploys through
 * (Supavisor's session mode on port 5432, its transaction mode on 6543). It starts in milliseconds and runs until
 * closed. Trust authentication on loopback; pgjdbc's {@code extra_float_digits} startup parameter is ignored, as
 * PgBouncer refuses it otherwise. As root it runs as the postgres OS user (PgBouncer refuses to run as root).
 */
final class PgBouncer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    enum Mode { SESSION, TRANSACTION }

    private final Process process;
    private final CompletableFuture<String> log;
    private final Path folder;
    private final int port;

    private PgBouncer(Process process, CompletableFuture<String> log, Path folder, int port) {
        this.process = process;
        this.log = log;
        this.folder = folder;
        this.port = port;
    }

    /** With {@code settings} ("server_round_robin = 1") added to its [pgbouncer] section. */
    static PgBouncer inFrontOf(PostgresServer server, Mode mode, String... settings) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("pgbouncer is not installed (" + BINARY + " is missing): run"
                    + " scripts/local-postgres.sh install-pgbouncer (install-pgvector installs it too)");
        }
        URI target = URI.create(server.jdbcUrl(server.maintenanceDatabase()).substring("jdbc:".length()));
        try {
            Path folder = Files.createTempDirectory("pgbouncer-");
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path users = folder.resolve("userlist.txt");
            Files.writeString(users, "\"" + server.username() + "\" \"" + server.password() + "\"\n");
            int port = freePort();
            Path ini = folder.resolve("pgbouncer.ini");
            Files.writeString(ini, String.join("\n",
                    "[databases]",
                    "* = host=" + target.getHost() + " port=" + target.getPort(),
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + users,
                    "pool_mode = " + mode.name().toLowerCase(),
                    "ignore_startup_parameters = extra_float_digits",
                    "max_client_conn = 200",
                    "default_pool_size = 20",
                    "logfile =",
                    "pidfile =",
                    String.join("\n", settings),
                    ""));
            for (Path file : List.of(users, ini)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new ArrayList<>();
            if (ROOT) {
                // setpriv execs PgBouncer itself, so destroying the process stops PgBouncer (runuser would stay between).
                command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
            }
            command.addAll(List.of(BINARY.toString(), ini.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            PgBouncer bouncer = new PgBouncer(process, Cli.drain(process.getInputStream()), folder, port);
            Runtime.getRuntime().addShutdownHook(new Thread(bouncer::close));
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start pgbouncer: " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of a database through this pooler, with {@code parameters} ("prepareThreshold=0") when given. */
    String jdbcUrl(String database, String... parameters) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + (parameters.length == 0 ? "" : "?" + String.join("&", parameters));
    }

    /** Waits until the port accepts connections (or PgBouncer has exited, which fails with its log). */
    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited " + process.exitValue() + ":\n" + log.join());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("pgbouncer did not listen on 127.0.0.1:" + port + " within a minute:\n" + log.join());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary folder
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
