package platformdb.deploy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import liquibase.Scope;
import liquibase.changelog.StandardChangeLogHistoryService;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.executor.ExecutorService;
import liquibase.statement.core.RawParameterizedSqlStatement;
import liquibase.structure.core.Schema;

/**
 * Liquibase's history service, which first creates the tracking schema ({@code liquibaseSchemaName}, `liquibase`)
 * when it is missing, so that {@code update} on a new database just works. The schema gets no grant: on Supabase,
 * what the API roles can reach is served over HTTP, and the deploy history must not be. Asking first (instead of
 * {@code create schema if not exists} every time) keeps a deploy user without CREATE on the database working.
 */
public class TrackingSchemaHistoryService extends StandardChangeLogHistoryService {

    @Override
    public int getPriority() {
        return super.getPriority() + 10;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PlatformPostgresDatabase;
    }

    @Override
    public void init() throws DatabaseException {
        String schema = getLiquibaseSchemaName();
        if (schema != null && !schemaExists(schema)) {
            Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", getDatabase()).execute(
                    new RawParameterizedSqlStatement("create schema if not exists " + getDatabase().escapeObjectName(schema, Schema.class)));
        }
        super.init();
    }

    private boolean schemaExists(String schema) throws DatabaseException {
        if (!(getDatabase().getConnection() instanceof JdbcConnection jdbc)) {
            return true;
        }
        try (PreparedStatement query = jdbc.getUnderlyingConnection()
                .prepareStatement("select 1 from pg_namespace where nspname = ?")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not look for the tracking schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
