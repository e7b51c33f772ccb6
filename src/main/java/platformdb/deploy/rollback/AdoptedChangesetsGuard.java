package platformdb.deploy.rollback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.visitor.ChangeSetVisitor;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import platformdb.adoption.Adoption;
import platformdb.liquibase.Changelog;

/**
 * A rollback never runs the rollback of a changeset that adoption recorded without running: its objects predate the
 * project (a seed's tables with the team's rows), and its rollback would drop them. A count, tag or date that reaches
 * past the adoption tag is refused before anything is undone; rolling back to the tag itself is allowed.
 */
public final class AdoptedChangesetsGuard {

    private AdoptedChangesetsGuard() {
    }

    /** A fresh filter of the changesets to undo (Liquibase's filters count as they go: one per walk). */
    public interface UndoFilter {
        ChangeSetFilter get() throws Exception;
    }

    public static void check(CommandScope command, List<RanChangeSet> applied, UndoFilter toUndo) throws Exception {
        Database database = (Database) command.getDependency(Database.class);
        Set<String> adopted = adopted(database);
        if (adopted.isEmpty()) {
            return;
        }
        RollbackRehearsal.changesetsToUndo(command, applied, toUndo.get()).run(new ChangeSetVisitor() {
            @Override
            public Direction getDirection() {
                return Direction.REVERSE;
            }

            @Override
            public void visit(ChangeSet changeSet, DatabaseChangeLog changelog, Database visited, Set<ChangeSetFilterResult> results)
                    throws LiquibaseException {
                if (adopted.contains(Changelog.name(changeSet))) {
                    throw new LiquibaseException("rollback refused: it reaches past the adoption of this database (tag '" + Adoption.TAG
                            + "'): changeset " + changeSet + " was recorded by adoption, not run, and its objects predate the project;"
                            + " its rollback would drop them with their rows. Roll back at most to the tag: scripts/liquibase rollback "
                            + Adoption.TAG + ". Nothing was rolled back.");
                }
            }
        }, RollbackRehearsal.environment(command));
    }

    private static Set<String> adopted(Database database) throws SQLException {
        Set<String> names = new HashSet<>();
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            return names;
        }
        Connection connection = jdbc.getUnderlyingConnection();
        String schema = database.getLiquibaseSchemaName() == null ? database.getDefaultSchemaName() : database.getLiquibaseSchemaName();
        try (PreparedStatement exists = connection.prepareStatement("select to_regclass(format('%I.%I', ?::text, ?::text)) is not null")) {
            exists.setString(1, schema);
            exists.setString(2, Adoption.ADOPTED_TABLE);
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    return names;
                }
            }
        }
        String table = "\"" + schema.replace("\"", "\"\"") + "\"." + Adoption.ADOPTED_TABLE;
        try (PreparedStatement query = connection.prepareStatement("select filename, id, author from " + table);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1) + "::" + rows.getString(2) + "::" + rows.getString(3));
            }
        }
        return names;
    }
}
