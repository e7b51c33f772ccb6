package platformdb.adoption;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.changelog.ChangeSet;
import platformdb.drift.CannotCheck;
import platformdb.drift.CatalogLedger;
import platformdb.drift.LedgerSource;
import platformdb.drift.LedgerWalk;
import platformdb.liquibase.CommandConnections;

/**
 * What `adopt` plans and verifies with, for the server's major: the master's catalog ledger (the shipped one, or a file
 * given for a test) and every proven reshaping's ledger with its guards, each checked against the changelog as checked
 * out (a stale ledger is a reason not to adopt, never a guess).
 */
final class AdoptionLedgers {

    private final String ledgerFile;

    /** @param ledgerFile a catalog ledger to use instead of the shipped one, or null */
    AdoptionLedgers(String ledgerFile) {
        this.ledgerFile = ledgerFile;
    }

    CatalogLedger master(Connection connection) throws CannotAdopt {
        try {
            return ledgerFile != null ? LedgerSource.file(Path.of(ledgerFile))
                    : LedgerSource.shipped(connection.getMetaData().getDatabaseMajorVersion());
        } catch (CannotCheck | SQLException e) {
            throw new CannotAdopt(e.getMessage(), e);
        }
    }

    /** The adoption of the database on the connection, with the master's checksums as checked out. */
    Adoption adoption(Connection connection, Map<String, String> checkSums, String trackingSchema) throws Exception {
        int major = connection.getMetaData().getDatabaseMajorVersion();
        List<ReshapeLedger> reshapings = new ArrayList<>();
        for (Reshaping reshaping : Reshaping.KNOWN) {
            ReshapeLedger ledger = ReshapeLedger.shipped(reshaping, major);
            Map<String, ChangeSet> changeSets = CommandConnections.changeSets(reshaping.changelogFile());
            Map<String, String> reshapingCheckSums = new LinkedHashMap<>();
            changeSets.forEach((name, changeSet) -> reshapingCheckSums.put(name, LedgerWalk.checkSum(changeSet)));
            ledger.expectCurrent(reshapingCheckSums);
            reshapings.add(ledger.withGuards(ReshapingGuard.of(new ArrayList<>(changeSets.values()))));
        }
        return new Adoption(master(connection), checkSums, trackingSchema, reshapings);
    }
}
