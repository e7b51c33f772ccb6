package platformdb.tooling.guard;

import liquibase.command.CommandOverride;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.core.RollbackCountSqlCommandStep;

/** The preview of rollbackCount refuses an impossible count exactly as the command does. */
@CommandOverride(override = RollbackCountSqlCommandStep.class)
public class GuardedRollbackCountSqlCommandStep extends RollbackCountSqlCommandStep {

    @Override
    public void run(CommandResultsBuilder results) throws Exception {
        RollbackCountGuard.check(results.getCommandScope(), "rollbackCountSQL");
        super.run(results);
    }
}
