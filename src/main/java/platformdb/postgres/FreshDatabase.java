package platformdb.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An empty database of its own for one test, with the schema of Liquibase's tracking tables (Liquibase does
 * not create it). Dropped on close.
 */
public final class FreshDatabase implements AutoCloseable {

    public static final String TRACKING_SCHEMA = "liquibase";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PostgresServer server;
    private final String name;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private FreshDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public static FreshDatabase create() {
        FreshDatabase database = createDatabase(null);
        database.execute("create schema " + TRACKING_SCHEMA);
        return database;
    }

    /**
     * A copy of another database (which must have no open connection), with its per-database role settings
     * ({@code alter role ... in database}), which PostgreSQL keeps in the cluster's catalog, outside the copied files.
     * From PostgreSQL 15 on, the files are copied (strategy file_copy) rather than written block by block through
     * the WAL: 40-80 ms instead of ~145 ms for the deployed template, measured on the test cluster's settings.
     */
    public static FreshDatabase copyOf(FreshDatabase template) {
        return createDatabase(template.name);
    }

    /** Creates an empty database, or a copy of {@code template} with its role settings, over the admin connection. */
    private static FreshDatabase createDatabase(String template) {
        PostgresServer server = PostgresServers.shared();
        String name = "test_" + COUNTER.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            AdminConnection.on(server, admin -> {
                try (Statement statement = admin.createStatement()) {
                    // Owned by the deploying role, as Supabase's database postgres is owned by postgres: in 15+ public
                    // belongs to the database's owner.
                    String owner = " owner \"" + server.username() + "\"";
                    if (template == null) {
                        statement.execute("create database " + name + owner);
                        return;
                    }
                    boolean fileCopy = admin.getMetaData().getDatabaseMajorVersion() >= 15;
                    statement.execute("create database " + name + owner + " template " + template + (fileCopy ? " strategy file_copy" : ""));
                    for (String setting : roleSettingsOf(admin, template, name)) {
                        statement.execute(setting);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database on " + server.describe() + ": " + e.getMessage(), e);
        }
        return new FreshDatabase(server, name);
    }

    /**
     * The role settings of database {@code from}, as statements that give them to database {@code to}. List settings
     * are stored as the SQL list they were set with ("$user", public); any other value is quoted as one literal.
     */
    private static List<String> roleSettingsOf(Connection admin, String from, String to) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement("""
                select format('alter role %I in database %I set %s = %s', r.rolname, ?::text, name,
                              case when name in ('search_path', 'temp_tablespaces') then value else quote_literal(value) end)
                from pg_db_role_setting s join pg_roles r on r.oid = s.setrole, unnest(s.setconfig) setting,
                     lateral (select split_part(setting, '=', 1) as name, substr(setting, strpos(setting, '=') + 1) as value) parts
                where s.setdatabase = (select oid from pg_database where datname = ?)""")) {
            query.setString(1, to);
            query.setString(2, from);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
        }
        return statements;
    }

    /**
     * Keeps this database until the JVM exits, then drops it: a template that copies are made from for the whole run.
     * Returns this database.
     */
    public FreshDatabase droppedAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close();
            } catch (RuntimeException ignored) {
                // the server may already be stopping with the JVM
            }
        }));
        return this;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public PostgresServer server() {
        return server;
    }

    /** A connection as the deploying role (Supabase's postgres on the local cluster, not a superuser), autocommit on. */
    public Connection connect() {
        try {
            return DriverManager.getConnection(jdbcUrl(), server.username(), server.password());
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect to " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A connection as the server's superuser, for instrumentation a deploy never does (event triggers, loading data
     * with triggers off), as Supabase keeps supabase_admin for itself. Never for what a deploy or a test acts out.
     */
    public Connection connectAsAdmin() {
        try {
            return DriverManager.getConnection(jdbcUrl(), server.adminUsername(), server.adminPassword());
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect to " + jdbcUrl() + " as " + server.adminUsername() + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Closes the resource (a test helper holding connections) before this database is dropped. */
    public <T extends AutoCloseable> T closesWithIt(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // the drop below ends its connections anyway
            }
        }
        resources.clear();
        try {
            AdminConnection.on(server, admin -> {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("drop database if exists " + name + " with (force)");
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }
}
