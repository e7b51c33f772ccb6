package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.drift.LedgerSource;
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
    void theShippedLedgerIsCurrent() throws Exception {
        ReshapeLedger walked = ReshapeLedger.walk(SEED_000);
        ReshapeLedger shipped = ReshapeLedger.shipped(SEED_000, walked.ledger().postgresMajor());
        Optional<String> difference = shipped.ledger().firstDifferenceFrom(walked.ledger());
        assertEquals(Optional.empty(), difference, SEED_000.ledgerFileName(walked.ledger().postgresMajor())
                + " is stale: run scripts/catalog-ledger and commit the file");
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
}
