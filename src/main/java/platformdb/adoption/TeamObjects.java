package platformdb.adoption;

import java.util.ArrayList;
import java.util.List;
import platformdb.catalog.CatalogSnapshot;
import platformdb.drift.CatalogLedger;
import platformdb.drift.DriftCheck;
import platformdb.drift.Difference;

/**
 * What a team added that the changelog does not have, and the written rule for each class (docs/adoption.md):
 * <ul>
 *   <li>an object of its own (a table, a view, a function, a type, an extension): kept and listed; the changelog
 *   never touches it;</li>
 *   <li>an extra part of a table the changelog owns (a column, an index, a constraint, a trigger, a comment, a
 *   restrictive policy): kept and listed; adoption writes it to the accepted differences, so that drift does not
 *   report it forever;</li>
 *   <li>an extra <em>permissive</em> policy or an extra privilege on an object the changelog owns: refused. Either
 *   widens who may read or write beyond what {@code changelog/declarations/access-matrix.yaml} declares and the
 *   access tests prove; the team drops it (or makes the policy restrictive), or adds it to the changelog first.</li>
 * </ul>
 */
public final class TeamObjects {

    public record Kept(Difference difference, String rule) {
    }

    public record Refused(Difference difference, String reason) {
    }

    private final List<Kept> kept = new ArrayList<>();
    private final List<Refused> refused = new ArrayList<>();

    /** Sorts the objects the database has beyond everything the changelog would produce on it. */
    public static TeamObjects of(CatalogLedger.ExpectedCatalog changelogFinal, CatalogSnapshot live) {
        TeamObjects objects = new TeamObjects();
        for (Difference difference : DriftCheck.compare(changelogFinal, live, DriftCheck.Mode.SUPABASE)) {
            switch (difference.kind()) {
                case UNKNOWN -> objects.kept.add(new Kept(difference, "an object of the team's own: left alone"));
                case UNEXPECTED -> objects.judgePart(difference);
                default -> {
                    // missing and changed entries are the plan's: applied or reshaped
                }
            }
        }
        return objects;
    }

    private void judgePart(Difference part) {
        String key = part.object();
        if (key.startsWith("policy ") && part.found().contains("permissive=true")) {
            refused.add(new Refused(part, "an extra permissive policy widens access beyond the access matrix: drop it or make it"
                    + " restrictive before adopting, or add it to the changelog first"));
        } else if (key.startsWith("grant on ")) {
            refused.add(new Refused(part, "an extra privilege widens access beyond the access matrix: revoke it before adopting,"
                    + " or add it to the changelog first"));
        } else {
            kept.add(new Kept(part, "an extra part of a table the changelog owns: kept and listed as an accepted difference"));
        }
    }

    public List<Kept> kept() {
        return kept;
    }

    public List<Refused> refused() {
        return refused;
    }
}
