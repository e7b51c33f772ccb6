package platformdb.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Declarations;

/**
 * The ledger of landed changesets ({@code changelog/declarations/landed-changesets.tsv}): every changeset that has landed on main, in
 * deployment order, as a deployed database records it. Rows are only ever appended. A header line
 * {@code # history-rules-exempt-rows: N} says that the first N rows landed before the History rules of
 * changelog/README.md were enforced: they keep their checksums, so they are exempt from those rules.
 */
public final class Ledger {

    public static final String RELATIVE_PATH = Declarations.LANDED_CHANGESETS;
    public static final Path FILE = Changelog.PROJECT_ROOT.resolve(RELATIVE_PATH);

    private static final Pattern EXEMPT_ROWS = Pattern.compile("^#\\s*history-rules-exempt-rows:\\s*(\\d+)");

    private final List<LandedChangeset> rows;
    private final Set<String> identities = new HashSet<>();
    private final Set<String> exempt = new HashSet<>();

    private Ledger(List<LandedChangeset> rows, int exemptRows) {
        this.rows = List.copyOf(rows);
        for (int i = 0; i < rows.size(); i++) {
            identities.add(rows.get(i).identity());
            if (i < exemptRows) {
                exempt.add(rows.get(i).identity());
            }
        }
    }

    /** The project's ledger. */
    public static Ledger project() {
        return read(FILE);
    }

    public static Ledger read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger " + file, e);
        }
        List<LandedChangeset> rows = new ArrayList<>();
        int exemptRows = 0;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            Matcher exemptHeader = EXEMPT_ROWS.matcher(line);
            if (exemptHeader.find()) {
                exemptRows = Integer.parseInt(exemptHeader.group(1));
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 4) {
                throw new IllegalStateException(file + ":" + number + ": a ledger row has 4 tab-separated fields "
                        + "(filename, id, author, md5sum), this one has " + fields.length + ": " + line);
            }
            rows.add(new LandedChangeset(fields[0], fields[1], fields[2], fields[3]));
        }
        return new Ledger(rows, exemptRows);
    }

    /** Every row, in deployment order. */
    public List<LandedChangeset> rows() {
        return rows;
    }

    public boolean contains(String identity) {
        return identities.contains(identity);
    }

    /** Whether the changeset landed before the History rules were enforced (its checksum protects it from edits). */
    public boolean isExemptFromHistoryRules(String identity) {
        return exempt.contains(identity);
    }
}
