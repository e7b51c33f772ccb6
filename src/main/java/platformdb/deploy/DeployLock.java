package platformdb.deploy;

import com.github.blagerweij.sessionlock.PGLockService;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;

/**
 * One deploy at a time, with a lock that dies with its process: liquibase-sessionlock's session advisory lock
 * (PostgreSQL frees it when the deploy's connection ends, so a killed deploy never blocks the next one), plus a line
 * on the console that says who holds it while this deploy waits (the library only logs it at INFO).
 */
public class DeployLock extends PGLockService {

    @Override
    public int getPriority() {
        return super.getPriority() + 10;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PlatformPostgresDatabase && super.supports(database);
    }

    @Override
    public void waitForLock() throws LockException {
        if (acquireLock()) {
            return;
        }
        DatabaseChangeLogLock[] holders = listLocks();
        Scope.getCurrentScope().getUI().sendMessage("Waiting for changelog lock: another deploy holds it ("
                + (holders.length == 0 ? "it just ended" : holders[0].getLockedBy()) + "); this one starts when it ends.");
        super.waitForLock();
    }
}
