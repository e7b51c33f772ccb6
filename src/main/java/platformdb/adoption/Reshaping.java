package platformdb.adoption;

import java.util.List;
import java.util.Optional;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.Seed001;
import platformdb.seeds.Seed002;
import platformdb.seeds.Seed003;
import platformdb.seeds.Seed004;
import platformdb.seeds.SeedPoint;

/**
 * A proven reshaping: the changelog that brings a seed's database at one point of its history to the shape the
 * changelog's own changesets give it ({@code changelog/adoption/<point>.yaml}), the changelog an adopted database then
 * deploys and rolls back with (the reshaping, then the master: {@code <point>-adopted.yaml}), and the seed point whose
 * database it is proven on. Its catalog ledger ({@link ReshapeLedger}) recognises the point and predicts the result.
 *
 * @param point      the name of the point, as the history records it ({@code seed-000-final})
 * @param doneBySeed the changesets without a catalog effect whose work the seed's own history did (docs/seed-map.md
 *                   maps a seed step to them): recorded with the baseline when running them would change nothing, so
 *                   that the way back never runs their rollbacks on what the seed did
 */
public record Reshaping(String point, SeedPoint seed, List<DoneBySeed> doneBySeed) {

    /**
     * A data changeset the seed's history did the work of.
     *
     * @param changeSet the changeset, as the history names it (file::id::author)
     * @param noOpWhen  a query that answers true when running the changeset on the database would change nothing
     */
    public record DoneBySeed(String changeSet, String noOpWhen) {
    }

    public Reshaping(String point, SeedPoint seed) {
        this(point, seed, List.of());
    }

    /** Every reshaping the project proves (Seed00NReshapingTest walks each changeset on the seed's own database). */
    public static final List<Reshaping> KNOWN = List.of(new Reshaping("seed-000-final", new Seed000Final()),
            new Reshaping("seed-001-after-optimize-rls-indexes", Seed001.afterOptimizeRlsIndexes()),
            new Reshaping("seed-001-final", Seed001.atFinalPoint()),
            new Reshaping("seed-002-final", new Seed002()),
            new Reshaping("seed-003-after-ai-integration", Seed003.afterAiIntegration()),
            new Reshaping("seed-003-final", Seed003.atFinalPoint()),
            new Reshaping("seed-004-final", new Seed004(), List.of(
                    // the seed's 004_data_migration copied ai_memories into memories and its cleanup dropped ai_memories
                    new DoneBySeed("changelog/memories/legacy-ai-memories.yaml::copy-legacy-ai-memories-into-memories::platform",
                            "select to_regclass('public.ai_memories') is null"))));

    public static Optional<Reshaping> named(String point) {
        return KNOWN.stream().filter(reshaping -> reshaping.point().equals(point)).findFirst();
    }

    /** The reshaping changelog, run after the baseline and the tag. */
    public String changelogFile() {
        return "changelog/adoption/" + point + ".yaml";
    }

    /** The changelog an adopted database deploys and rolls back with: the reshaping, then the master. */
    public String adoptedChangelogFile() {
        return "changelog/adoption/" + point + "-adopted.yaml";
    }

    public String ledgerFileName(int postgresMajor) {
        return "reshape-ledger-" + point + "-postgres-" + postgresMajor + ".txt";
    }
}
