package platformdb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.executor.ExecutorService;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.MarkChangeSetRanStatement;
import liquibase.statement.core.RemoveChangeSetRanStatusStatement;
import org.junit.jupiter.api.Test;
import platformdb.postgres.FreshDatabase;

/**
 * Pins the order of Liquibase's calls that the commit deferral of {@link PlatformPostgresDatabase} relies on, as
 * Liquibase 4.33.0 makes them ({@code ChangeSet.execute}/{@code rollback}, {@code UpdateVisitor},
 * {@code RollbackVisitor}, {@code StandardChangeLogHistoryService}). The deferral opens the changeset's transaction in
 * {@code executeStatements}/{@code executeRollbackStatements(SqlStatement[])}, swallows the {@code commit()} that
 * follows the work, ends the deferral in {@code markChangeSetExecStatus}/{@code removeRanStatus}, and lets the
 * {@code commit()} after the history row through. If a Liquibase upgrade changes that order, a changeset and its
 * history row may commit apart again (or the work be rolled back): this test fails first, naming the assumption.
 *
 * <p>The recorder is Liquibase's own {@link PostgresDatabase} (not the project's), run by Liquibase's update and
 * rollbackCount commands on a real database, so what it sees is Liquibase's behaviour alone.
 */
class LiquibaseCallOrderTest {

    /** What the deferral relies on when a changeset is applied. */
    private static final String UPDATE_ASSUMPTION = "ASSUMPTION BROKEN - Liquibase's update no longer applies a"
            + " transactional changeset as PlatformPostgresDatabase's commit deferral expects: autocommit off; the"
            + " changeset's work through Database.executeStatements; then exactly one Database.commit() (the one the"
            + " deferral swallows); then Database.markChangeSetExecStatus (where the deferral ends), inside which the"
            + " history row is inserted on the same Database and committed; nothing else in between. Re-check"
            + " PlatformPostgresDatabase and ChangesetTransaction against the new order before changing this expectation";

    /** What the deferral relies on when a changeset is rolled back. */
    private static final String ROLLBACK_ASSUMPTION = "ASSUMPTION BROKEN - Liquibase's rollback no longer undoes a"
            + " transactional changeset as PlatformPostgresDatabase's commit deferral expects: autocommit off; every"
            + " rollback statement through Database.executeRollbackStatements(SqlStatement[]) (a generated rollback"
            + " via the Change overload, which must delegate to it); then exactly one Database.commit() (swallowed);"
            + " then Database.removeRanStatus (where the deferral ends), inside which the history row is deleted on the"
            + " same Database and committed. Re-check PlatformPostgresDatabase and ChangesetTransaction against the"
            + " new order before changing this expectation";

    @Test
    void updateRunsTheChangesetThenCommitsThenWritesItsHistoryRowThenCommits() throws Exception {
        try (Recording recording = Recording.of(FreshDatabase.create())) {
            List<List<String>> perChangeset = recording.run(UpdateCommandStep.COMMAND_NAME, Map.of());

            assertEquals(List.of(
                    List.of("setAutoCommit(false)", "executeStatements", "execute RawSqlStatement", "commit",
                            "markChangeSetExecStatus EXECUTED", "history row inserted", "commit", "commit"),
                    List.of("setAutoCommit(false)", "executeStatements", "execute CreateTableStatement", "commit",
                            "markChangeSetExecStatus EXECUTED", "history row inserted", "commit", "commit")),
                    perChangeset, UPDATE_ASSUMPTION);
        }
    }

    @Test
    void rollbackRunsTheRollbackThenCommitsThenDeletesTheHistoryRowThenCommits() throws Exception {
        try (Recording recording = Recording.of(FreshDatabase.create())) {
            recording.run(UpdateCommandStep.COMMAND_NAME, Map.of());
            List<List<String>> perChangeset = recording.run(RollbackCountCommandStep.COMMAND_NAME,
                    Map.of(RollbackCountCommandStep.COUNT_ARG.getName(), 2));

            assertEquals(List.of(
                    List.of("setAutoCommit(false)", "executeRollbackStatements(Change)", "executeRollbackStatements(SqlStatement[])",
                            "execute DropTableStatement", "commit", "removeRanStatus", "history row deleted", "commit", "commit"),
                    List.of("setAutoCommit(false)", "executeRollbackStatements(SqlStatement[])", "execute RawSqlStatement",
                            "commit", "removeRanStatus", "history row deleted", "commit", "commit")),
                    perChangeset, ROLLBACK_ASSUMPTION);
        }
    }

    /** Liquibase's commands run on one recording database; the calls are cut into one list per changeset. */
    private record Recording(FreshDatabase target, Connection connection, RecordingDatabase database) implements AutoCloseable {

        static Recording of(FreshDatabase target) throws DatabaseException {
            Connection connection = target.connect();
            RecordingDatabase database = new RecordingDatabase();
            database.setConnection(new JdbcConnection(connection));
            database.setLiquibaseSchemaName(FreshDatabase.TRACKING_SCHEMA);
            return new Recording(target, connection, database);
        }

        /**
         * The calls of each changeset the command ran: the autocommit switch that starts it, then everything from its
         * first piece of work on. What comes between (precondition checks, their rollback, Liquibase's own queries)
         * happens before the changeset's transaction opens and is none of the deferral's business.
         */
        List<List<String>> run(String[] command, Map<String, Object> arguments) throws Exception {
            ExecutorService executors = Scope.getCurrentScope().getSingleton(ExecutorService.class);
            executors.setExecutor("jdbc", database, new RecordingExecutor(database));
            database.calls.clear();
            try {
                LiquibaseCommands.run(database, command, arguments);
            } finally {
                executors.clearExecutor("jdbc", database);
            }
            return perChangeset(database.calls);
        }

        private static List<List<String>> perChangeset(List<String> calls) {
            List<List<String>> changesets = new ArrayList<>();
            boolean working = false;
            for (String call : calls) {
                if (call.equals("setAutoCommit(false)")) {
                    changesets.add(new ArrayList<>(List.of(call)));
                    working = false;
                    continue;
                }
                working |= call.startsWith("execute") && !call.startsWith("execute ");
                if (working) {
                    changesets.get(changesets.size() - 1).add(call);
                }
            }
            return changesets;
        }

        @Override
        public void close() throws Exception {
            connection.close();
            target.close();
        }
    }

    /** Liquibase's own PostgreSQL database, noting the calls the commit deferral overrides. */
    static final class RecordingDatabase extends PostgresDatabase {

        final List<String> calls = new ArrayList<>();

        @Override
        public void executeStatements(Change change, DatabaseChangeLog changeLog, List<SqlVisitor> sqlVisitors) throws LiquibaseException {
            calls.add("executeStatements");
            super.executeStatements(change, changeLog, sqlVisitors);
        }

        @Override
        public void executeRollbackStatements(Change change, List<SqlVisitor> sqlVisitors) throws LiquibaseException {
            calls.add("executeRollbackStatements(Change)");
            super.executeRollbackStatements(change, sqlVisitors);
        }

        @Override
        public void executeRollbackStatements(SqlStatement[] statements, List<SqlVisitor> sqlVisitors) throws LiquibaseException {
            calls.add("executeRollbackStatements(SqlStatement[])");
            super.executeRollbackStatements(statements, sqlVisitors);
        }

        @Override
        public void setAutoCommit(boolean autoCommit) throws DatabaseException {
            calls.add("setAutoCommit(" + autoCommit + ")");
            super.setAutoCommit(autoCommit);
        }

        @Override
        public void commit() throws DatabaseException {
            calls.add("commit");
            super.commit();
        }

        @Override
        public void rollback() throws DatabaseException {
            calls.add("rollback");
            super.rollback();
        }

        @Override
        public void markChangeSetExecStatus(ChangeSet changeSet, ChangeSet.ExecType execType) throws DatabaseException {
            calls.add("markChangeSetExecStatus " + execType);
            super.markChangeSetExecStatus(changeSet, execType);
        }

        @Override
        public void removeRanStatus(ChangeSet changeSet) throws DatabaseException {
            calls.add("removeRanStatus");
            super.removeRanStatus(changeSet);
        }
    }

    /** The database's JDBC executor, noting when a history row is written or removed. */
    static final class RecordingExecutor extends JdbcExecutor {

        private final RecordingDatabase database;

        RecordingExecutor(RecordingDatabase database) {
            this.database = database;
            setDatabase(database);
        }

        @Override
        public void execute(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
            if (sql instanceof MarkChangeSetRanStatement) {
                database.calls.add("history row inserted");
            } else if (sql instanceof RemoveChangeSetRanStatusStatement) {
                database.calls.add("history row deleted");
            } else {
                database.calls.add("execute " + sql.getClass().getSimpleName());
            }
            super.execute(sql, sqlVisitors);
        }
    }
}
