package platformdb.deploy.rollback;

import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;

/**
 * Liquibase's rollbackCount N silently rolls back everything when fewer than N changesets are applied: a typo
 * (rollbackCount 50 for 5) would empty the database. The guard refuses before anything runs.
 */
public final class RollbackCountGuard {

    private RollbackCountGuard() {
    }

    public static void check(CommandScope command, String commandName) throws Exception {
        Integer count = command.getArgumentValue(RollbackCountCommandStep.COUNT_ARG);
        Database database = (Database) command.getDependency(Database.class);
        int applied = database.getRanChangeSetList().size();
        if (count == null || count < 0) {
            throw new LiquibaseException(commandName + " " + count + " refused: the count must not be negative. Nothing was rolled back.");
        }
        if (count > applied) {
            throw new LiquibaseException(commandName + " " + count + " refused: only " + applied
                    + " changeset(s) are applied to " + database.getConnection().getURL() + ". Nothing was rolled back."
                    + (applied == 0 ? " There is nothing to roll back." : " Check `history`; to undo all of them use "
                    + commandName + " " + applied + ", or roll back to a tag."));
        }
    }
}
