package platformdb.seeds;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import platformdb.seeds.SeedRun.FailedStatement;
import platformdb.postgres.FreshDatabase;

/**
 * The production database of a seed at one point, built on a fresh test database: a Supabase project
 * ({@link SupabaseProject}), the seed's own SQL run as the seed runs it ({@link Recipe}), then the fixture's own SQL: the
 * team's own tables and rows in every table. Closing it drops the database.
 */
public final class SeedDatabase implements AutoCloseable {

    private final SeedPoint point;
    private final FreshDatabase database;
    private final List<FailedStatement> failedStatements;
    private final List<String> seedTables;

    private SeedDatabase(SeedPoint point, FreshDatabase database, List<FailedStatement> failedStatements, List<String> seedTables) {
        this.point = point;
        this.database = database;
        this.failedStatements = failedStatements;
        this.seedTables = seedTables;
    }

    public static SeedDatabase build(SeedPoint point) {
        return build(point, point.fixtureResources());
    }

    /**
     * The seed's database as the seed's own SQL leaves it, without the fixture's team tables and rows: the catalog a
     * reshaping's ledger is walked on.
     */
    public static SeedDatabase bySeedSqlOnly(SeedPoint point) {
        return build(point, List.of());
    }

    private static SeedDatabase build(SeedPoint point, List<String> fixtureResources) {
        FreshDatabase database = SupabaseProject.createAsSupabaseAdmin();
        try (Connection connection = database.connect()) {
            List<FailedStatement> failures = runSeedSql(point, connection);
            SupabaseProject.letPostgresMoveItsExtensions(database);
            List<String> seedTables = publicTables(connection);
            for (String resource : fixtureResources) {
                runStrictly(connection, resource);
            }
            return new SeedDatabase(point, database, failures, seedTables);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw new IllegalStateException("could not build seed database " + point.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The seed's own SQL (its recipe's scripts, run as the seed runs them) on a connection to an empty Supabase project
     * ({@link SupabaseProject}): what {@link #build} runs, for a database made elsewhere (a benchmark's cluster).
     * Returns the statements PostgreSQL refused.
     */
    public static List<FailedStatement> runSeedSql(SeedPoint point, Connection connection) throws SQLException {
        Recipe recipe = point.recipe();
        SeedRun run = new SeedRun(connection, recipe.style());
        for (Recipe.Script script : recipe.scripts(recipe.guide())) {
            run.run(script.origin(), script.sql());
        }
        return run.failures();
    }

    public SeedPoint point() {
        return point;
    }

    public FreshDatabase database() {
        return database;
    }

    public Connection connect() {
        return database.connect();
    }

    /** The seed's statements PostgreSQL refused as written (psql went on past them, as the seed's team did). */
    public List<FailedStatement> failedStatements() {
        return failedStatements;
    }

    /** The tables the seed's SQL created in public, schema-qualified, by name. */
    public List<String> seedTables() {
        return seedTables;
    }

    /** The team's own tables (not in the seed, not in the changelog), schema-qualified. */
    public List<String> teamTables() {
        return point.teamTables();
    }

    /** The seed's tables, then the team's. */
    public List<String> allTables() {
        List<String> all = new ArrayList<>(seedTables);
        all.addAll(point.teamTables());
        return all;
    }

    /** Each table's row count, keyed by the seed's name; a table the reshaping moved is counted where it is now. */
    public Map<String, Long> rowCounts() {
        try (Connection connection = connect()) {
            return TableFingerprints.rowCounts(connection, allTables(), point.movedTables());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each table's row fingerprint, keyed by the seed's name; a table the reshaping moved is read where it is now. */
    public Map<String, String> fingerprints() {
        try (Connection connection = connect()) {
            return TableFingerprints.fingerprints(connection, allTables(), point.movedTables());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }

    private static List<String> publicTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** Runs more of the fixture's SQL on the built database (a resource of src/main/resources/seeds), every statement required to succeed. */
    public void run(String resource) {
        try (Connection connection = connect()) {
            runStrictly(connection, resource);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The fixture's own SQL (team tables, rows) must all run: any error stops the build. */
    public static void runStrictly(Connection connection, String resource) throws SQLException {
        for (String sql : SqlStatements.split(read(resource))) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new SQLException(resource + ": " + e.getMessage() + "\n in: " + sql, e.getSQLState(), e);
            }
        }
    }

    private static String read(String resource) {
        try (InputStream in = SeedDatabase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
