package platformdb.seeds;

import java.util.List;
import java.util.Map;

/**
 * A seed's production database at one point of its documented history: the recipe that builds it from the seed's
 * guide, the rows a team would have in it, and the team's own tables the seed never mentions (with their rows).
 */
public interface SeedPoint {

    /** {@code 000-final}, {@code 001-after-003}: seed number and point. */
    String name();

    Recipe recipe();

    /**
     * Test resources run after the seed's SQL, in order, every statement required to succeed: the team's own tables
     * (named by {@link #teamTables()}), then the rows of the seed's and the team's tables.
     */
    List<String> fixtureResources();

    /** The team's own tables, schema-qualified: a real project of this seed has them, the changelog does not model them. */
    List<String> teamTables();

    /**
     * Where the unified schema moved a seed table (docs/seed-map.md), schema-qualified both: once reshaped, its rows are
     * there, and row counts and fingerprints follow them.
     */
    default Map<String, String> movedTables() {
        return Map.of();
    }
}
