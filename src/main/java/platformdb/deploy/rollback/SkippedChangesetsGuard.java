package platformdb.deploy.rollback;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.visitor.ChangeSetVisitor;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;

/**
 * A rollback never passes over a recorded changeset it does not undo. Liquibase walks the changelog, not the history:
 * a changeset recorded in the database that the changelog at hand lacks (an older checkout during an incident) or
 * leaves out (other --contexts or --labels) is skipped without a word, and {@code rollbackCount N} then undoes an older
 * changeset in its place (measured: with the second of three changesets missing from the checkout, rollbackCount 2
 * undid the tag and the first table and left the second applied). Refused before anything is undone, naming them.
 */
public final class SkippedChangesetsGuard {

    private SkippedChangesetsGuard() {
    }

    /**
     * @param windowStart the position in {@code applied} (ran order) of the first row the rollback must undo: after the
     *                    tag's row, after the date, or the last N rows for a count; the window also reaches back to the
     *                    oldest changeset Liquibase would undo
     */
    public static void check(CommandScope command, String commandLine, List<RanChangeSet> applied,
                             AdoptedChangesetsGuard.UndoFilter toUndo, int windowStart) throws Exception {
        List<ChangeSet> undone = new ArrayList<>();
        RollbackRehearsal.changesetsToUndo(command, applied, toUndo.get()).run(new ChangeSetVisitor() {
            @Override
            public Direction getDirection() {
                return Direction.REVERSE;
            }

            @Override
            public void visit(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, Set<ChangeSetFilterResult> results) {
                undone.add(changeSet);
            }
        }, RollbackRehearsal.environment(command));
        int from = windowStart;
        for (int i = 0; i < applied.size(); i++) {
            if (undoes(undone, applied.get(i))) {
                from = Math.min(from, i);
                break;
            }
        }
        List<String> skipped = new ArrayList<>();
        for (int i = from; i < applied.size(); i++) {
            RanChangeSet row = applied.get(i);
            if (!undoes(undone, row)) {
                skipped.add(row.getChangeLog() + "::" + row.getId() + "::" + row.getAuthor());
            }
        }
        if (!skipped.isEmpty()) {
            throw new LiquibaseException(commandLine + " refused: it would pass over " + skipped.size() + " recorded changeset(s) it"
                    + " does not undo, because the changelog at hand does not have them or its --contexts/--labels leave them out: "
                    + String.join(", ", skipped) + ". Liquibase would skip them and undo older changesets in their place. Run it"
                    + " from the checkout (and with the contexts) the database was deployed with; `history` lists what is recorded."
                    + " Nothing was rolled back.");
        }
    }

    /** Liquibase's own match of a history row with a changeset (ids and authors ignoring case, its path variants). */
    private static boolean undoes(List<ChangeSet> undone, RanChangeSet row) {
        return undone.stream().anyMatch(row::isSameAs);
    }
}
