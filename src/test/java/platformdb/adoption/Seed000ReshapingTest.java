package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.SeedDatabase;
import platformdb.catalog.CatalogSnapshot;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * The reshaping changesets of seed 000 at its final point (changelog/adoption/seed-000-final.yaml), on the seed's own
 * database with its rows: each applies, rolls back to exactly the catalog and rows before it, and applies again to
 * exactly the catalog after it. Afterwards the adoption planner finds nothing of seed 000 left to reshape but what the
 * seed's rows block (the guarded changesets refuse them, naming the rows, changing nothing); rolling everything back
 * returns the seed's catalog and every row. Once the team fixes those rows as the refusals say, the guarded changesets
 * round-trip too and nothing of seed 000 is left in another shape: the reshaped database is adoptable.
 */
class Seed000ReshapingTest {

    static final String RESHAPING = "changelog/adoption/seed-000-final.yaml";

    /** The first changeset that the fixture's rows stop: every changeset from it on is guarded by a refusal. */
    static final String FIRST_GUARDED = "reshape-seed-000-customer-configs-primary-color";

    /** What stays in another shape while the fixture's rows block it: each entry is named by a guarded changeset. */
    static final List<String> BLOCKED_ENTRIES = List.of(
            "column public.ai_optimized_content.domain_id",
            "column public.domains.customer_id",
            "column public.domains.domain",
            "column public.messages.conversation_id",
            "column public.messages.role",
            "column public.scraped_pages.customer_id",
            "column public.website_content.domain_id",
            "constraint public.conversations.chk_conversations_owner",
            "constraint public.customer_configs.chk_customer_configs_primary_color");

    @Test
    void everyReshapingChangesetRoundTripsOnTheSeedsDatabaseAndLeavesOnlyWhatItsRowsBlock() {
        try (SeedDatabase seed = SeedDatabase.build(new Seed000Final())) {
            FreshDatabase database = seed.database();
            CatalogSnapshot seedCatalog = CatalogSnapshot.of(database);
            Map<String, String> seedRows = seed.fingerprints();
            // What Liquibase needs before the reshaping runs: its schema (the adoption creates it the same way).
            database.execute("create schema " + FreshDatabase.TRACKING_SCHEMA);

            Changelog reshaping = Changelog.at(Changelog.PROJECT_ROOT, RESHAPING);
            List<String> walked = new ArrayList<>();
            try (Deployment deployment = reshaping.deployTo(database)) {
                CatalogSnapshot before = seedCatalog;
                while (!deployment.peekNext().getId().equals(FIRST_GUARDED)) {
                    before = ReshapingWalk.roundTripNext(seed, deployment, before, walked);
                }
                assertTrue(walked.size() > 40, "walked " + walked);

                // The rows the changelog cannot take stop the guarded changesets, which change nothing.
                Map<String, String> rowsBefore = seed.fingerprints();
                RuntimeException refused = assertThrows(RuntimeException.class, deployment::applyNext);
                assertTrue(ReshapingWalk.messages(refused).contains("reshape refused: public.customer_configs holds 1 row(s)"), ReshapingWalk.messages(refused));
                assertEquals("", before.diffTo(CatalogSnapshot.of(database)).describe(), "a refused reshaping changes no object");
                assertEquals(rowsBefore, seed.fingerprints(), "and no row");

                AdoptionPlan plan = ReshapingWalk.planIgnoringTheReshapingsHistory(database);
                TreeSet<String> remaining = new TreeSet<>();
                plan.toReshape().values().forEach(differences -> differences.stream()
                        .filter(difference -> difference.database() != null || difference.changelog() != null)
                        .map(AdoptionPlan.EntryDifference::object)
                        .filter(object -> !object.startsWith("(its own objects match)"))
                        .forEach(remaining::add));
                assertEquals(new TreeSet<>(BLOCKED_ENTRIES), remaining, plan.render());
                assertEquals(List.of(), plan.refused(), plan.render());

                deployment.rollbackCount(walked.size());
                assertEquals(0, deployment.appliedCount());
            }
            assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(database)).describe(), "rolled back, the seed's catalog");
            assertEquals(seedRows, seed.fingerprints(), "and every row");
        }
    }

    /**
     * The team fixes or deletes the rows the refusals name, as their messages say, and runs the reshaping again: the
     * guarded changesets then apply, each round-trip proven on those rows (the ones before them are proven above), and
     * the planner finds nothing of seed 000 left in another shape. Rolling everything back returns the seed's catalog
     * and the rows as the team left them.
     */
    @Test
    void onceTheTeamFixesTheRowsTheRefusalsNameTheGuardedChangesetsRoundTripAndNothingIsLeftToReshape() {
        try (SeedDatabase seed = SeedDatabase.build(new Seed000Final())) {
            FreshDatabase database = seed.database();
            CatalogSnapshot seedCatalog = CatalogSnapshot.of(database);
            seed.run("/seeds/000-final/fixes-for-the-reshaping.sql");
            Map<String, String> fixedRows = seed.fingerprints();
            database.execute("create schema " + FreshDatabase.TRACKING_SCHEMA);

            List<String> walked = new ArrayList<>();
            try (Deployment deployment = Changelog.at(Changelog.PROJECT_ROOT, RESHAPING).deployTo(database)) {
                while (!deployment.peekNext().getId().equals(FIRST_GUARDED)) {
                    walked.add(deployment.applyNext().getId());
                }
                CatalogSnapshot before = CatalogSnapshot.of(database);
                List<String> guarded = new ArrayList<>();
                while (deployment.hasNext()) {
                    before = ReshapingWalk.roundTripNext(seed, deployment, before, guarded);
                }
                assertEquals(FIRST_GUARDED, guarded.get(0));
                walked.addAll(guarded);
                assertEquals(Changelog.at(Changelog.PROJECT_ROOT, RESHAPING).changeSets().size(), walked.size(), "every reshaping changeset ran");

                AdoptionPlan plan = ReshapingWalk.planIgnoringTheReshapingsHistory(database);
                assertEquals(Map.of(), plan.toReshape(), plan.render());
                assertEquals(List.of(), plan.refused(), plan.render());
                assertEquals(List.of(), plan.dataProblems(), plan.render());

                deployment.rollbackCount(walked.size());
                assertEquals(0, deployment.appliedCount());
            }
            assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(database)).describe(), "rolled back, the seed's catalog");
            assertEquals(fixedRows, seed.fingerprints(), "and every row the team kept");
        }
    }
}
