package platformdb.drift;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.ReadOnlyTransaction;

/**
 * One drift check of a live database, reading only: its history (plain SQL), then its catalog, in one read-only
 * transaction whose catalog reads wait at most a moment for a lock ({@code pg_get_viewdef} and friends take
 * them), rolled back at the end.
 */
public final class DriftRun {

    /** How long a catalog read may wait for a lock before the check gives up (exit 2) rather than queue DDL behind it. */
    static final String LOCK_TIMEOUT = "2s";

    private final Map<String, String> changelogCheckSums;
    private final AcceptedDifferences accepted;
    private final boolean failOnUnknown;

    /**
     * @param changelogCheckSums every changeset of the checked-out changelog (file::id::author) with its checksum:
     *                           the ledger must have been computed from exactly these
     */
    public DriftRun(Map<String, String> changelogCheckSums, AcceptedDifferences accepted, boolean failOnUnknown) {
        this.changelogCheckSums = changelogCheckSums;
        this.accepted = accepted;
        this.failOnUnknown = failOnUnknown;
    }

    /**
     * Checks the database on its connection, which is left as it was found (autocommit and read-only state; a
     * transaction the caller had open is committed first, as Liquibase would have).
     */
    public DriftReport check(Connection connection, String trackingSchema, CatalogLedger ledger, String database) throws CannotCheck {
        try {
            return ReadOnlyTransaction.read(connection, LOCK_TIMEOUT, reading -> checkInTransaction(reading, trackingSchema, ledger, database));
        } catch (SQLException | IllegalStateException e) {
            String reason = e.getMessage();
            if (reason != null && reason.contains("lock timeout")) {
                reason += " (a session holds a lock on a catalog object the check reads: try again when it ends)";
            }
            throw new CannotCheck("reading the database failed: " + reason, e);
        }
    }

    private DriftReport checkInTransaction(Connection connection, String trackingSchema, CatalogLedger ledger, String database)
            throws SQLException, CannotCheck {
        int major = connection.getMetaData().getDatabaseMajorVersion();
        if (ledger.postgresMajor() != major) {
            throw new CannotCheck("the catalog ledger is for PostgreSQL " + ledger.postgresMajor() + ", the database runs " + major);
        }
        expectCurrent(changelogCheckSums, ledger);
        RecordedHistory history = RecordedHistory.read(connection, trackingSchema);
        expectKnown(history, ledger);
        DriftCheck.Mode mode = modeOf(history, ledger);
        CatalogLedger.ExpectedCatalog expected = ledger.expectedAfter(history.changeSets());
        CatalogSnapshot live = CatalogSnapshot.of(connection);
        List<Difference> differences = accepted.applyTo(DriftCheck.compare(expected, live, mode));
        return new DriftReport(database, major, mode, history.rows().size(), history.lastTag(), differences,
                accepted.unused(differences), failOnUnknown);
    }

    /** The ledger must describe the changelog as checked out: a stale ledger is never a guess. */
    public static void expectCurrent(Map<String, String> changelogCheckSums, CatalogLedger ledger) throws CannotCheck {
        for (Map.Entry<String, String> changeSet : changelogCheckSums.entrySet()) {
            String inLedger = ledger.step(changeSet.getKey()).map(LedgerStep::checkSum).orElse(null);
            if (!changeSet.getValue().equals(inLedger)) {
                throw new CannotCheck("the catalog ledger is stale: changeset " + changeSet.getKey()
                        + (inLedger == null ? " is not in it" : " changed since it was written")
                        + "; regenerate it with scripts/catalog-ledger");
            }
        }
        for (LedgerStep step : ledger.steps()) {
            if (!changelogCheckSums.containsKey(step.changeSet())) {
                throw new CannotCheck("the catalog ledger is stale: it has changeset " + step.changeSet()
                        + ", which the changelog does not; regenerate it with scripts/catalog-ledger");
            }
        }
    }

    private static void expectKnown(RecordedHistory history, CatalogLedger ledger) throws CannotCheck {
        for (RecordedHistory.Row row : history.rows()) {
            LedgerStep step = ledger.step(row.changeSet()).orElseThrow(() -> new CannotCheck("the database records changeset "
                    + row.changeSet() + ", which this changelog does not have: check with the changelog that deployed it"));
            if (row.checkSum() == null) {
                throw new CannotCheck("the database records no checksum for changeset " + row.changeSet()
                        + " (cleared): run `scripts/liquibase validate` to see whether it is the changelog's version");
            }
            if (!row.checkSum().equals(step.checkSum())) {
                throw new CannotCheck("changeset " + row.changeSet() + " ran in another version than the changelog's (checksum "
                        + row.checkSum() + " in the database, " + step.checkSum() + " in the changelog): `scripts/liquibase validate` names it");
            }
        }
    }

    /** Supabase when the history has none of the compatibility layer's changesets, which run only on plain PostgreSQL. */
    private static DriftCheck.Mode modeOf(RecordedHistory history, CatalogLedger ledger) {
        boolean plain = history.rows().isEmpty() || history.changeSets().stream()
                .anyMatch(name -> ledger.step(name).map(LedgerStep::plainPostgresOnly).orElse(false));
        return plain ? DriftCheck.Mode.PLAIN_POSTGRES : DriftCheck.Mode.SUPABASE;
    }
}
