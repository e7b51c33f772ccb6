package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.drift.LedgerSource;
import platformdb.liquibase.Changelog;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.SeedDatabase;

/**
 * The reshape ledger of seed 000's final point: the shipped one is what a walk of the reshaping on the seed's database
 * gives today (else scripts/catalog-ledger must be run); it recognises the seed's database and predicts the catalog the
 * reshaping leaves; a database edited off the point, in one entry the reshaping touches, is not recognised and its
 * adoption is refused with that entry named, nothing changed.
 */
class ReshapeLedgerTest {

    private static final Reshaping SEED_000 = Reshaping.named("seed-000-final").orElseThrow();

    @Test
    void everyShippedLedgerIsCurrent() throws Exception {
        for (Reshaping reshaping : Reshaping.KNOWN) {
            ReshapeLedger walked = ReshapeLedger.walk(reshaping);
            ReshapeLedger shipped = ReshapeLedger.shipped(reshaping, walked.ledger().postgresMajor());
            Optional<String> difference = shipped.ledger().firstDifferenceFrom(walked.ledger());
            assertEquals(Optional.empty(), difference, reshaping.ledgerFileName(walked.ledger().postgresMajor())
                    + " is stale: run scripts/catalog-ledger and commit the file");
        }
    }

    @Test
    void aDatabaseOffThePointInOneTouchedEntryIsNotRecognisedAndItsAdoptionIsRefused() throws Exception {
        try (SeedDatabase seed = SeedDatabase.build(new Seed000Final()); Connection connection = seed.connect()) {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            ReshapeLedger ledger = ReshapeLedger.shipped(SEED_000, major);
            assertEquals(List.of(), ledger.differencesFromThePoint(CatalogSnapshot.of(connection)), "the seed's database is at its point");

            seed.database().execute("alter table public.conversations alter column status set default 'open'");
            CatalogSnapshot edited = CatalogSnapshot.of(connection);
            List<AdoptionPlan.EntryDifference> differences = ledger.differencesFromThePoint(edited);
            assertEquals(List.of("column public.conversations.status"), differences.stream().map(AdoptionPlan.EntryDifference::object).toList());

            AdoptionPlan plan = new Adoption(LedgerSource.shipped(major), HandBuilt.changelogCheckSums(), "liquibase", List.of(ledger))
                    .plan(connection, seed.database().name());
            assertNull(plan.recognition().reshaping(), plan.render());
            assertTrue(!plan.adoptable() && plan.render().contains("Not at seed point seed-000-final (1 entries"), plan.render());
            assertTrue(plan.render().contains("column public.conversations.status"), plan.render());
            assertEquals("", edited.diffTo(CatalogSnapshot.of(connection)).describe(), "the plan changes nothing");
        }
    }

    @Test
    void rowsTheReshapingRefusesStopTheAdoptionInThePreviewBeforeAnythingChanges() throws Exception {
        try (SeedDatabase seed = SeedDatabase.build(new Seed000Final()); Connection connection = seed.connect()) {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            ReshapeLedger ledger = ReshapeLedger.shipped(SEED_000, major)
                    .withGuards(ReshapingGuard.of(Changelog.at(Changelog.PROJECT_ROOT, SEED_000.changelogFile()).changeSets()));
            CatalogSnapshot before = CatalogSnapshot.of(connection);
            Map<String, String> rows = seed.fingerprints();

            AdoptionPlan plan = new Adoption(LedgerSource.shipped(major), HandBuilt.changelogCheckSums(), "liquibase", List.of(ledger))
                    .plan(connection, seed.database().name());
            assertEquals("seed-000-final", plan.recognition().reshaping(), plan.render());
            assertEquals(Map.of(), plan.toReshape(), plan.render());
            assertEquals(EXPECTED_REFUSALS, plan.dataProblems().stream().map(problem -> problem.table() + " " + problem.rows()).toList(), plan.render());
            assertTrue(plan.render().contains("public.customer_configs: 1 row breaks the reshaping's rule against rows with a primary_color that is not #rrggbb"),
                    plan.render());
            assertTrue(plan.reasons().contains("constraints would be broken by existing rows"), plan.reasons());
            assertEquals("", before.diffTo(CatalogSnapshot.of(connection)).describe(), "the preview changes nothing");
            assertEquals(rows, seed.fingerprints(), "and no row");
        }
    }

    /** The fixture's rows the reshaping's guards refuse (fixes-for-the-reshaping.sql fixes them), table and count. */
    private static final List<String> EXPECTED_REFUSALS = List.of("public.customer_configs 1", "public.domains 1", "public.scraped_pages 1",
            "public.website_content 1", "public.conversations 1", "public.messages 1", "public.ai_optimized_content 1");
}
