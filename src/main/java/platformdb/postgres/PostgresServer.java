package platformdb.postgres;

/** A running PostgreSQL server the tests may create and drop databases on. */
public interface PostgresServer {

    /** JDBC URL of the named database on this server. */
    String jdbcUrl(String database);

    /** The database to connect to when creating and dropping others. */
    String maintenanceDatabase();

    String username();

    String password();

    /** One line for logs: what this server is and where. */
    String describe();
}
