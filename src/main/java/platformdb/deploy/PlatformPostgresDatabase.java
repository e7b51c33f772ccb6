package platformdb.deploy;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.DatabaseConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.executor.ExecutorService;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SqlStatement;
import platformdb.deploy.locks.ChangesetTransaction;
import platformdb.deploy.locks.LockRetryPolicy;
import platformdb.deploy.locks.LockTimeoutRewrite;

/**
 * PostgreSQL as this project deploys to it while applications use it. Chosen by Liquibase over its own
 * {@link PostgresDatabase} (higher priority), for every entry point that has the project's classes.
 * <ul>
 *   <li><b>Atomic changesets</b>: a transactional changeset (or its rollback) commits together with its
 *   DATABASECHANGELOG row, in one transaction: Liquibase's commit after the changeset is deferred until the row is
 *   written. A process killed at any moment leaves both or neither.</li>
 *   <li><b>Lock retries</b>: each transactional changeset runs with a short lock timeout and is retried as a whole
 *   ({@link ChangesetTransaction}); the landed changesets' own {@code set local lock_timeout} is rewritten at run time.</li>
 *   <li><b>The deploy lock is where the work is</b>: each attempt first checks, in its own transaction, that its backend
 *   holds the deploy lock, and stops before any of its work when it does not (a transaction-mode pooler).</li>
 * </ul>
 * Previews (a logging executor) and {@code runInTransaction: false} changesets run as Liquibase runs them (the latter
 * after the same check of the deploy lock, in a statement of its own).
 */
public class PlatformPostgresDatabase extends PostgresDatabase {

    private final LockRetryPolicy policy = LockRetryPolicy.fromSettings();
    private ChangesetTransaction transaction;
    private boolean rehearsing;

    @Override
    public int getPriority() {
        return super.getPriority() + 10;
    }

    @Override
    public void executeStatements(Change change, DatabaseChangeLog changeLog, List<SqlVisitor> sqlVisitors)
            throws LiquibaseException {
        if (!inLiveTransaction()) {
            if (liveInAutocommit()) {
                checkDeployLockHeld();
            }
            super.executeStatements(change, changeLog, sqlVisitors);
            return;
        }
        List<SqlVisitor> visitors = withLockTimeoutRewrite(sqlVisitors);
        transaction().run(() -> super.executeStatements(change, changeLog, visitors));
    }

    @Override
    public void executeRollbackStatements(SqlStatement[] statements, List<SqlVisitor> sqlVisitors) throws LiquibaseException {
        if (!inLiveTransaction()) {
            if (liveInAutocommit()) {
                checkDeployLockHeld();
            }
            super.executeRollbackStatements(statements, sqlVisitors);
            return;
        }
        List<SqlVisitor> visitors = withLockTimeoutRewrite(sqlVisitors);
        transaction().run(() -> super.executeRollbackStatements(statements, visitors));
    }

    /** Liquibase commits after the changeset's work: deferred, so that the history row joins the same transaction. */
    @Override
    public void commit() throws DatabaseException {
        if (rehearsing || (transaction != null && transaction.isOpen())) {
            return;
        }
        super.commit();
    }

    @Override
    public void rollback() throws DatabaseException {
        if (transaction != null) {
            transaction.ended();
        }
        super.rollback();
    }

    @Override
    public void markChangeSetExecStatus(ChangeSet changeSet, ChangeSet.ExecType execType) throws DatabaseException {
        endChangesetWork();
        super.markChangeSetExecStatus(changeSet, execType);
    }

    @Override
    public void removeRanStatus(ChangeSet changeSet) throws DatabaseException {
        endChangesetWork();
        super.removeRanStatus(changeSet);
    }

    /**
     * Runs {@code work} (rollbacks of changesets) in one transaction that is rolled back at the end whatever happens:
     * every refusal check runs, nothing changes. Used by the rollback pre-flight.
     */
    public void rehearse(ChangesetTransaction.Work work) throws LiquibaseException {
        rehearsing = true;
        try {
            work.run();
        } finally {
            rehearsing = false;
            rollback();
        }
    }

    @Override
    public void setConnection(DatabaseConnection connection) {
        if (transaction != null) {
            transaction.close();
            transaction = null;
        }
        super.setConnection(connection);
    }

    @Override
    public void close() throws DatabaseException {
        if (transaction != null) {
            transaction.close();
        }
        super.close();
    }

    /** The history row is written next, and committed with the changeset's work. */
    private void endChangesetWork() {
        if (transaction != null) {
            transaction.ended();
        }
    }

    private boolean inLiveTransaction() throws DatabaseException {
        DatabaseConnection connection = getConnection();
        return connection instanceof JdbcConnection
                && !connection.getAutoCommit()
                && Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", this) instanceof JdbcExecutor;
    }

    private ChangesetTransaction transaction() throws LiquibaseException {
        Connection jdbc = ((JdbcConnection) getConnection()).getUnderlyingConnection();
        if (transaction == null) {
            ChangesetTransaction.ProbeConnections probes = getConnection() instanceof PlatformJdbcConnection platform
                    ? platform::openSibling : () -> null;
            transaction = new ChangesetTransaction(jdbc, probes, policy);
        }
        // A rehearsal always rolls back, and may run before the deploy lock is taken.
        transaction.checkEachAttempt(rehearsing ? null
                : new ChangesetTransaction.AttemptCheck(deployLockHeldByThisBackend(), DEPLOY_LOCK_NOT_HERE));
        return transaction;
    }

    static final String DEPLOY_LOCK_NOT_HERE = "Stopped before applying anything of this changeset: its transaction runs on"
            + " a server connection that does not hold the deploy lock this deploy took, so the connection goes through a"
            + " transaction-mode pooler. " + TransactionPooler.SESSION_MODE;

    /**
     * True on the backend that holds the deploy lock. Every transactional changeset (and rollback) checks it in its own
     * transaction before its work, on each attempt: behind a transaction-mode pooler the probe of
     * {@link TransactionPooler} missed, a transaction that lands on another server connection stops there.
     */
    private String deployLockHeldByThisBackend() throws LiquibaseException {
        DeployLockKey key = DeployLockKey.of(this);
        return "exists (select 1 from pg_catalog.pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()"
                + " and database = (select oid from pg_catalog.pg_database where datname = current_database())"
                + " and classid = " + Integer.toUnsignedLong(key.first()) + "::oid and objid = "
                + Integer.toUnsignedLong(key.second()) + "::oid and objsubid = 2)";
    }

    /**
     * Before a changeset that runs outside a transaction (a concurrent index build): the same check, in a statement of
     * its own. Behind a transaction-mode pooler the next statement may still go elsewhere; the probe and the
     * transactional changesets' checks are what stop such a deploy, this only narrows what they could miss.
     */
    private void checkDeployLockHeld() throws LiquibaseException {
        Connection jdbc = ((JdbcConnection) getConnection()).getUnderlyingConnection();
        try (java.sql.Statement statement = jdbc.createStatement();
             java.sql.ResultSet row = statement.executeQuery("select " + deployLockHeldByThisBackend())) {
            row.next();
            if (!row.getBoolean(1)) {
                throw new DatabaseException(DEPLOY_LOCK_NOT_HERE);
            }
        } catch (java.sql.SQLException e) {
            throw new DatabaseException("could not check that this session holds the deploy lock: " + e.getMessage(), e);
        }
    }

    private boolean liveInAutocommit() throws DatabaseException {
        DatabaseConnection connection = getConnection();
        return connection instanceof JdbcConnection
                && connection.getAutoCommit() && !rehearsing
                && Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", this) instanceof JdbcExecutor;
    }

    private List<SqlVisitor> withLockTimeoutRewrite(List<SqlVisitor> sqlVisitors) {
        List<SqlVisitor> visitors = new ArrayList<>(sqlVisitors == null ? List.of() : sqlVisitors);
        visitors.add(new LockTimeoutRewrite(policy.lockTimeoutSetting()));
        return visitors;
    }
}
