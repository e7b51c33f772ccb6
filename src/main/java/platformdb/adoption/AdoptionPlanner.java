package platformdb.adoption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import platformdb.catalog.CatalogSnapshot;
import platformdb.drift.CatalogLedger;
import platformdb.drift.ComparisonRules;
import platformdb.drift.LedgerStep;

/**
 * Sorts the changesets a Supabase deploy runs into what an existing database already has, what it has in another
 * shape, and what is still to apply, from the catalog ledger and the live catalog alone; never by name.
 *
 * <p>A changeset counts as already there only as a member of a set closed under its dependencies (every earlier
 * changeset that touched the same catalog entries or their owning object is in the set too) whose combined catalog
 * equals the live one on every entry the set touches, owners and privileges included. A changeset whose objects are
 * all absent, and whose changes to existing entries find them as the changelog left them (or change only entries that
 * changesets still to apply create), is to be applied. Anything else exists in another shape: to be reshaped.
 */
public final class AdoptionPlanner {

    public enum Verdict { THERE, APPLY, RESHAPE }

    private AdoptionPlanner() {
    }

    /** The verdict of every changeset a Supabase deploy runs, in changelog order. */
    public static Map<LedgerStep, Verdict> classify(CatalogLedger ledger, CatalogSnapshot live) {
        Map<String, String> found = live.objects();
        Map<String, String> owners = live.owningObjects();
        List<LedgerStep> steps = ledger.steps().stream().filter(step -> !step.plainPostgresOnly()).toList();

        Map<LedgerStep, Verdict> verdicts = new LinkedHashMap<>();
        Map<LedgerStep, Set<LedgerStep>> dependencies = new HashMap<>();
        Map<String, List<LedgerStep>> touchers = new HashMap<>();
        Map<LedgerStep, List<List<LedgerStep>>> earlierTouchersOfWhatItChanges = new HashMap<>();
        Map<String, Integer> lastRemoval = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (String key : steps.get(i).removed()) {
                lastRemoval.put(key, i);
            }
        }
        SortedMap<String, String> full = new TreeMap<>(ledger.baseline());
        for (int i = 0; i < steps.size(); i++) {
            LedgerStep step = steps.get(i);
            int index = i;
            verdicts.put(step, firstVerdict(step, full, found, key -> lastRemoval.getOrDefault(key, -1) > index));
            Set<LedgerStep> dependsOn = new HashSet<>();
            for (String key : touched(step)) {
                dependsOn.addAll(touchers.getOrDefault(key, List.of()));
                String owner = owners.get(key);
                if (owner != null && !owner.equals(key)) {
                    dependsOn.addAll(touchers.getOrDefault(owner, List.of()));
                }
            }
            dependencies.put(step, dependsOn);
            List<List<LedgerStep>> ofChanged = new ArrayList<>();
            for (String key : touched(step)) {
                if (full.containsKey(key) || step.removed().contains(key)) {
                    ofChanged.add(List.copyOf(touchers.getOrDefault(key, List.of())));
                }
            }
            earlierTouchersOfWhatItChanges.put(step, ofChanged);
            touched(step).forEach(key -> touchers.computeIfAbsent(key, k -> new ArrayList<>()).add(step));
            step.removed().forEach(full::remove);
            full.putAll(step.set());
        }

        for (boolean changed = true; changed; ) {
            changed = false;
            for (LedgerStep step : steps) {
                if (verdicts.get(step) == Verdict.THERE
                        && dependencies.get(step).stream().anyMatch(dependency -> verdicts.get(dependency) != Verdict.THERE)
                        && !onlyAFlagOfItsTableIsStillToApply(step, dependencies.get(step), verdicts, found)) {
                    // on something still to apply: applied after it, when none of its objects exist yet; otherwise its
                    // objects are there on something not verified
                    boolean nothingOfItThere = touched(step).stream().noneMatch(found::containsKey);
                    boolean onlyOnApplied = dependencies.get(step).stream().allMatch(dependency -> verdicts.get(dependency) != Verdict.RESHAPE);
                    verdicts.put(step, nothingOfItThere && onlyOnApplied ? Verdict.APPLY : Verdict.RESHAPE);
                    changed = true;
                }
            }
            for (LedgerStep step : steps) {
                if (verdicts.get(step) == Verdict.RESHAPE && changesOnlyWhatIsStillToApply(step, earlierTouchersOfWhatItChanges.get(step), verdicts, found)) {
                    verdicts.put(step, Verdict.APPLY);
                    changed = true;
                }
            }
            LedgerStep wrong = firstMismatch(ledger, steps, verdicts, found);
            if (wrong != null) {
                verdicts.put(wrong, Verdict.RESHAPE);
                changed = true;
            }
        }
        placeChangesetsWithoutEffect(steps, verdicts);
        return verdicts;
    }

    /**
     * A changeset whose own entries are there, on a table whose only changes still to apply leave those entries alone
     * (row level security enabled on a table whose columns, indexes and policies are there as the changelog made them):
     * the earlier changesets depend on it through the table alone and share none of its entries, so applying them after
     * the baseline ends where the changelog's order ends, and it stays found there.
     */
    private static boolean onlyAFlagOfItsTableIsStillToApply(LedgerStep step, Set<LedgerStep> dependencies, Map<LedgerStep, Verdict> verdicts,
                                                            Map<String, String> found) {
        Set<String> own = touched(step);
        return own.stream().anyMatch(found::containsKey)
                && dependencies.stream().filter(dependency -> verdicts.get(dependency) != Verdict.THERE)
                        .allMatch(dependency -> verdicts.get(dependency) == Verdict.APPLY
                                && touched(dependency).stream().noneMatch(own::contains));
    }

    /**
     * A changeset none of whose entries the database has, which changes only entries that earlier changesets still to
     * apply create (a grant revoked on a table still to create): it runs after them, as in a deploy. An entry it changes
     * that no earlier changeset made (Supabase's own) and is absent keeps it reshaped.
     */
    private static boolean changesOnlyWhatIsStillToApply(LedgerStep step, List<List<LedgerStep>> earlierTouchersOfWhatItChanges,
                                                         Map<LedgerStep, Verdict> verdicts, Map<String, String> found) {
        return touched(step).stream().noneMatch(found::containsKey)
                && !earlierTouchersOfWhatItChanges.isEmpty()
                && earlierTouchersOfWhatItChanges.stream().allMatch(touchersOfOne -> !touchersOfOne.isEmpty()
                        && touchersOfOne.stream().allMatch(toucher -> verdicts.get(toucher) == Verdict.APPLY));
    }

    /**
     * The catalog the changesets found there produce, folded in changelog order over the empty database's (Supabase
     * mode: the empty database's own entries are Supabase's and not compared).
     */
    public static CatalogLedger.ExpectedCatalog baselineCatalog(CatalogLedger ledger, Map<LedgerStep, Verdict> verdicts) {
        return ledger.expectedAfter(verdicts.entrySet().stream()
                .filter(verdict -> verdict.getValue() == Verdict.THERE).map(verdict -> verdict.getKey().changeSet()).toList());
    }

    /** Every entry the changesets found there touch, with what the changelog says and what the database has, where they differ. */
    public static List<String> mismatches(CatalogLedger ledger, List<LedgerStep> steps, Map<LedgerStep, Verdict> verdicts,
                                          Map<String, String> found) {
        CatalogLedger.ExpectedCatalog expected = baselineCatalog(ledger, verdicts);
        List<String> mismatches = new ArrayList<>();
        for (LedgerStep step : steps) {
            if (verdicts.get(step) != Verdict.THERE) {
                continue;
            }
            for (String key : touched(step)) {
                String want = expected.objects().get(key);
                String have = found.get(key);
                if (!equal(key, want, have)) {
                    mismatches.add(key);
                }
            }
        }
        return mismatches;
    }

    /**
     * The verdict from this changeset's own entries; a changeset found there is only a candidate until the combined
     * catalog of all of them is compared (a later changeset may have redefined what this one set).
     */
    private static Verdict firstVerdict(LedgerStep step, Map<String, String> before, Map<String, String> found,
                                        java.util.function.Predicate<String> removedLater) {
        if (step.set().isEmpty() && step.removed().isEmpty()) {
            return Verdict.APPLY;  // placed by placeChangesetsWithoutEffect
        }
        List<String> creates = step.set().keySet().stream().filter(key -> !before.containsKey(key)).toList();
        List<String> modifies = new ArrayList<>(step.removed());
        step.set().keySet().stream().filter(before::containsKey).forEach(modifies::add);
        boolean modifiedAsBefore = modifies.stream().allMatch(key -> equal(key, before.get(key), found.get(key)));
        if (creates.isEmpty()) {
            boolean asAfter = step.set().entrySet().stream().allMatch(entry -> equal(entry.getKey(), entry.getValue(), found.get(entry.getKey())))
                    && step.removed().stream().noneMatch(found::containsKey);
            return asAfter || !modifiedAsBefore ? Verdict.THERE : Verdict.APPLY;
        }
        long present = creates.stream().filter(found::containsKey).count();
        if (present > 0 && creates.stream().allMatch(key -> found.containsKey(key) || removedLater.test(key))) {
            return Verdict.THERE;  // what it created is there, but for what a later changeset removes
        }
        return present == 0 && modifiedAsBefore ? Verdict.APPLY : Verdict.RESHAPE;
    }

    /** The first changeset found there whose entries the combined catalog of all found there does not match: the last toucher of the entry. */
    private static LedgerStep firstMismatch(CatalogLedger ledger, List<LedgerStep> steps, Map<LedgerStep, Verdict> verdicts,
                                            Map<String, String> found) {
        List<String> wrong = mismatches(ledger, steps, verdicts, found);
        if (wrong.isEmpty()) {
            return null;
        }
        String key = wrong.get(0);
        LedgerStep last = null;
        for (LedgerStep step : steps) {
            if (verdicts.get(step) == Verdict.THERE && touched(step).contains(key)) {
                last = step;
            }
        }
        return last;
    }

    /**
     * A changeset with no catalog effect (a release tag) is found there when everything before it is, so that a tag in
     * the history marks a state the database really had; otherwise it runs, in its place.
     */
    private static void placeChangesetsWithoutEffect(List<LedgerStep> steps, Map<LedgerStep, Verdict> verdicts) {
        boolean prefixThere = true;
        for (LedgerStep step : steps) {
            boolean noEffect = step.set().isEmpty() && step.removed().isEmpty();
            if (noEffect) {
                verdicts.put(step, prefixThere ? Verdict.THERE : Verdict.APPLY);
            } else if (verdicts.get(step) != Verdict.THERE) {
                prefixThere = false;
            }
        }
    }

    static Set<String> touched(LedgerStep step) {
        Set<String> keys = new HashSet<>(step.set().keySet());
        keys.addAll(step.removed());
        return keys;
    }

    private static boolean equal(String key, String expected, String found) {
        if (expected == null || found == null) {
            return Objects.equals(expected, found);
        }
        return ComparisonRules.same(key, expected, found);
    }
}
