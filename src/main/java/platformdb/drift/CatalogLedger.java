package platformdb.drift;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;

/**
 * The catalog the changelog produces, changeset by changeset, for one PostgreSQL major version: the catalog of an
 * empty database (the baseline), then each changeset's {@link LedgerStep}. Folding the steps of exactly the
 * changesets a database's history records gives the catalog that database should have ({@link #expectedAfter}).
 * Written by {@code scripts/catalog-ledger} as diffable text; the round trip proves it current.
 *
 * <p>Format, one record a line: {@code postgres <major>}; {@code baseline}; {@code changeset <file::id::author>
 * <checksum> <contexts>}; {@code + <key>\t<description>} (set); {@code - <key>} (removed). Descriptions are escaped
 * (backslash, tab, newline, carriage return) so that each entry stays on one line.
 */
public final class CatalogLedger {

    public static final String BASELINE = "(empty database)";

    private final int postgresMajor;
    private final SortedMap<String, String> baseline;
    private final Map<String, LedgerStep> steps;

    public CatalogLedger(int postgresMajor, SortedMap<String, String> baseline, List<LedgerStep> steps) {
        this.postgresMajor = postgresMajor;
        this.baseline = Collections.unmodifiableSortedMap(new TreeMap<>(baseline));
        Map<String, LedgerStep> byName = new LinkedHashMap<>();
        steps.forEach(step -> byName.put(step.changeSet(), step));
        this.steps = Collections.unmodifiableMap(byName);
    }

    /** The step from one snapshot to the next, as the ledger records it. */
    public static LedgerStep step(String changeSet, String checkSum, String contexts, CatalogSnapshot before, CatalogSnapshot after) {
        SnapshotDiff diff = before.diffTo(after);
        SortedMap<String, String> set = new TreeMap<>();
        diff.onlyAfter().forEach(key -> set.put(key, after.objects().get(key)));
        diff.changed().forEach(key -> set.put(key, after.objects().get(key)));
        return new LedgerStep(changeSet, checkSum, contexts == null ? "" : contexts, set, new TreeSet<>(diff.onlyBefore()));
    }

    public int postgresMajor() {
        return postgresMajor;
    }

    public SortedMap<String, String> baseline() {
        return baseline;
    }

    public List<LedgerStep> steps() {
        return List.copyOf(steps.values());
    }

    public Optional<LedgerStep> step(String changeSet) {
        return Optional.ofNullable(steps.get(changeSet));
    }

    /**
     * The catalog after the given changesets, in the order given (a database's history, in the order it ran
     * them), with the changeset that last defined each entry.
     */
    public ExpectedCatalog expectedAfter(List<String> changeSets) {
        SortedMap<String, String> objects = new TreeMap<>(baseline);
        SortedMap<String, String> definedBy = new TreeMap<>();
        SortedMap<String, String> createdBy = new TreeMap<>();
        baseline.keySet().forEach(key -> {
            definedBy.put(key, BASELINE);
            createdBy.put(key, BASELINE);
        });
        for (String name : changeSets) {
            LedgerStep step = steps.get(name);
            if (step == null) {
                throw new IllegalArgumentException("the ledger has no changeset " + name);
            }
            step.removed().forEach(key -> {
                objects.remove(key);
                definedBy.remove(key);
                createdBy.remove(key);
            });
            step.set().forEach((key, description) -> {
                objects.put(key, description);
                definedBy.put(key, name);
                createdBy.putIfAbsent(key, name);
            });
        }
        return new ExpectedCatalog(objects, definedBy, createdBy);
    }

    /**
     * The catalog a database should have; for each entry the changeset (or {@link #BASELINE}) that last defined it,
     * and the one that created it.
     */
    public record ExpectedCatalog(SortedMap<String, String> objects, SortedMap<String, String> definedBy,
                                  SortedMap<String, String> createdBy) {
    }

    /**
     * Where this ledger first differs from another one (the committed ledger against a fresh walk), in words, or
     * empty when they are the same.
     */
    public Optional<String> firstDifferenceFrom(CatalogLedger other) {
        if (postgresMajor != other.postgresMajor) {
            return Optional.of("PostgreSQL " + other.postgresMajor + " instead of " + postgresMajor);
        }
        if (!baseline.equals(other.baseline)) {
            return Optional.of("the empty database's catalog differs");
        }
        List<LedgerStep> mine = steps();
        List<LedgerStep> theirs = other.steps();
        for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
            LedgerStep a = mine.get(i);
            LedgerStep b = theirs.get(i);
            if (!a.changeSet().equals(b.changeSet())) {
                return Optional.of("changeset " + (i + 1) + " is " + b.changeSet() + " instead of " + a.changeSet());
            }
            if (!a.equals(b)) {
                String what = !a.checkSum().equals(b.checkSum()) ? "its checksum" : !a.contexts().equals(b.contexts()) ? "its contexts"
                        : "what it does to the catalog";
                return Optional.of("changeset " + a.changeSet() + ": " + what + " differs");
            }
        }
        if (mine.size() != theirs.size()) {
            return Optional.of(theirs.size() + " changesets instead of " + mine.size());
        }
        return Optional.empty();
    }

    public void write(Writer out) throws IOException {
        out.write("# The catalog the changelog produces, changeset by changeset (scripts/catalog-ledger writes it; do not edit).\n");
        out.write("postgres " + postgresMajor + "\n");
        out.write("baseline\n");
        writeEntries(out, baseline, new TreeSet<>());
        for (LedgerStep step : steps.values()) {
            out.write("changeset " + step.changeSet() + " " + step.checkSum() + " " + escape(step.contexts()) + "\n");
            writeEntries(out, step.set(), step.removed());
        }
    }

    private static void writeEntries(Writer out, SortedMap<String, String> set, SortedSet<String> removed) throws IOException {
        for (String key : removed) {
            out.write("- " + escape(key) + "\n");
        }
        for (Map.Entry<String, String> entry : set.entrySet()) {
            out.write("+ " + escape(entry.getKey()) + "\t" + escape(entry.getValue()) + "\n");
        }
    }

    public static CatalogLedger read(BufferedReader in) throws IOException {
        Integer major = null;
        SortedMap<String, String> baseline = null;
        List<LedgerStep> steps = new ArrayList<>();
        SortedMap<String, String> set = null;
        TreeSet<String> removed = null;
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("postgres ")) {
                major = Integer.parseInt(line.substring("postgres ".length()).trim());
            } else if (line.equals("baseline")) {
                baseline = set = new TreeMap<>();
                removed = new TreeSet<>();
            } else if (line.startsWith("changeset ")) {
                String[] parts = line.substring("changeset ".length()).split(" ", 3);
                if (parts.length < 2) {
                    throw new IOException("catalog ledger line " + number + ": a changeset needs a name and a checksum");
                }
                set = new TreeMap<>();
                removed = new TreeSet<>();
                steps.add(new LedgerStep(parts[0], parts[1], parts.length == 3 ? unescape(parts[2]) : "", set, removed));
            } else if (line.startsWith("+ ") && set != null) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IOException("catalog ledger line " + number + ": an entry needs a tab between key and description");
                }
                set.put(unescape(line.substring(2, tab)), unescape(line.substring(tab + 1)));
            } else if (line.startsWith("- ") && removed != null) {
                removed.add(unescape(line.substring(2)));
            } else {
                throw new IOException("catalog ledger line " + number + ": not a ledger record: " + line);
            }
        }
        if (major == null || baseline == null) {
            throw new IOException("not a catalog ledger: no 'postgres <major>' or 'baseline' line");
        }
        return new CatalogLedger(major, baseline, steps);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
