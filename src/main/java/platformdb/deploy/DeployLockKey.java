package platformdb.deploy;

import liquibase.database.Database;
import liquibase.exception.LockException;

/**
 * The two keys of the deploy's session advisory lock, as liquibase-sessionlock computes them (the hash codes of the
 * lock table's name and of the default schema), so that a deploy of this version and one of an older version exclude
 * each other.
 */
record DeployLockKey(int first, int second) {

    static DeployLockKey of(Database database) throws LockException {
        String schema = database.getDefaultSchemaName();
        if (schema == null) {
            throw new LockException("Default schema name is not set for current DB user/connection");
        }
        return new DeployLockKey(database.getDatabaseChangeLogLockTableName().hashCode(), schema.hashCode());
    }
}
