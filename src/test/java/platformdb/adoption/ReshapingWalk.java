package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import liquibase.changelog.ChangeSet;
import platformdb.catalog.CatalogSnapshot;
import platformdb.drift.CannotCheck;
import platformdb.drift.CatalogLedger;
import platformdb.drift.LedgerSource;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.SeedDatabase;

/** The steps the reshaping tests walk a seed's reshaping changelog with, on the seed's own database. */
final class ReshapingWalk {

    private ReshapingWalk() {
    }

    /**
     * Applies the next changeset, rolls it back (the catalog and rows before it must be back), applies it again (the
     * same catalog as the first time); returns the catalog after it.
     */
    static CatalogSnapshot roundTripNext(SeedDatabase seed, Deployment deployment, CatalogSnapshot before, List<String> walked) {
        FreshDatabase database = seed.database();
        Map<String, String> rowsBefore = seed.fingerprints();
        ChangeSet changeSet = deployment.applyNext();
        String name = Changelog.name(changeSet);
        CatalogSnapshot after = CatalogSnapshot.of(database);
        deployment.rollbackLast();
        assertEquals("", before.diffTo(CatalogSnapshot.of(database)).describe(), name + ": its rollback restores the catalog");
        assertEquals(rowsBefore, seed.fingerprints(), name + ": its rollback restores every row");
        deployment.applyNext();
        assertEquals("", after.diffTo(CatalogSnapshot.of(database)).describe(), name + ": applied again, the same catalog");
        walked.add(changeSet.getId());
        return after;
    }

    /**
     * The planner refuses any database whose Liquibase history has a row (it would be deployed by the changelog), and
     * `adopt` records the baseline before the reshaping runs; here the reshaping ran alone, so this plan reads a
     * tracking schema that does not exist: the catalog it plans from is the live, reshaped one.
     */
    static AdoptionPlan planIgnoringTheReshapingsHistory(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            // The catalog snapshot names types and operator classes relative to the session's search_path, and the
            // ledger was recorded without extensions on it; Supabase puts extensions on every role's search_path, where
            // extensions.vector(1536) would read vector(1536). Planned as the ledger was recorded.
            try (var statement = connection.createStatement()) {
                statement.execute("set search_path = \"$user\", public");
            }
            CatalogLedger ledger = LedgerSource.shipped(connection.getMetaData().getDatabaseMajorVersion());
            return new Adoption(ledger, HandBuilt.changelogCheckSums(), "no_history_here").plan(connection, database.name());
        } catch (SQLException | CannotCheck | CannotAdopt e) {
            throw new AssertionError("could not plan the adoption: " + e.getMessage(), e);
        }
    }

    static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

    /**
     * Walks a whole reshaping on the seed's database (its rows already fixed as its refusals say): each changeset
     * applies, rolls back to exactly the catalog and rows before it, and applies again; the planner then finds nothing
     * left to reshape, refuse or stop; rolling everything back returns the seed's catalog and rows.
     */
    static void assertEveryChangesetRoundTripsAndNothingIsLeftToReshape(SeedDatabase seed, String reshaping) {
        assertEveryChangesetRoundTripsAndNothingIsLeftToReshape(seed, reshaping, reshaped -> {
        });
    }

    /** The same, with a check of the reshaped database before it is rolled back. */
    static void assertEveryChangesetRoundTripsAndNothingIsLeftToReshape(SeedDatabase seed, String reshaping,
                                                                       java.util.function.Consumer<FreshDatabase> whileReshaped) {
        FreshDatabase database = seed.database();
        CatalogSnapshot seedCatalog = CatalogSnapshot.of(database);
        Map<String, String> seedRows = seed.fingerprints();
        database.execute("create schema " + FreshDatabase.TRACKING_SCHEMA);
        List<String> walked = new java.util.ArrayList<>();
        try (Deployment deployment = Changelog.at(Changelog.PROJECT_ROOT, reshaping).deployTo(database)) {
            CatalogSnapshot before = CatalogSnapshot.of(database);
            while (deployment.hasNext()) {
                before = roundTripNext(seed, deployment, before, walked);
            }
            assertEquals(Changelog.at(Changelog.PROJECT_ROOT, reshaping).changeSets().size(), walked.size(), "every reshaping changeset ran");
            whileReshaped.accept(database);

            AdoptionPlan plan = planIgnoringTheReshapingsHistory(database);
            assertEquals(Map.of(), plan.toReshape(), plan.render());
            assertEquals(List.of(), plan.refused(), plan.render());
            assertEquals(List.of(), plan.dataProblems(), plan.render());

            deployment.rollbackCount(walked.size());
            assertEquals(0, deployment.appliedCount());
        }
        database.execute("drop schema " + FreshDatabase.TRACKING_SCHEMA + " cascade");
        assertEquals("", seedCatalog.diffTo(CatalogSnapshot.of(database)).describe(), "rolled back, the seed's catalog");
        assertEquals(seedRows, seed.fingerprints(), "and every row");
    }
}
