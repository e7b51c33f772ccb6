package platformdb.drift;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import platformdb.liquibase.Changelog;
import platformdb.postgres.FreshDatabase;

/** The drift check as the command runs it, in-process, against a test database and the project's changelog. */
final class Drift {

    private static Map<String, String> checkSums;

    private Drift() {
    }

    static synchronized Map<String, String> changelogCheckSums() {
        if (checkSums == null) {
            checkSums = LedgerWalk.checkSums(Changelog.master().changeSets());
        }
        return checkSums;
    }

    static DriftReport check(FreshDatabase database) {
        return check(database, AcceptedDifferences.none(), false);
    }

    static DriftReport check(FreshDatabase database, AcceptedDifferences accepted, boolean failOnUnknown) {
        try {
            return checkOrExplain(database, accepted, failOnUnknown, shippedLedger(database));
        } catch (CannotCheck e) {
            throw new AssertionError("the drift check could not check: " + e.getMessage(), e);
        }
    }

    /** The ledger the project ships for the major version of the database's server. */
    static CatalogLedger shippedLedger(FreshDatabase database) throws CannotCheck {
        try (Connection connection = database.connect()) {
            return LedgerSource.shipped(connection.getMetaData().getDatabaseMajorVersion());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static DriftReport checkOrExplain(FreshDatabase database, AcceptedDifferences accepted, boolean failOnUnknown, CatalogLedger ledger)
            throws CannotCheck {
        try (Connection connection = database.connect()) {
            return new DriftRun(changelogCheckSums(), accepted, failOnUnknown)
                    .check(connection, FreshDatabase.TRACKING_SCHEMA, ledger, database.name());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The differences as "kind: object" lines, sorted, for exact assertions. */
    static List<String> summary(DriftReport report) {
        return report.differences().stream().map(difference -> difference.kind().label() + ": " + difference.object()).sorted().toList();
    }
}
