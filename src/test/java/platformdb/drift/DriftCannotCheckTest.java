package platformdb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.fixtures.Sql;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/**
 * When the check cannot be sure it says why (exit code 2) instead of guessing, and the checked database is only
 * read: nothing is created, not even Liquibase's tracking tables, and a lock held by another session makes it give
 * up after a moment rather than queue behind it.
 */
class DriftCannotCheckTest {

    @Test
    void aDatabaseWithoutHistoryIsNotCheckedAndGetsNoTrackingTables() {
        try (FreshDatabase database = FreshDatabase.create()) {
            CatalogSnapshot before = CatalogSnapshot.of(database);
            CannotCheck refused = refused(database, shippedLedger());
            assertTrue(refused.getMessage().contains("has no liquibase.databasechangelog"), refused.getMessage());
            assertTrue(before.diffTo(CatalogSnapshot.of(database)).isEmpty(), "the check created nothing");
            try (Connection connection = database.connect()) {
                assertEquals("0", Sql.one(connection, "select count(*)::text from pg_tables where schemaname = 'liquibase'"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aStaleLedgerIsRefusedNamingTheCommandThatRenewsIt() {
        CatalogLedger shipped = shippedLedger();
        List<LedgerStep> steps = new ArrayList<>(shipped.steps());
        LedgerStep last = steps.remove(steps.size() - 1);
        steps.add(new LedgerStep(last.changeSet(), "9:00000000000000000000000000000000", last.contexts(), last.set(), last.removed()));
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            CannotCheck refused = refused(database, new CatalogLedger(shipped.postgresMajor(), new TreeMap<>(shipped.baseline()), steps));
            assertTrue(refused.getMessage().contains("the catalog ledger is stale: changeset " + last.changeSet()), refused.getMessage());
            assertTrue(refused.getMessage().contains("scripts/catalog-ledger"), refused.getMessage());
        }
    }

    @Test
    void aLedgerOfAnotherMajorIsRefused() {
        CatalogLedger shipped = shippedLedger();
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            CannotCheck refused = refused(database, new CatalogLedger(shipped.postgresMajor() + 2, new TreeMap<>(shipped.baseline()), shipped.steps()));
            assertTrue(refused.getMessage().contains("the catalog ledger is for PostgreSQL " + (shipped.postgresMajor() + 2)), refused.getMessage());
        }
    }

    @Test
    void aHistoryWithAChangesetTheChangelogLacksOrAnotherVersionOfOneIsRefused() {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            database.execute("update liquibase.databasechangelog set md5sum = '9:11111111111111111111111111111111' where orderexecuted = 7");
            CannotCheck otherVersion = refused(database, shippedLedger());
            assertTrue(otherVersion.getMessage().contains("ran in another version than the changelog's"), otherVersion.getMessage());
            database.execute("update liquibase.databasechangelog set id = 'made-by-hand' where orderexecuted = 7");
            CannotCheck unknown = refused(database, shippedLedger());
            assertTrue(unknown.getMessage().contains("which this changelog does not have"), unknown.getMessage());
        }
    }

    @Test
    void aLockHeldByAnotherSessionMakesTheCheckGiveUpInsteadOfQueueing() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase();
             Connection holder = database.connect();
             Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("lock table public.user_statistics in access exclusive mode");
            CannotCheck refused = refused(database, shippedLedger());
            assertTrue(refused.getMessage().contains("lock timeout"), refused.getMessage());
            assertTrue(refused.getMessage().contains("try again"), refused.getMessage());
            holder.rollback();
        }
    }

    private static CannotCheck refused(FreshDatabase database, CatalogLedger ledger) {
        return assertThrows(CannotCheck.class, () -> Drift.checkOrExplain(database, AcceptedDifferences.none(), false, ledger));
    }

    /** The shipped ledger for the test server's major. */
    private static CatalogLedger shippedLedger() {
        try (FreshDatabase any = FreshDatabase.create()) {
            return Drift.shippedLedger(any);
        } catch (CannotCheck e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
