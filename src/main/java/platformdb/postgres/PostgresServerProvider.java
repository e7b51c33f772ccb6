package platformdb.postgres;

/**
 * A kind of server that main code does not carry itself, found with {@link java.util.ServiceLoader}: the test module
 * registers Testcontainers this way, so the tools' class path needs no container library.
 */
public interface PostgresServerProvider {

    /** Whether this kind of server can be had on this machine; quick and quiet when it cannot. */
    boolean available();

    PostgresServer start();
}
