package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.Seed001;
import platformdb.seeds.SeedDatabase;
import platformdb.seeds.SeedPoint;
import platformdb.catalog.CatalogSnapshot;
import platformdb.fixtures.Sql;

/**
 * The adoption plan of the seeds' own production databases (built from the seeds' SQL as written, with rows and the
 * team's own tables): nothing of them is recorded as there by name, the objects the changelog has in another shape
 * are named with both shapes, the team's tables are kept, and the preview changes nothing. Until a proven reshaping
 * covers a seed's state, its adoption is refused.
 */
class SeedAdoptionPlanTest {

    static Stream<Arguments> seeds() {
        return Stream.of(
                Arguments.of(new Seed000Final(), "changelog/tenants/customers.yaml::create-table-customers::platform",
                        "column public.customers.created_at", "relation public.feature_requests"),
                Arguments.of(Seed001.afterOptimizeRlsIndexes(), "changelog/chat/chat-tables.yaml::create-table-conversations::platform",
                        "column public.conversations.channel", "relation public.broadcast_opt_outs"),
                Arguments.of(Seed001.atFinalPoint(), "changelog/chat/chat-tables.yaml::create-table-conversations::platform",
                        "column public.conversations.channel", "relation public.broadcast_opt_outs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void theSeedsDatabaseIsPlannedObjectByObjectAndRefusedUntilAReshapingCoversIt(SeedPoint point, String reshaped,
                                                                                  String differingEntry, String keptObject) throws SQLException {
        try (SeedDatabase seed = SeedDatabase.build(point); Connection connection = seed.connect()) {
            CatalogSnapshot before = CatalogSnapshot.of(connection);
            Map<String, String> rowsBefore = seed.fingerprints();

            AdoptionPlan plan = HandBuilt.plan(seed.database());

            assertFalse(plan.adoptable(), plan.render());
            assertTrue(plan.toReshape().containsKey(reshaped), plan.render());
            assertTrue(plan.toReshape().get(reshaped).stream().anyMatch(difference -> difference.object().equals(differingEntry)), plan.render());
            assertTrue(plan.kept().stream().anyMatch(kept -> kept.difference().object().equals(keptObject)), plan.render());
            assertTrue(plan.render().contains("no proven reshaping covers this state"), plan.render());
            assertEquals("", before.diffTo(CatalogSnapshot.of(connection)).describe(), "the preview changes no object");
            assertEquals(rowsBefore, seed.fingerprints(), "and no row");
            assertEquals("0", Sql.one(connection, "select count(*)::text from pg_namespace where nspname = 'liquibase'"));
        }
    }
}
