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
import liquibase.lockservice.LockServiceFactory;
import liquibase.TagVersionEnum;
import platformdb.deploy.rollback.AdoptedChangesetsGuard;
import platformdb.deploy.rollback.AlreadyAtTag;
import platformdb.deploy.rollback.RollbackCountGuard;
import platformdb.deploy.rollback.RollbackRehearsal;
import platformdb.deploy.rollback.SkippedChangesetsGuard;
import platformdb.drift.UpdateDriftGuard;

/**
 * The checks that run before a command changes anything: before a rollback undoes anything, the
 * {@link RollbackCountGuard} (rollbackCount and its preview), the {@link AdoptedChangesetsGuard} (every rollback and
 * its preview: never past an adoption) and the {@link RollbackRehearsal} (rollbackCount, rollback to a tag and
 * rollbackToDate); before an update applies anything, the {@link UnfinishedAdoptionGuard} (never onto an adoption
 * whose reshaping stopped half-way) and the {@link UpdateDriftGuard} (drift on what the pending changesets touch).
 *
 * <p>It rides on the step that loads the changelog, which every rollback command runs first, rather than overriding
 * the rollback commands themselves: the Liquibase Maven plugin brings liquibase-commercial, whose own overrides of
 * those commands would collide with ours (Liquibase allows one override per command).
 */
@CommandOverride(override = DatabaseChangelogCommandStep.class)
public class CommandPreflight extends DatabaseChangelogCommandStep {

    private static final java.util.Set<String> DEPLOYS = java.util.Set.of("update", "updateCount", "updateToTag");

    @Override
    public void run(CommandResultsBuilder results) throws Exception {
        CommandScope command = results.getCommandScope();
        String name = String.join(" ", command.getCommand().getName());
        if (DEPLOYS.contains(name)) {
            waitForTheDeployLockFirst(command);
            try {
                super.run(results);
            } catch (Exception | Error failure) {
                // Liquibase's lock step never ran, so it will not release the lock: a broken changelog must not hold it
                LockServiceFactory.getInstance().getLockService((Database) command.getDependency(Database.class)).releaseLock();
                throw failure;
            }
        } else {
            super.run(results);
        }
        switch (name) {
            case "rollbackCount" -> {
                RollbackCountGuard.check(command, "rollbackCount");
                Integer count = command.getArgumentValue(RollbackCountCommandStep.COUNT_ARG);
                List<RanChangeSet> applied = applied(command);
                SkippedChangesetsGuard.check(command, "rollbackCount " + count, applied, () -> new CountChangeSetFilter(count),
                        Math.max(0, applied.size() - count));
                AdoptedChangesetsGuard.check(command, applied, () -> new CountChangeSetFilter(count));
                RollbackRehearsal.rehearse(command, applied, new CountChangeSetFilter(count));
            }
            case "rollbackCountSql" -> {
                RollbackCountGuard.check(command, "rollbackCountSQL");
                Integer count = command.getArgumentValue(RollbackCountCommandStep.COUNT_ARG);
                List<RanChangeSet> applied = applied(command);
                SkippedChangesetsGuard.check(command, "rollbackCountSQL " + count, applied, () -> new CountChangeSetFilter(count),
                        Math.max(0, applied.size() - count));
                AdoptedChangesetsGuard.check(command, applied, () -> new CountChangeSetFilter(count));
            }
            case "rollback", "rollbackSql" -> {
                List<RanChangeSet> applied = applied(command);
                DatabaseChangeLog changelog = (DatabaseChangeLog) command.getDependency(DatabaseChangeLog.class);
                String tag = command.getArgumentValue(RollbackCommandStep.TAG_ARG);
                TagVersionEnum tagVersion = TagVersionEnum.valueOf(command.getArgumentValue(RollbackCommandStep.TAG_VERSION_ARG));
                if (name.equals("rollback")) {
                    AlreadyAtTag.check(tag, applied, changelog);
                }
                SkippedChangesetsGuard.check(command, name + " " + tag, applied,
                        () -> new AfterTagChangeSetFilter(tag, applied, tagVersion, changelog), afterTag(applied, tag, tagVersion));
                AdoptedChangesetsGuard.check(command, applied, () -> new AfterTagChangeSetFilter(tag, applied, tagVersion, changelog));
                if (name.equals("rollback")) {
                    RollbackRehearsal.rehearse(command, applied, new AfterTagChangeSetFilter(tag, applied, tagVersion, changelog));
                }
            }
            case "rollbackToDate", "rollbackToDateSql" -> {
                List<RanChangeSet> applied = applied(command);
                java.util.Date date = command.getArgumentValue(RollbackToDateCommandStep.DATE_ARG);
                SkippedChangesetsGuard.check(command, name + " " + date, applied, () -> new ExecutedAfterChangeSetFilter(date, applied),
                        afterDate(applied, date));
                AdoptedChangesetsGuard.check(command, applied, () -> new ExecutedAfterChangeSetFilter(date, applied));
                if (name.equals("rollbackToDate")) {
                    RollbackRehearsal.rehearse(command, applied, new ExecutedAfterChangeSetFilter(date, applied));
                }
            }
            case "update", "updateCount", "updateToTag" -> {
                UnfinishedAdoptionGuard.check(command);
                UpdateDriftGuard.check(command);
            }
            default -> {
                // other commands load the changelog as Liquibase does
            }
        }
    }

    /**
     * A deploy waits for the deploy lock before it parses the changelog, not after (Liquibase's order): parsing and
     * checksumming the whole changelog costs a JVM about 5 CPU-seconds, and deploys that did it while another held the
     * lock took the cores from the one deploying (measured: the first of three deploys at once 1.49x its time alone on
     * two cores). Liquibase's own lock step then finds the lock held by this deploy and goes on; it releases it at the end.
     */
    private static void waitForTheDeployLockFirst(CommandScope command) throws Exception {
        Database database = (Database) command.getDependency(Database.class);
        if (database instanceof PlatformPostgresDatabase) {
            LockServiceFactory.getInstance().getLockService(database).waitForLock();
        }
    }

    /** The position of the first row after the tag's row (the oldest or newest so tagged, as Liquibase reads it). */
    private static int afterTag(List<RanChangeSet> applied, String tag, TagVersionEnum version) {
        int position = applied.size();
        for (int i = 0; i < applied.size(); i++) {
            if (tag.equals(applied.get(i).getTag())) {
                position = i + 1;
                if (version == TagVersionEnum.OLDEST) {
                    break;
                }
            }
        }
        return position;
    }

    /** The position of the first row executed after the date. */
    private static int afterDate(List<RanChangeSet> applied, java.util.Date date) {
        for (int i = 0; i < applied.size(); i++) {
            if (applied.get(i).getDateExecuted() != null && applied.get(i).getDateExecuted().after(date)) {
                return i;
            }
        }
        return applied.size();
    }

    private static List<RanChangeSet> applied(CommandScope command) throws Exception {
        return ((Database) command.getDependency(Database.class)).getRanChangeSetList();
    }
}
