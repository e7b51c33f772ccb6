package platformdb.deploy;

import java.util.List;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.AfterTagChangeSetFilter;
import liquibase.changelog.filter.CountChangeSetFilter;
import liquibase.changelog.filter.ExecutedAfterChangeSetFilter;
import liquibase.command.CommandOverride;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.RollbackToDateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.database.Database;
import liquibase.TagVersionEnum;
import platformdb.deploy.rollback.AlreadyAtTag;
import platformdb.deploy.rollback.RollbackCountGuard;
import platformdb.deploy.rollback.RollbackRehearsal;
import platformdb.drift.UpdateDriftGuard;

/**
 * The checks that run before a command changes anything: before a rollback undoes anything, the
 * {@link RollbackCountGuard} (rollbackCount and its preview) and the {@link RollbackRehearsal} (rollbackCount, rollback
 * to a tag and rollbackToDate); before an update applies anything, the {@link UpdateDriftGuard} (drift on what the
 * pending changesets touch).
 *
 * <p>It rides on the step that loads the changelog, which every rollback command runs first, rather than overriding
 * the rollback commands themselves: the Liquibase Maven plugin brings liquibase-commercial, whose own overrides of
 * those commands would collide with ours (Liquibase allows one override per command).
 */
@CommandOverride(override = DatabaseChangelogCommandStep.class)
public class CommandPreflight extends DatabaseChangelogCommandStep {

    @Override
    public void run(CommandResultsBuilder results) throws Exception {
        super.run(results);
        CommandScope command = results.getCommandScope();
        String name = String.join(" ", command.getCommand().getName());
        switch (name) {
            case "rollbackCount" -> {
                RollbackCountGuard.check(command, "rollbackCount");
                Integer count = command.getArgumentValue(RollbackCountCommandStep.COUNT_ARG);
                RollbackRehearsal.rehearse(command, applied(command), new CountChangeSetFilter(count));
            }
            case "rollbackCountSql" -> RollbackCountGuard.check(command, "rollbackCountSQL");
            case "rollback" -> {
                List<RanChangeSet> applied = applied(command);
                AlreadyAtTag.check(command.getArgumentValue(RollbackCommandStep.TAG_ARG), applied,
                        (DatabaseChangeLog) command.getDependency(DatabaseChangeLog.class));
                TagVersionEnum tagVersion = TagVersionEnum.valueOf(command.getArgumentValue(RollbackCommandStep.TAG_VERSION_ARG));
                RollbackRehearsal.rehearse(command, applied, new AfterTagChangeSetFilter(
                        command.getArgumentValue(RollbackCommandStep.TAG_ARG), applied, tagVersion,
                        (DatabaseChangeLog) command.getDependency(DatabaseChangeLog.class)));
            }
            case "rollbackToDate" -> {
                List<RanChangeSet> applied = applied(command);
                RollbackRehearsal.rehearse(command, applied,
                        new ExecutedAfterChangeSetFilter(command.getArgumentValue(RollbackToDateCommandStep.DATE_ARG), applied));
            }
            case "update", "updateCount", "updateToTag" -> UpdateDriftGuard.check(command);
            default -> {
                // other commands load the changelog as Liquibase does
            }
        }
    }

    private static List<RanChangeSet> applied(CommandScope command) throws Exception {
        return ((Database) command.getDependency(Database.class)).getRanChangeSetList();
    }
}
