package platformdb.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;

/**
 * Compares a changelog with the ledger of landed changesets. A deployed database matches a changeset by
 * file::id::author and refuses one whose checksum changed, so every ledger row must still be in the changelog
 * with the same identity and checksum; landed changesets keep their order and are the changelog's first
 * changesets (a changeset inserted between them would run last on deployed databases but in the middle on new
 * ones: two histories). Every changeset after them must be appended to the ledger by the engineer who adds it.
 */
public final class LandedChangesets {

    private LandedChangesets() {
    }

    /** The changeset as the ledger records it, with the checksum the current Liquibase computes. */
    public static LandedChangeset rowOf(ChangeSet changeSet) {
        return new LandedChangeset(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor(),
                changeSet.generateCheckSum(ChecksumVersion.latest()).toString());
    }

    /** What differs between the changelog's changesets (deployment order) and the ledger; empty when nothing does. */
    public static List<String> problems(List<ChangeSet> changeSets, Ledger ledger, String ledgerPath) {
        Map<String, LandedChangeset> current = new LinkedHashMap<>();
        for (ChangeSet changeSet : changeSets) {
            LandedChangeset row = rowOf(changeSet);
            current.put(row.identity(), row);
        }
        List<String> problems = new ArrayList<>();
        for (LandedChangeset landed : ledger.rows()) {
            LandedChangeset now = current.get(landed.identity());
            if (now == null) {
                problems.add(landed.identity() + ": landed (in " + ledgerPath + ") but no changeset has this identity now"
                        + namesakes(landed, current.values())
                        + ". Deployed databases would run it again under its new identity: restore its file path"
                        + " (logicalFilePath), id and author exactly as the ledger has them; never rename a landed changeset.");
            } else if (!now.md5sum().equals(landed.md5sum())) {
                problems.add(landed.identity() + ": checksum " + now.md5sum() + ", but deployed databases recorded "
                        + landed.md5sum() + ": this landed changeset was edited, and validate/update will refuse it."
                        + " Revert the edit and make the change in a new changeset.");
            }
        }
        problems.addAll(orderProblems(List.copyOf(current.values()), ledger.rows()));
        // One problem per changeset, on one line, ending with the row to append (tab-separated, as the ledger has it).
        current.values().stream()
                .filter(row -> !ledger.contains(row.identity()))
                .forEach(row -> problems.add(row.identity() + ": not in the ledger; whoever adds a changeset appends its row to "
                        + ledgerPath + " in the same pull request (after the last row, in deployment order): " + row.tsv()));
        return problems;
    }

    private static String namesakes(LandedChangeset landed, Iterable<LandedChangeset> current) {
        List<String> found = new ArrayList<>();
        for (LandedChangeset row : current) {
            if (row.id().equals(landed.id()) || (row.filename().equals(landed.filename()) && row.md5sum().equals(landed.md5sum()))) {
                found.add(row.identity());
            }
        }
        return found.isEmpty() ? "" : " (the changelog has " + String.join(", ", found) + ")";
    }

    /** The landed changesets, in ledger order, must be the changelog's first changesets. */
    private static List<String> orderProblems(List<LandedChangeset> current, List<LandedChangeset> landed) {
        for (int i = 0; i < landed.size() && i < current.size(); i++) {
            String expected = landed.get(i).identity();
            String actual = current.get(i).identity();
            if (!expected.equals(actual)) {
                return List.of("deployment order: changeset " + (i + 1) + " is " + actual + ", but the ledger has " + expected
                        + " there. Landed changesets keep their order and come first: add new changesets after the last"
                        + " landed one (a new file included at the end of db.changelog-master.yaml), never between them.");
            }
        }
        return List.of();
    }
}
