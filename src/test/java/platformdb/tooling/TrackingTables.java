package platformdb.tooling;

import java.sql.Connection;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockServiceFactory;
import platformdb.postgres.FreshDatabase;

/**
 * Liquibase's tracking tables, created as any first command creates them. A database that has been deployed to
 * once has them; a preview taken before they exist also contains their CREATE TABLE statements.
 */
final class TrackingTables {

    private TrackingTables() {
    }

    static void create(FreshDatabase target) {
        try (Connection connection = target.connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setLiquibaseSchemaName(FreshDatabase.TRACKING_SCHEMA);
            LockServiceFactory.getInstance().getLockService(database).init();
            ChangeLogHistoryServiceFactory.getInstance().getChangeLogService(database).init();
            database.commit();
        } catch (Exception e) {
            throw new IllegalStateException("could not create Liquibase's tracking tables: " + e.getMessage(), e);
        } finally {
            LockServiceFactory.getInstance().resetAll();
            ChangeLogHistoryServiceFactory.getInstance().resetAll();
        }
    }
}
