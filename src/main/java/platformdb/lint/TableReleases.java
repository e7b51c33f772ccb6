package platformdb.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which release each changeset and each table belong to. Releases are delimited in deployment order by tag
 * changesets {@code tag-release-<name>}: a changeset belongs to the release of the first such tag at or after it
 * (after the last tag: the release in progress); a table belongs to the release of the changeset that creates it.
 */
final class TableReleases {

    static final String TAG_PREFIX = "tag-release-";

    private final List<Integer> releaseOfChangeset = new ArrayList<>();
    private final List<String> releaseNames = new ArrayList<>();
    private final Map<String, Integer> releaseOfTable = new HashMap<>();

    TableReleases(List<ChangesetSql> changesets) {
        int release = 0;
        for (ChangesetSql changeset : changesets) {
            releaseOfChangeset.add(release);
            for (SqlStatement statement : changeset.statements()) {
                Ddl.createdTable(statement).ifPresent(table -> releaseOfTable.putIfAbsent(table, releaseOfChangeset.size() - 1));
            }
            String id = changeset.changeSet().getId();
            if (id.startsWith(TAG_PREFIX)) {
                releaseNames.add(id.substring(TAG_PREFIX.length()));
                release++;
            }
        }
        releaseNames.add("in progress (after " + (releaseNames.isEmpty() ? "no release" : "tag-release-" + releaseNames.get(releaseNames.size() - 1)) + ")");
        releaseOfTable.replaceAll((table, changesetIndex) -> releaseOfChangeset.get(changesetIndex));
    }

    /**
     * The release of the table if it was created in a release before the changeset's own, else null. A table the
     * changelog does not create (auth.users, Supabase's own) counts as earlier: it exists before any release.
     */
    String earlierReleaseOf(String table, int changesetIndex) {
        Integer tableRelease = releaseOfTable.get(table);
        if (tableRelease == null) {
            return "existing before the changelog";
        }
        return tableRelease < releaseOfChangeset.get(changesetIndex) ? releaseNames.get(tableRelease) : null;
    }

    String releaseOf(int changesetIndex) {
        return releaseNames.get(releaseOfChangeset.get(changesetIndex));
    }
}
