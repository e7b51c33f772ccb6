package platformdb.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the machine's own server binaries, on a free localhost port, stopped
 * when the test JVM exits. PostgreSQL refuses to run as root, so as root it runs as the postgres OS user.
 * Its roles are a Supabase project's: the bootstrap superuser is supabase_admin, and deploys and tests run as
 * {@code postgres} with the attributes Supabase gives it, not a superuser (supabase-roles.sql).
 */
final class LocalBinariesServer implements PostgresServer {

    static final int MAJOR = PostgresBinaries.configuredMajor();
    private static final Path BIN = PostgresBinaries.binFolder(MAJOR);
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final Path MEMORY = Path.of("/dev/shm");
    private static final long MEMORY_NEEDED_BYTES = 4L << 30;
    static final String ADMIN = "supabase_admin";

    private final int port;

    private LocalBinariesServer(int port) {
        this.port = port;
    }

    static Path binFolder() {
        return BIN;
    }

    static boolean binariesPresent() {
        return Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(BIN.resolve("initdb"));
    }

    static PostgresServer start() {
        Path pgvectorControl = pgvectorControl();
        if (!Files.exists(pgvectorControl)) {
            throw new IllegalStateException("pgvector is not installed for the local PostgreSQL " + MAJOR + " binaries ("
                    + pgvectorControl + " is missing): run " + PostgresBinaries.installHint(MAJOR));
        }
        requireTrusted(pgvectorControl);
        try {
            Path runDir = clusterDirectory();
            Path dataDir = runDir.resolve("data");
            Files.createDirectories(dataDir);
            if (ROOT) {
                run("chown", "-R", "postgres:", runDir.toString());
            }
            asServerUser(BIN.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", ADMIN,
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            int port = startOnAFreePort(runDir, dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopLeftover(dataDir);
                deleteQuietly(runDir);
            }));
            LocalBinariesServer server = new LocalBinariesServer(port);
            server.createSupabaseRoles();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start a local PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    /** Supabase's postgres and API roles, created by the bootstrap superuser (the script scripts/local-postgres.sh runs too). */
    private void createSupabaseRoles() throws IOException {
        String sql;
        try (InputStream in = LocalBinariesServer.class.getResourceAsStream("supabase-roles.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection admin = DriverManager.getConnection(jdbcUrl(maintenanceDatabase()), ADMIN, "");
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create Supabase's roles on the test cluster: " + e.getMessage(), e);
        }
    }

    /**
     * On Supabase `postgres` creates vector through supautils' privileged extensions; plain PostgreSQL lets a
     * non-superuser create only a trusted extension. pgvector ships untrusted and leaves the call to the administrator
     * (pgvector/pgvector#288); scripts/local-postgres.sh install-pgvector marks it trusted on this machine.
     */
    private static void requireTrusted(Path control) {
        try {
            if (Files.readAllLines(control).stream().noneMatch(line -> line.replace(" ", "").equals("trusted=true"))) {
                throw new IllegalStateException("pgvector is not marked trusted (" + control + "), so the tests' postgres, which is not a"
                        + " superuser, cannot create it as it can on Supabase: run " + PostgresBinaries.installHint(MAJOR) + " (as root)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + control + ": " + e.getMessage(), e);
        }
    }

    /** pgvector's control file in the binaries' own share folder (pg_config --sharedir). */
    private static Path pgvectorControl() {
        try {
            Process process = new ProcessBuilder(BIN.resolve("pg_config").toString(), "--sharedir").start();
            String sharedir = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && !sharedir.isEmpty()) {
                return Path.of(sharedir, "extension", "vector.control");
            }
        } catch (IOException e) {
            // no pg_config: Debian's layout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Path.of("/usr/share/postgresql", String.valueOf(MAJOR), "extension", "vector.control");
    }

    /**
     * A folder of this run's own (runs in parallel must not share a cluster), after clearing folders of earlier
     * runs whose JVM is gone: in memory under /dev/shm where the machine has room there, else under
     * target/pg-test-cluster. The tests create, copy and drop databases by the hundred, each copy a file per
     * relation: on tmpfs that work skips the file system's journal, 7 % of the suite's wall time measured (98 s
     * against 106 s). Elsewhere when the postgres OS user cannot reach the folder (a clone in a private folder).
     */
    private static Path clusterDirectory() throws IOException {
        Path clusters = memoryHasRoom()
                ? MEMORY.resolve("platformdb-test-clusters")
                : Path.of("target", "pg-test-cluster").toAbsolutePath();
        Files.createDirectories(clusters);
        clearAbandonedRuns(clusters);
        Path parent = clusters;
        if (ROOT && exitCode("runuser", "-u", "postgres", "--", "test", "-x", clusters.toString()) != 0) {
            parent = Files.createTempDirectory("pg-test-cluster");
            System.out.println("[tests] the postgres OS user cannot reach " + clusters + "; cluster in " + parent);
        }
        return parent.resolve("run-" + ProcessHandle.current().pid());
    }

    /**
     * A fork's cluster peaks at about 1.2 GB (the hot reads' two batches of 1536-dimension vectors; 2.3 GB for both
     * forks, measured): a container's 64 MB /dev/shm must not be chosen.
     */
    private static boolean memoryHasRoom() throws IOException {
        return Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)
                && Files.getFileStore(MEMORY).getUsableSpace() >= MEMORY_NEEDED_BYTES;
    }

    private static void clearAbandonedRuns(Path clusters) throws IOException {
        try (Stream<Path> runs = Files.list(clusters)) {
            for (Path run : runs.toList()) {
                String name = run.getFileName().toString();
                boolean alive = name.startsWith("run-")
                        && ProcessHandle.of(Long.parseLong(name.substring(4))).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    stopLeftover(run.resolve("data"));
                    deleteQuietly(run);
                }
            }
        } catch (NumberFormatException e) {
            // a folder someone else put there: left alone
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException ignored) {
            // a leftover folder under target/ is harmless; the next run clears it
        }
    }

    private static void stopLeftover(Path dataDir) {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            exitCode(serverUserCommand(BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
        }
    }

    /**
     * Starts the cluster on a port that was free a moment ago; another process (a second test JVM, a build beside
     * this one) can take it in between, so a start that could not bind tries another port, three times at most.
     */
    private static int startOnAFreePort(Path runDir, Path dataDir) throws IOException {
        Path log = runDir.resolve("server.log");
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            try {
                // Durability settings off: a test cluster is thrown away, and fsync costs most of a DDL round trip.
                asServerUser(BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", log.toString(), "-w", "-o",
                        "-p " + port + " -c listen_addresses=localhost -k " + dataDir
                                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
                return port;
            } catch (IllegalStateException e) {
                boolean portTaken = Files.exists(log) && Files.readString(log).contains("could not bind");
                if (!portTaken || attempt == 3) {
                    throw e;
                }
                Files.delete(log);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String[] serverUserCommand(String... command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full.toArray(String[]::new);
    }

    private static void asServerUser(String... command) {
        run(serverUserCommand(command));
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static int exitCode(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String adminUsername() {
        return ADMIN;
    }

    @Override
    public String describe() {
        return "throwaway cluster of the local PostgreSQL " + MAJOR + " binaries (" + BIN + ") on localhost:" + port
                + ", as Supabase's postgres (superuser " + ADMIN + " for setup only)";
    }
}
