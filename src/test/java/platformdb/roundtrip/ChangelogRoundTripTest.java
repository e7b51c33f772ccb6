package platformdb.roundtrip;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.drift.CannotCheck;
import platformdb.drift.CatalogLedger;
import platformdb.drift.LedgerSource;
import platformdb.liquibase.Changelog;

/** Every changeset of the real changelog rolls back to exactly the catalog before it. */
class ChangelogRoundTripTest {

    @Test
    void everyChangesetRollsBackToTheExactStateBeforeIt() {
        Changelog changelog = Changelog.master();
        RoundTrip roundTrip = new RoundTrip(changelog);
        long start = System.nanoTime();
        roundTrip.prove();
        report(roundTrip.steps(), System.nanoTime() - start);
        expectTheShippedLedgerCurrent(roundTrip.ledger());
    }

    /** The drift check's ledger is what this walk saw, changeset by changeset: a stale one would make it guess. */
    private static void expectTheShippedLedgerCurrent(CatalogLedger walked) {
        try {
            CatalogLedger shipped = LedgerSource.shipped(walked.postgresMajor());
            shipped.firstDifferenceFrom(walked).ifPresent(difference -> {
                throw new AssertionError("the committed catalog ledger " + LedgerSource.fileName(walked.postgresMajor())
                        + " is stale (" + difference + "): run scripts/catalog-ledger and commit the file");
            });
        } catch (CannotCheck e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static void report(List<RoundTrip.Step> steps, long totalNanos) {
        double meanMillis = steps.stream().mapToLong(RoundTrip.Step::nanos).average().orElse(0) / 1e6;
        RoundTrip.Step slowest = steps.stream().max(Comparator.comparingLong(RoundTrip.Step::nanos)).orElseThrow();
        int tenth = Math.max(1, steps.size() / 10);
        System.out.printf("[round trip] %d changesets in %.1f s: %.0f ms per changeset (apply, rollback, re-apply, 3 refreshed snapshots);"
                        + " first tenth %.0f ms, last tenth %.0f ms; slowest %s at %.0f ms%n",
                steps.size(), totalNanos / 1e9, meanMillis, meanMillis(steps.subList(0, tenth)),
                meanMillis(steps.subList(steps.size() - tenth, steps.size())), slowest.changeSet(), slowest.nanos() / 1e6);
    }

    private static double meanMillis(List<RoundTrip.Step> steps) {
        return steps.stream().mapToLong(RoundTrip.Step::nanos).average().orElse(0) / 1e6;
    }
}
