package platformdb.deploy;

import java.util.List;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.lockservice.LockServiceFactory;

/**
 * The tracking-schema history service whose reads, before the deploy holds the deploy lock, end their transaction.
 * Liquibase 4.33 reads the history (and checks the tracking tables) before it asks for the lock, on a connection
 * without autocommit: the transaction stayed open, with a snapshot, for the seconds it spends between those reads and
 * the lock, and a running deploy's {@code create index concurrently} waited for it (seen: 1 to 2 s per arriving deploy).
 * Nothing is written before the lock, so ending the transaction there only lets go of the snapshot.
 */
public class UnlockedReadsHistoryService extends TrackingSchemaHistoryService {

    @Override
    public int getPriority() {
        return super.getPriority() + 1;
    }

    @Override
    public void init() throws DatabaseException {
        super.init();
        endTransactionUnlessLocked();
    }

    @Override
    public List<RanChangeSet> getRanChangeSets() throws DatabaseException {
        List<RanChangeSet> ranChangeSets = super.getRanChangeSets();
        endTransactionUnlessLocked();
        return ranChangeSets;
    }

    private void endTransactionUnlessLocked() throws DatabaseException {
        Database database = getDatabase();
        if (database.getConnection() == null || database.getConnection().getAutoCommit()
                || LockServiceFactory.getInstance().getLockService(database).hasChangeLogLock()) {
            return;
        }
        database.commit();
    }
}
