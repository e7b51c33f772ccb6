package platformdb.liquibase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

/**
 * What the project's read-first commands (drift, adopt) share: a plain JDBC connection of their own, named for
 * pg_stat_activity, with no Liquibase database object on it (whose services may create tracking tables), and the
 * changelog parsed without the database in scope (Liquibase's parser reads, and first creates, the history table
 * when it sees one).
 */
public final class CommandConnections {

    private CommandConnections() {
    }

    public static Connection open(String url, String username, String password, String applicationName) throws SQLException {
        Connection connection = DriverManager.getConnection(url, username, password);
        try (Statement name = connection.createStatement()) {
            name.execute("set application_name = '" + applicationName.replace("'", "''") + "'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Every changeset of the changelog by identity (file::id::author), in changelog order. */
    public static Map<String, ChangeSet> changeSets(String changelogFile) throws Exception {
        ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
        DatabaseChangeLog changeLog = ChangeLogParserFactory.getInstance().getParser(changelogFile, resources)
                .parse(changelogFile, new ChangeLogParameters(), resources);
        Map<String, ChangeSet> byName = new LinkedHashMap<>();
        changeLog.getChangeSets().forEach(changeSet -> byName.put(Changelog.name(changeSet), changeSet));
        return byName;
    }
}
