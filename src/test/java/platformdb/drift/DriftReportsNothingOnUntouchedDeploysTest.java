package platformdb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.SupabaseLike;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * No false positives: a database the changelog deployed and nobody touched reports no difference at all, in plain
 * and in Supabase mode, recorded up to a tag, after a full rollback and redeploy, and after pg_dump and pg_restore.
 */
class DriftReportsNothingOnUntouchedDeploysTest {

    private static final Path PG_BIN = platformdb.postgres.PostgresBinaries.clientFor(platformdb.postgres.PostgresServers.shared(), "pg_dump").getParent();

    @Test
    void aFreshPlainDeploy() {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            expectNoDifference(database, DriftCheck.Mode.PLAIN_POSTGRES);
        }
    }

    @Test
    void aFreshSupabaseDeploy() {
        try (FreshDatabase supabase = SupabaseLike.deployed()) {
            expectNoDifference(supabase, DriftCheck.Mode.SUPABASE);
            // Supabase's own schemas and objects are Supabase's; the project's objects are still checked
            supabase.execute("create schema storage; create table storage.objects (id uuid primary key); create table auth.sessions (id uuid primary key)");
            expectNoDifference(supabase, DriftCheck.Mode.SUPABASE);
            supabase.execute("alter policy user_profiles_select_own on public.user_profiles using (true)");
            assertEquals(List.of("changed: policy public.user_profiles.user_profiles_select_own"), Drift.summary(Drift.check(supabase)));
        }
    }

    @Test
    void aDatabaseRecordedUpToATagIsComparedWithTheCatalogAtThatTag() {
        try (FreshDatabase database = FreshDatabase.create()) {
            try (Deployment deployment = Changelog.master().deployTo(database)) {
                deployment.updateToTag("base");
            }
            DriftReport report = expectNoDifference(database, DriftCheck.Mode.PLAIN_POSTGRES);
            assertEquals("base", report.lastTag());
        }
    }

    @Test
    void afterAFullRollbackAndRedeploy() {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            try (Deployment deployment = Changelog.master().deployTo(database)) {
                deployment.rollbackCount(deployment.appliedCount());
                deployment.updateAll();
            }
            expectNoDifference(database, DriftCheck.Mode.PLAIN_POSTGRES);
        }
    }

    @Test
    void afterPgDumpAndPgRestoreIntoANewDatabase() throws IOException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            Path dump = Files.createTempFile("drift-dump", ".custom");
            try {
                run(database, PG_BIN.resolve("pg_dump").toString(), "--format=custom", "--file=" + dump, database.name());
                dropAndRestore(database, dump);
                expectNoDifference(database, DriftCheck.Mode.PLAIN_POSTGRES);
            } finally {
                Files.deleteIfExists(dump);
            }
        }
    }

    private static DriftReport expectNoDifference(FreshDatabase database, DriftCheck.Mode mode) {
        DriftReport report = Drift.check(database);
        assertEquals(mode, report.mode());
        assertEquals(List.of(), Drift.summary(report), report.render(DriftReport.Format.TEXT));
        assertEquals(DriftReport.NO_DRIFT, report.exitCode());
        return report;
    }

    /**
     * Drops the database and restores it from the dump under its name, with its database-level settings (the API
     * roles' search_path, which only pg_restore --create brings back).
     */
    private static void dropAndRestore(FreshDatabase database, Path dump) {
        String maintenance = database.server().maintenanceDatabase();
        try (Connection admin = DriverManager.getConnection(database.server().jdbcUrl(maintenance), database.server().username(), database.server().password());
             Statement statement = admin.createStatement()) {
            statement.execute("drop database " + database.name() + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        run(database, PG_BIN.resolve("pg_restore").toString(), "--create", "--exit-on-error", "--dbname=" + maintenance, dump.toString());
    }

    private static void run(FreshDatabase database, String... command) {
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        List<String> line = new ArrayList<>(List.of(command));
        line.addAll(1, List.of("--host=" + uri.getHost(), "--port=" + uri.getPort(), "--username=" + database.server().username()));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database.server().password());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + line.get(0) + " (set PG_BIN to the PostgreSQL client's bin folder)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
