package platformdb.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.fixtures.SupabaseLike;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.DeployedSchema;
import platformdb.liquibase.Deployment;
import platformdb.liquibase.LiquibaseFailure;
import platformdb.postgres.FreshDatabase;

/**
 * The master changelog's guard: deploying in the wrong mode halts before anything is applied and says which
 * mode to use; Supabase mode never applies, and so never rolls back, the compatibility layer.
 */
class DeploymentModeGuardTest {

    @Test
    void plainModeOnASupabaseDatabaseHaltsAndSaysToUseSupabaseMode() {
        try (FreshDatabase supabase = SupabaseLike.database(SupabaseLike.ALL_EXTENSIONS)) {
            expectHalt(supabase, Changelog.master(), "it is a Supabase database", "--contexts=supabase");
        }
    }

    @Test
    void supabaseModeOnPlainPostgresHaltsAndSaysToDeployWithoutIt() {
        try (FreshDatabase plain = FreshDatabase.create()) {
            expectHalt(plain, Changelog.master("supabase"), "not a Supabase database", "without --contexts=supabase");
        }
    }

    @Test
    void supabaseModeOnADatabaseWithTheCompatibilityLayerHalts() {
        try (FreshDatabase plain = DeployedSchema.freshDatabase()) {
            expectHalt(plain, Changelog.master("supabase"), "runs the local Supabase-compatibility layer",
                    "without --contexts=supabase");
        }
    }

    @Test
    void supabaseModeHaltsUntilTheExtensionsAreEnabled() {
        try (FreshDatabase supabase = SupabaseLike.database("'uuid-ossp', 'pgcrypto'")) {
            expectHalt(supabase, Changelog.master("supabase"), "pg_trgm and vector enabled in schema extensions");
        }
    }

    @Test
    void supabaseModeSkipsTheCompatibilityLayerAndItsRollbackLeavesSupabaseObjectsAlone() throws SQLException {
        CatalogSnapshot before;
        try (FreshDatabase empty = SupabaseLike.database(SupabaseLike.ALL_EXTENSIONS)) {
            before = CatalogSnapshot.of(empty);
        }
        // The deploy itself is shared (a copy of the JVM's Supabase deploy); what this test runs is the full rollback.
        try (FreshDatabase supabase = SupabaseLike.deployed()) {
            try (Deployment deployment = Changelog.master("supabase").deployTo(supabase)) {
                try (Connection connection = supabase.connect()) {
                    assertEquals("0", SupabaseCompatibilityTest.single(connection,
                            "select count(*)::text from liquibase.databasechangelog where id like 'compat-%' or id like 'create-extension-%'"),
                            "no compatibility-layer or extension changeset is recorded in Supabase mode");
                    assertEquals("base", SupabaseCompatibilityTest.single(connection,
                            "select tag from liquibase.databasechangelog where tag is not null order by orderexecuted limit 1"));
                }
                deployment.rollbackCount(deployment.appliedCount());
            }
            SnapshotDiff diff = before.diffTo(CatalogSnapshot.of(supabase));
            assertTrue(diff.isEmpty(), "rolling everything back must leave Supabase's own objects as they were:\n" + diff.describe());
        }
    }

    private static void expectHalt(FreshDatabase database, Changelog changelog, String... messageParts) {
        CatalogSnapshot before = CatalogSnapshot.of(database);
        try (Deployment deployment = changelog.deployTo(database)) {
            int appliedBefore = deployment.appliedCount();
            LiquibaseFailure failure = assertThrows(LiquibaseFailure.class, deployment::updateAll);
            for (String part : messageParts) {
                assertTrue(failure.getMessage().contains(part), "expected \"" + part + "\" in: " + failure.getMessage());
            }
            assertTrue(failure.getMessage().contains("Nothing was applied"), failure.getMessage());
            assertEquals(appliedBefore, deployment.appliedCount(), "a halted deployment records nothing");
        }
        SnapshotDiff diff = before.diffTo(CatalogSnapshot.of(database));
        assertTrue(diff.isEmpty(), "a halted deployment changes nothing:\n" + diff.describe());
    }
}
