package platformdb.deploy.rollback;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.AbstractSQLChange;
import liquibase.executor.Executor;
import liquibase.executor.ExecutorService;
import liquibase.statement.core.RawParameterizedSqlStatement;
import liquibase.exception.DatabaseException;
import liquibase.RuntimeEnvironment;
import liquibase.changelog.ChangeLogIterator;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.AlreadyRanChangeSetFilter;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.visitor.ChangeSetVisitor;
import liquibase.command.CommandScope;
import liquibase.command.core.AbstractRollbackCommandStep;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import liquibase.exception.RollbackFailedException;
import platformdb.deploy.PlatformPostgresDatabase;

/**
 * The rollback pre-flight. Liquibase commits each changeset's rollback on its own, so when the fifth of ten refuses
 * (rows would be lost), four are already undone. Before undoing anything, the rollbacks of every changeset to undo
 * run, in order, in one transaction that is then rolled back: every refusal check runs against the real data, and a
 * refusal leaves the database exactly as it was. {@code runInTransaction: false} changesets (concurrent index
 * builds) cannot run inside it. A rollback made only of concurrent index statements has its drops rehearsed without
 * {@code concurrently} (the same catalog effect, so that a later rollback that needs the index gone, such as dropping
 * the extension of its operator class, is rehearsed as it will run); its builds are left out (they refuse nothing, and
 * building an index only to discard it would cost a scan). Any other such rollback is left out.
 */
public final class RollbackRehearsal {

    private RollbackRehearsal() {
    }

    public static void rehearse(CommandScope command, List<RanChangeSet> applied, ChangeSetFilter toUndo) throws Exception {
        Database database = (Database) command.getDependency(Database.class);
        if (!(database instanceof PlatformPostgresDatabase platform)
                || command.getArgumentValue(AbstractRollbackCommandStep.ROLLBACK_SCRIPT_ARG) != null) {
            return;
        }
        ChangeLogIterator changesetsToUndo = changesetsToUndo(command, applied, toUndo);
        platform.rehearse(() -> changesetsToUndo.run(new Rehearsal(), environment(command)));
    }

    /** The changesets a rollback command would undo, in the order Liquibase visits them. */
    public static ChangeLogIterator changesetsToUndo(CommandScope command, List<RanChangeSet> applied, ChangeSetFilter toUndo) {
        Database database = (Database) command.getDependency(Database.class);
        ChangeLogParameters parameters = (ChangeLogParameters) command.getDependency(ChangeLogParameters.class);
        DatabaseChangeLog changelog = (DatabaseChangeLog) command.getDependency(DatabaseChangeLog.class);
        return new ChangeLogIterator(applied, changelog,
                new AlreadyRanChangeSetFilter(applied),
                new ContextChangeSetFilter(parameters.getContexts()),
                new LabelChangeSetFilter(parameters.getLabels()),
                new IgnoreChangeSetFilter(),
                new DbmsChangeSetFilter(database),
                toUndo);
    }

    public static RuntimeEnvironment environment(CommandScope command) {
        Database database = (Database) command.getDependency(Database.class);
        ChangeLogParameters parameters = (ChangeLogParameters) command.getDependency(ChangeLogParameters.class);
        return new RuntimeEnvironment(database, parameters.getContexts(), parameters.getLabels());
    }

    private static final class Rehearsal implements ChangeSetVisitor {

        private static final Pattern CONCURRENT_INDEX = Pattern.compile("(?is)^\\s*((?:drop|create)\\s+(?:unique\\s+)?)index\\s+concurrently\\b");

        @Override
        public Direction getDirection() {
            return Direction.REVERSE;
        }

        @Override
        public void visit(ChangeSet changeSet, DatabaseChangeLog changelog, Database database,
                          Set<ChangeSetFilterResult> filterResults) throws LiquibaseException {
            try {
                if (changeSet.isRunInTransaction()) {
                    changeSet.rollback(database);
                } else {
                    rehearseIndexStatements(changeSet, database);
                }
            } catch (RollbackFailedException | DatabaseException refused) {
                throw new LiquibaseException("the rollback of " + changeSet + " fails: " + rootMessage(refused)
                        + " (found by the rollback pre-flight, which tries every rollback first in a transaction it"
                        + " then discards). Nothing was rolled back.", refused);
            }
        }

        /** A rollback of concurrent index statements only: its drops run without concurrently; any other is left out. */
        private static void rehearseIndexStatements(ChangeSet changeSet, Database database) throws DatabaseException {
            List<String> statements = new ArrayList<>();
            for (Change change : changeSet.getRollback().getChanges()) {
                if (!(change instanceof AbstractSQLChange sql) || sql.getSql() == null) {
                    return;
                }
                for (String statement : sql.getSql().split(";")) {
                    if (statement.isBlank()) {
                        continue;
                    }
                    Matcher index = CONCURRENT_INDEX.matcher(statement);
                    if (!index.find()) {
                        return;
                    }
                    if (index.group(1).toLowerCase().startsWith("drop")) {
                        statements.add(index.replaceFirst("$1index"));
                    }
                }
            }
            Executor executor = Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database);
            for (String statement : statements) {
                executor.execute(new RawParameterizedSqlStatement(statement));
            }
        }

        private static String rootMessage(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.toString() : root.getMessage();
            return message.replaceFirst("^ERROR: ", "").replaceAll("\\s*Where: .*", "").trim();
        }
    }
}
