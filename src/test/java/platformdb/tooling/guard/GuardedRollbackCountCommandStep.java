package platformdb.tooling.guard;

import liquibase.command.CommandOverride;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.core.RollbackCountCommandStep;

/**
 * Liquibase's rollbackCount with {@link RollbackCountGuard} in front. Found through META-INF/services on the
 * classpath of Liquibase's scope: the test classpath, scripts/liquibase, and the Maven plugin (which puts the
 * project's test output directory on that class loader).
 */
@CommandOverride(override = RollbackCountCommandStep.class)
public class GuardedRollbackCountCommandStep extends RollbackCountCommandStep {

    @Override
    public void run(CommandResultsBuilder results) throws Exception {
        RollbackCountGuard.check(results.getCommandScope(), "rollbackCount");
        super.run(results);
    }
}
