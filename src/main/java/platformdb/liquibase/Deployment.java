package platformdb.liquibase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.visitor.RollbackVisitor;
import liquibase.changelog.visitor.UpdateVisitor;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import platformdb.postgres.FreshDatabase;

/**
 * A changelog being deployed to one database. Single steps (apply the next changeset, roll back the last one)
 * go through Liquibase's own update and rollback visitors, which execute the changeset and record it in
 * DATABASECHANGELOG exactly as `update` does, without re-reading and re-validating the whole changelog at
 * every step: a walk over n changesets costs O(n). Whole operations (update, rollback to a tag, rollbackCount)
 * run Liquibase's commands, on a connection of their own. Single steps hold the deploy lock as a command does (every
 * changeset checks that its backend holds it): taken at the first step, kept across steps, given up before a command.
 */
public final class Deployment implements AutoCloseable {

    private final Changelog changelog;
    private final FreshDatabase target;
    private final Connection connection;
    private final Database database;
    private final Deque<ChangeSet> applied = new ArrayDeque<>();
    private int next;

    Deployment(Changelog changelog, FreshDatabase target) {
        this.changelog = changelog;
        this.target = target;
        this.connection = target.connect();
        this.database = liquibaseDatabase(connection);
        changelog.inScope(() -> {
            history().init();
            return null;
        });
        endTransaction();
    }

    public boolean hasNext() {
        return next < changelog.changeSets().size();
    }

    public ChangeSet peekNext() {
        return changelog.changeSets().get(next);
    }

    /** Applies the next changeset of the changelog (update-count 1). */
    public ChangeSet applyNext() {
        ChangeSet changeSet = peekNext();
        changelog.inScope(() -> {
            holdDeployLock();
            new UpdateVisitor(database).visit(changeSet, changelog.parsed(), database, Collections.emptySet());
            return null;
        });
        endTransaction();
        applied.push(changeSet);
        next++;
        return changeSet;
    }

    /** Rolls back the last changeset this deployment applied (rollback-count 1). */
    public ChangeSet rollbackLast() {
        if (applied.isEmpty()) {
            throw new IllegalStateException("nothing applied to roll back");
        }
        ChangeSet changeSet = applied.peek();
        try {
            changelog.inScope(() -> {
                holdDeployLock();
                new RollbackVisitor(database).visit(changeSet, changelog.parsed(), database, Collections.emptySet());
                return null;
            });
        } catch (RuntimeException e) {
            rollbackTransaction();
            throw e;
        }
        applied.pop();
        next--;
        return changeSet;
    }

    /** Runs Liquibase's update command for the whole changelog. */
    public void updateAll() {
        runCommand(UpdateCommandStep.COMMAND_NAME, command -> command
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.path())
                .addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, changelog.contexts()));
        applied.clear();
        changelog.changeSets().forEach(applied::push);
        next = changelog.changeSets().size();
    }

    /** Runs Liquibase's update-to-tag command: everything up to and including the tag's changeset. */
    public void updateToTag(String tag) {
        runCommand(UpdateToTagCommandStep.COMMAND_NAME, command -> command
                .addArgumentValue(UpdateToTagCommandStep.CHANGELOG_FILE_ARG, changelog.path())
                .addArgumentValue(UpdateToTagCommandStep.CONTEXTS_ARG, changelog.contexts())
                .addArgumentValue(UpdateToTagCommandStep.TAG_ARG, tag));
        int count = changelog.inScope(() -> {
            history().init();
            return history().getRanChangeSets().size();
        });
        endTransaction();
        applied.clear();
        changelog.changeSets().subList(0, count).forEach(applied::push);  // the changelog is applied in order
        next = count;
    }

    /** Runs Liquibase's rollback command to a tag. */
    public void rollbackToTag(String tag) {
        runCommand(RollbackCommandStep.COMMAND_NAME, command -> command
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.path())
                .addArgumentValue(DatabaseChangelogCommandStep.CONTEXTS_ARG, changelog.contexts())
                .addArgumentValue(RollbackCommandStep.TAG_ARG, tag));
        resynchronize();
    }

    /** Runs Liquibase's rollbackCount command. */
    public void rollbackCount(int count) {
        runCommand(RollbackCountCommandStep.COMMAND_NAME, command -> command
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.path())
                .addArgumentValue(DatabaseChangelogCommandStep.CONTEXTS_ARG, changelog.contexts())
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
        resynchronize();
    }

    /** How many changesets DATABASECHANGELOG records as applied. */
    public int appliedCount() {
        int count = changelog.inScope(() -> history().getRanChangeSets().size());
        endTransaction();
        return count;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface CommandArguments {
        CommandScope add(CommandScope command);
    }

    private void runCommand(String[] name, CommandArguments arguments) {
        releaseDeployLock();
        try (Connection commandConnection = target.connect()) {
            Database commandDatabase = liquibaseDatabase(commandConnection);
            changelog.inScope(() -> {
                // The changelog parsed once is handed over, so a command does not parse it again.
                CommandScope command = new CommandScope(name)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, commandDatabase)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_ARG, changelog.parsed());
                return arguments.add(command).execute();
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw new LiquibaseFailure(String.join(" ", name), e);
        } finally {
            ChangeLogHistoryServiceFactory.getInstance().resetAll();
        }
    }

    /** After a command changed DATABASECHANGELOG from its own connection, re-reads what is applied. */
    private void resynchronize() {
        int count = changelog.inScope(() -> {
            history().init();
            return history().getRanChangeSets().size();
        });
        endTransaction();
        while (applied.size() > count) {
            applied.pop();
        }
        next = applied.size();
    }

    /**
     * Liquibase reads its history in a transaction it leaves open; an idle open transaction would make the next
     * CREATE INDEX CONCURRENTLY wait for it forever.
     */
    private void endTransaction() {
        try {
            database.commit();
        } catch (Exception e) {
            throw new LiquibaseFailure(e);
        }
    }

    /** Takes the deploy lock for the single steps, unless this deployment's session holds it already. */
    private void holdDeployLock() throws LockException {
        LockService lock = LockServiceFactory.getInstance().getLockService(database);
        if (!lock.hasChangeLogLock()) {
            lock.waitForLock();
            endTransaction();
        }
    }

    /** Before a command, which takes the lock on a connection of its own. */
    private void releaseDeployLock() {
        LockService lock = LockServiceFactory.getInstance().getLockService(database);
        if (lock.hasChangeLogLock()) {
            try {
                lock.releaseLock();
                endTransaction();
            } catch (LockException e) {
                throw new LiquibaseFailure(e);
            }
        }
    }

    private ChangeLogHistoryService history() {
        return Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).getChangeLogService(database);
    }

    private void rollbackTransaction() {
        try {
            database.rollback();
        } catch (Exception ignored) {
            // the connection is discarded with the deployment if it cannot roll back
        }
    }

    private static Database liquibaseDatabase(Connection connection) {
        try {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setLiquibaseSchemaName(FreshDatabase.TRACKING_SCHEMA);
            return database;
        } catch (Exception e) {
            throw new LiquibaseFailure(e);
        }
    }
}
