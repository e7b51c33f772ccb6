package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import platformdb.catalog.CatalogSnapshot;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.Seed001;
import platformdb.seeds.SeedDatabase;

/**
 * The reshapings of seed 001 right after its migration 001_optimize_rls_indexes and at its final point
 * (changelog/adoption/seed-001-after-optimize-rls-indexes.yaml, seed-001-final.yaml), each on the seed's own database
 * with its rows: its first changeset refuses the rows the changelog cannot hold, naming them, before anything changes.
 * Once the team fixed them as the refusal says, each changeset applies, rolls back to exactly the catalog and rows
 * before it (auth accounts included) and applies again; the planner then finds nothing of seed 001 left in another
 * shape; rolling everything back returns the seed's catalog and rows.
 */
class Seed001ReshapingTest {

    static Stream<Arguments> points() {
        return Stream.of(Arguments.of(Seed001.afterOptimizeRlsIndexes(), "changelog/adoption/seed-001-after-optimize-rls-indexes.yaml"),
                Arguments.of(Seed001.atFinalPoint(), "changelog/adoption/seed-001-final.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void theRowsTheChangelogCannotHoldAreRefusedBeforeAnythingChanges(Seed001 point, String reshaping) {
        try (SeedDatabase seed = SeedDatabase.build(point)) {
            FreshDatabase database = seed.database();
            Map<String, String> seedRows = seed.fingerprints();
            database.execute("create schema " + FreshDatabase.TRACKING_SCHEMA);
            CatalogSnapshot before = CatalogSnapshot.of(database);
            try (Deployment deployment = Changelog.at(Changelog.PROJECT_ROOT, reshaping).deployTo(database)) {
                RuntimeException refused = assertThrows(RuntimeException.class, deployment::applyNext);
                assertTrue(ReshapingWalk.messages(refused).contains("reshape refused: public.messages_v2 holds 1 row(s) with a role null"),
                        ReshapingWalk.messages(refused));
            }
            assertEquals("", before.diffTo(CatalogSnapshot.of(database)).describe(), "a refused reshaping changes no object");
            assertEquals(seedRows, seed.fingerprints(), "and no row");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void onceTheTeamFixesTheRowsEveryChangesetRoundTripsAndNothingIsLeftToReshape(Seed001 point, String reshaping) throws Exception {
        try (SeedDatabase seed = SeedDatabase.build(point)) {
            seed.run("/seeds/001/fixes-for-the-reshaping.sql");
            String authUsers;
            try (Connection connection = seed.connect()) {
                authUsers = Sql.one(connection, "select count(*)::text from auth.users");
            }
            ReshapingWalk.assertEveryChangesetRoundTripsAndNothingIsLeftToReshape(seed, reshaping, reshaped -> {
                try (Connection connection = reshaped.connect()) {
                    assertEquals("3", Sql.one(connection, "select count(*)::text from auth.users a join public.user_profiles p on p.id = a.id"
                            + " where '+' || a.phone = p.phone_number"), "each seed user has an auth account with the user's id and phone");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection connection = seed.connect()) {
                assertEquals(authUsers, Sql.one(connection, "select count(*)::text from auth.users"), "and no auth account it created");
            }
        }
    }
}
