package platformdb.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/**
 * A database deployed before the files declared their logicalFilePath (DATABASECHANGELOG exactly as the ledger
 * records it, written by Liquibase 5.0.4) sees nothing to run with the current changelog, and validates. The
 * same check notices an edited checksum, a renamed id and a changed file path.
 */
class OldLayoutDeploymentTest {

    private static final Ledger LEDGER = Ledger.project();

    private FreshDatabase database;
    private DeployedHistory history;

    @BeforeEach
    void deployed() {
        database = DeployedSchema.freshDatabase();
        history = new DeployedHistory(database);
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void aDeployRecordsEveryLandedChangesetAsTheLedgerHasIt() {
        List<LandedChangeset> recorded = history.rows();
        assertTrue(recorded.size() >= LEDGER.rows().size(), "fewer changesets applied than have landed");
        assertEquals(LEDGER.rows(), recorded.subList(0, LEDGER.rows().size()),
                "filename, id, author and checksum recorded by a deploy of the current changelog, against the ledger");
    }

    @Test
    void theOldLayoutHasNothingToRunAndValidates() {
        recordedAsTheOldLayout();
        assertEquals(List.of(), history.unrunChangeSets(), "changesets the current layout would run again on a database deployed by the old one");
        history.validate();
    }

    @Test
    void anEditedChecksumFailsValidation() {
        recordedAsTheOldLayout();
        LandedChangeset landed = LEDGER.rows().get(100);
        history.record(landed.id(), landed.author(),
                new LandedChangeset(landed.filename(), landed.id(), landed.author(), "9:00000000000000000000000000000000"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, history::validate);
        assertTrue(refused.getMessage().contains(landed.filename() + "::" + landed.id()), refused.getMessage());
    }

    @Test
    void aRenamedIdWouldRunAgain() {
        recordedAsTheOldLayout();
        LandedChangeset landed = LEDGER.rows().get(100);
        history.record(landed.id(), landed.author(),
                new LandedChangeset(landed.filename(), landed.id() + "-renamed", landed.author(), landed.md5sum()));
        assertEquals(List.of(landed.identity()), history.unrunChangeSets());
    }

    @Test
    void aChangedFilePathWouldRunAgain() {
        recordedAsTheOldLayout();
        LandedChangeset landed = LEDGER.rows().get(100);
        history.record(landed.id(), landed.author(),
                new LandedChangeset("changelog/moved/" + landed.filename().substring("changelog/".length()), landed.id(), landed.author(), landed.md5sum()));
        assertEquals(List.of(landed.identity()), history.unrunChangeSets());
    }

    /** DATABASECHANGELOG as the deploy from main with Liquibase 5.0.4 wrote it: the ledger's rows. */
    private void recordedAsTheOldLayout() {
        history.recordAsWritten(LEDGER.rows());
    }
}
