package platformdb.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL with pgvector in a container (the major of {@code PG_MAJOR}, default 15), for machines with a Docker engine. */
final class ContainerServer implements PostgresServer {

    private static final DockerImageName IMAGE = DockerImageName.parse("pgvector/pgvector:pg" + PostgresBinaries.configuredMajor())
            .asCompatibleSubstituteFor("postgres");

    private final PostgreSQLContainer container;

    /** Registered in META-INF/services, so main code's {@link PostgresServers} finds containers without their library. */
    public static final class Provider implements PostgresServerProvider {
        @Override
        public boolean available() {
            return dockerAnswers();
        }

        @Override
        public PostgresServer start() {
            return ContainerServer.start();
        }
    }

    private ContainerServer(PostgreSQLContainer container) {
        this.container = container;
    }

    /**
     * Asks Testcontainers only when an engine could be there at all: without a socket or DOCKER_HOST its
     * own probe takes seconds and logs a page of errors.
     */
    static boolean dockerAnswers() {
        boolean engineConfigured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!engineConfigured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static PostgresServer start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        return new ContainerServer(container);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String maintenanceDatabase() {
        return container.getDatabaseName();
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String describe() {
        return "Testcontainers " + IMAGE + " at " + jdbcUrl(maintenanceDatabase());
    }
}
