package platformdb.deploy.rollback;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.exception.LiquibaseException;

/**
 * Rolling back to a tag also removes the tag (Liquibase rolls back the tagging changeset), so running the same
 * {@code rollback <tag>} again, after it completed or after it was killed at its very end, meets Liquibase's bare
 * "Could not find tag". When no changeset from the tag's on is applied, say what that means instead.
 */
public final class AlreadyAtTag {

    private AlreadyAtTag() {
    }

    public static void check(String tag, List<RanChangeSet> applied, DatabaseChangeLog changelog) throws LiquibaseException {
        if (tag == null || applied.stream().anyMatch(row -> tag.equals(row.getTag()))) {
            return;
        }
        Set<String> appliedIds = new HashSet<>();
        applied.forEach(row -> appliedIds.add(row.getChangeLog() + "::" + row.getId() + "::" + row.getAuthor()));
        boolean tagSeen = false;
        for (ChangeSet changeSet : changelog.getChangeSets()) {
            tagSeen |= tags(changeSet, tag);
            if (tagSeen && appliedIds.contains(changeSet.getFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor())) {
                return;  // something from the tag on is applied: Liquibase's own message stands
            }
        }
        if (tagSeen) {
            throw new LiquibaseException("rollback " + tag + ": nothing to roll back, the database is already at " + tag
                    + ": no changeset from its tag on is applied (rolling back to a tag removes the tag itself; the"
                    + " next update puts it back). Nothing was changed.");
        }
    }

    private static boolean tags(ChangeSet changeSet, String tag) {
        for (Change change : changeSet.getChanges()) {
            if (change instanceof TagDatabaseChange tagging && tag.equals(tagging.getTag())) {
                return true;
            }
        }
        return false;
    }
}
