package platformdb.postgres;

/** A running PostgreSQL server the tests may create and drop databases on. */
public interface PostgresServer {

    /** JDBC URL of the named database on this server. */
    String jdbcUrl(String database);

    /** The database to connect to when creating and dropping others. */
    String maintenanceDatabase();

    /** The role deploys and tests connect as: on the local cluster Supabase's non-superuser {@code postgres}. */
    String username();

    String password();

    /**
     * A superuser, for server setup and test instrumentation only (creating and dropping databases, event triggers):
     * Supabase's own is supabase_admin. The same role as {@link #username()} on a server the user names.
     */
    default String adminUsername() {
        return username();
    }

    default String adminPassword() {
        return password();
    }

    /** One line for logs: what this server is and where. */
    String describe();
}
