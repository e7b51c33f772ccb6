package platformdb.lint;

import java.util.ArrayList;
import java.util.List;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import platformdb.liquibase.Changelog;

/** A changeset with the SQL statements of its changes, in order (its rollback is not read). */
record ChangesetSql(ChangeSet changeSet, List<SqlStatement> statements) {

    static List<ChangesetSql> of(List<ChangeSet> changeSets) {
        return changeSets.stream().map(ChangesetSql::of).toList();
    }

    static ChangesetSql of(ChangeSet changeSet) {
        List<SqlStatement> statements = new ArrayList<>();
        for (Change change : changeSet.getChanges()) {
            if (change instanceof AbstractSQLChange sql && sql.getSql() != null) {
                statements.addAll(SqlStatement.split(sql.getSql()));
            }
        }
        return new ChangesetSql(changeSet, List.copyOf(statements));
    }

    /** file::id::author, as DATABASECHANGELOG and the ledger identify it. */
    String identity() {
        return Changelog.name(changeSet);
    }

    /** "file: changeset id", the form of every lint message. */
    String name() {
        return changeSet.getFilePath() + ": changeset " + changeSet.getId();
    }

    boolean runInTransaction() {
        return changeSet.isRunInTransaction();
    }
}
