package platformdb.deploy;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CommandExecutionException;
import platformdb.adoption.Adoption;
import platformdb.adoption.Reshaping;

/**
 * No deploy onto an adoption that stopped inside its reshaping: the baseline is recorded before the reshaping runs
 * (docs/adoption.md), so until every reshaping changeset is recorded the objects are half in the seed's shape, and the
 * master's changesets would run on them. Such a deploy is refused unless its changelog runs the rest of that reshaping
 * itself (adopt's own steps do); `adopt --apply` run again finishes the adoption.
 */
public final class UnfinishedAdoptionGuard {

    private UnfinishedAdoptionGuard() {
    }

    public static void check(CommandScope command) throws Exception {
        Database database = (Database) command.getDependency(Database.class);
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            return;
        }
        Connection connection = jdbc.getUnderlyingConnection();
        Optional<Reshaping> reshaping = Adoption.reshapingOfTheAdoption(connection, database.getLiquibaseSchemaName());
        if (reshaping.isEmpty()) {
            return;
        }
        String reshapingFile = reshaping.get().changelogFile();
        List<RanChangeSet> ran = database.getRanChangeSetList();
        long recorded = ran.stream().filter(row -> row.getChangeLog().equals(reshapingFile)).count();
        DatabaseChangeLog changelog = (DatabaseChangeLog) command.getDependency(DatabaseChangeLog.class);
        List<ChangeSet> reshapingInThisChangelog = changelog.getChangeSets().stream()
                .filter(changeSet -> changeSet.getFilePath().equals(reshapingFile)).toList();
        if (!reshapingInThisChangelog.isEmpty()) {
            return;  // this deploy runs the reshaping itself, first: adopt's own steps, or the adopted changelog
        }
        int total = platformdb.liquibase.CommandConnections.changeSets(reshapingFile).size();
        if (recorded < total) {
            throw new CommandExecutionException("update refused: this database's adoption stopped before its reshaping ("
                    + reshapingFile + ") finished: " + recorded + " of its " + total + " changesets are recorded, so its objects are"
                    + " partly in the seed's shape. Run `scripts/liquibase adopt --apply --fingerprint=<the preview's>` again: it"
                    + " finishes the reshaping, then the master, and verifies the result. Nothing was applied.");
        }
    }
}
