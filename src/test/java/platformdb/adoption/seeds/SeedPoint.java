package platformdb.adoption.seeds;

import java.util.List;

/**
 * A seed's production database at one point of its documented history: the recipe that builds it from the seed's
 * guide, the rows a team would have in it, and the team's own tables the seed never mentions (with their rows).
 */
public interface SeedPoint {

    /** {@code 000-final}, {@code 001-after-003}: seed number and point. */
    String name();

    Recipe recipe();

    /** Test resource with the team's own tables, created after the seed's SQL (and named by {@link #teamTables()}). */
    String teamTablesResource();

    /** Test resource with the rows of the seed's tables and of the team's own tables. */
    String rowsResource();

    /** The team's own tables, schema-qualified: a real project of this seed has them, the changelog does not model them. */
    List<String> teamTables();
}
