package platformdb.tooling.guard;

import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.database.Database;
import liquibase.exception.CommandValidationException;

/**
 * Liquibase's rollbackCount N silently rolls back everything when fewer than N changesets are applied: a typo
 * (rollbackCount 50 for 5) would empty the database. The guard refuses before anything runs.
 */
final class RollbackCountGuard {

    private RollbackCountGuard() {
    }

    static void check(CommandScope command, String commandName) throws Exception {
        Integer count = command.getArgumentValue(RollbackCountCommandStep.COUNT_ARG);
        Database database = command.getDependency(Database.class);
        int applied = database.getRanChangeSetList().size();
        if (count == null || count < 1) {
            throw new CommandValidationException(commandName + " " + count + " refused: the count must be at least 1. Nothing was rolled back.");
        }
        if (count > applied) {
            throw new CommandValidationException(commandName + " " + count + " refused: only " + applied
                    + " changeset(s) are applied to " + database.getConnection().getURL()
                    + ". Nothing was rolled back. Check `history`; to undo everything use " + commandName + " " + applied
                    + " or rollback to a tag.");
        }
    }
}
