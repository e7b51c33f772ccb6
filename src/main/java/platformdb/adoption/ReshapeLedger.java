package platformdb.adoption;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import platformdb.adoption.AdoptionPlan.EntryDifference;
import platformdb.catalog.CatalogSnapshot;
import platformdb.drift.CatalogLedger;
import platformdb.drift.ComparisonRules;
import platformdb.drift.LedgerStep;
import platformdb.drift.LedgerWalk;
import platformdb.liquibase.Changelog;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.SeedDatabase;

/**
 * What a {@link Reshaping} does to the catalog, for one PostgreSQL major: the seed's value of every entry the reshaping
 * touches (its baseline: absent where the reshaping creates the entry), then each reshaping changeset's step. It
 * recognises the point (a database whose touched entries all have the seed's values) and predicts the catalog the
 * reshaping leaves, so that the baseline can be verified before the reshaping runs. Written by
 * {@code scripts/catalog-ledger} (in the catalog ledger's format) from the seed's database built by the seed's own SQL;
 * {@code ReshapeLedgerTest} proves the shipped one current.
 */
public final class ReshapeLedger {

    public static final String SOURCE_FOLDER = "src/main/resources/platformdb/adoption";

    private final Reshaping reshaping;
    private final CatalogLedger ledger;
    private final SortedSet<String> touched = new TreeSet<>();
    private final List<ReshapingGuard> guards;

    public ReshapeLedger(Reshaping reshaping, CatalogLedger ledger) {
        this(reshaping, ledger, List.of());
    }

    private ReshapeLedger(Reshaping reshaping, CatalogLedger ledger, List<ReshapingGuard> guards) {
        this.reshaping = reshaping;
        this.ledger = ledger;
        this.guards = guards;
        ledger.steps().forEach(step -> {
            touched.addAll(step.set().keySet());
            touched.addAll(step.removed());
        });
    }

    public Reshaping reshaping() {
        return reshaping;
    }

    public CatalogLedger ledger() {
        return ledger;
    }

    /** The shipped ledger of the reshaping for the major, or a reason it cannot be used. */
    public static ReshapeLedger shipped(Reshaping reshaping, int postgresMajor) throws CannotAdopt {
        String file = reshaping.ledgerFileName(postgresMajor);
        try (InputStream in = ReshapeLedger.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new CannotAdopt("the project has no reshape ledger of " + reshaping.point() + " for PostgreSQL " + postgresMajor
                        + ": generate it on a PostgreSQL " + postgresMajor + " server with scripts/catalog-ledger and commit it");
            }
            return new ReshapeLedger(reshaping, CatalogLedger.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException | RuntimeException e) {
            throw new CannotAdopt("the reshape ledger " + file + " is damaged: " + e.getMessage() + "; regenerate it with scripts/catalog-ledger", e);
        }
    }

    /** This ledger with the guards of the reshaping's changesets, which the preview runs ({@link ReshapingGuard}). */
    public ReshapeLedger withGuards(List<ReshapingGuard> guards) {
        return new ReshapeLedger(reshaping, ledger, List.copyOf(guards));
    }

    public List<ReshapingGuard> guards() {
        return guards;
    }

    /** The ledger must describe the reshaping changelog as checked out: a stale one is never a guess. */
    public void expectCurrent(Map<String, String> reshapingCheckSums) throws CannotAdopt {
        List<String> inLedger = ledger.steps().stream().map(step -> step.changeSet() + " " + step.checkSum()).toList();
        List<String> inChangelog = reshapingCheckSums.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).toList();
        if (!inLedger.equals(inChangelog)) {
            throw new CannotAdopt("the reshape ledger of " + reshaping.point() + " is stale: " + reshaping.changelogFile()
                    + " changed since it was written; regenerate it with scripts/catalog-ledger");
        }
    }

    /**
     * Where the database differs from the seed's point, over the entries the reshaping touches: empty when the database
     * is at this point. A database at another point (or edited off it) gets the list, and no reshaping.
     */
    public List<EntryDifference> differencesFromThePoint(CatalogSnapshot live) {
        List<EntryDifference> differences = new ArrayList<>();
        for (String key : touched) {
            String seed = ledger.baseline().get(key);
            String found = live.objects().get(key);
            boolean same = seed == null ? found == null : found != null && ComparisonRules.same(key, seed, found);
            if (!same) {
                differences.add(new EntryDifference(key, seed, found));
            }
        }
        return differences;
    }

    /** The catalog the reshaping leaves on a database at its point: every step folded onto the live catalog. */
    public CatalogSnapshot predict(CatalogSnapshot live) {
        CatalogSnapshot predicted = live;
        for (LedgerStep step : ledger.steps()) {
            predicted = predicted.with(step.set(), step.removed());
        }
        return predicted;
    }

    /**
     * Walks the reshaping changeset by changeset on a scratch database built by the seed's own SQL (no rows: what a
     * changeset does to the catalog does not depend on them, and the seed fixture's rows are the ones the reshaping's
     * guards refuse), and records each step and the seed's value of every entry touched.
     */
    public static ReshapeLedger walk(Reshaping reshaping) {
        try (SeedDatabase seed = SeedDatabase.bySeedSqlOnly(reshaping.seed())) {
            // Liquibase's tracking schema, which adoption creates before the reshaping runs
            seed.database().execute("create schema " + FreshDatabase.TRACKING_SCHEMA);
            CatalogLedger walked = LedgerWalk.on(Changelog.at(Changelog.PROJECT_ROOT, reshaping.changelogFile()), seed.database());
            SortedMap<String, String> touchedSeedValues = new TreeMap<>();
            new ReshapeLedger(reshaping, walked).touched.forEach(key -> {
                String value = walked.baseline().get(key);
                if (value != null) {
                    touchedSeedValues.put(key, value);
                }
            });
            return new ReshapeLedger(reshaping, new CatalogLedger(walked.postgresMajor(), touchedSeedValues, walked.steps()));
        }
    }

    public Path sourceFile() {
        return Changelog.PROJECT_ROOT.resolve(SOURCE_FOLDER).resolve(reshaping.ledgerFileName(ledger.postgresMajor()));
    }
}
