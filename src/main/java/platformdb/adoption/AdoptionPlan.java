package platformdb.adoption;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What adopting a database would do, made from the database without changing it: the changesets already there (to be
 * recorded as run, verified), the objects there in another shape, the changesets to apply, the team's own objects
 * kept or refused, the rows that would stop a changeset, and the fingerprint of the catalog the plan was made from.
 * When the database is at a seed's point a proven reshaping covers, the plan is of the catalog that reshaping leaves.
 */
public record AdoptionPlan(String database, int postgresMajor, String fingerprint, Recognition recognition,
                           List<String> there, Map<String, List<EntryDifference>> toReshape, List<String> toApply,
                           List<TeamObjects.Kept> kept, List<TeamObjects.Refused> refused, List<DataPreflight.Problem> dataProblems) {

    private static final int SHOWN_POINT_DIFFERENCES = 12;

    /** One catalog entry a changeset would define that the database has otherwise. */
    public record EntryDifference(String object, String changelog, String database) {
    }

    /**
     * The proven reshaping whose seed point the database is at (null when none), and, for every known point the database
     * is not at, where it differs from that point over the entries its reshaping touches.
     */
    public record Recognition(String reshaping, Map<String, List<EntryDifference>> otherPoints) {

        public static Recognition none() {
            return new Recognition(null, Map.of());
        }
    }

    /** The proven reshaping of the seed point the database is at, if it is at one. */
    public Optional<Reshaping> reshaping() {
        return Optional.ofNullable(recognition.reshaping()).flatMap(Reshaping::named);
    }

    /** Whether the plan can be applied as it is: nothing to reshape, nothing refused, no rows in the way. */
    public boolean adoptable() {
        return toReshape.isEmpty() && refused.isEmpty() && dataProblems.isEmpty();
    }

    /** Prints the plan, and writes it to the plan file when one is given (for the review of the adoption). */
    public void print(PrintStream out, String planFile) throws IOException {
        String text = render();
        out.print(text);
        out.flush();
        if (planFile != null) {
            Files.writeString(Path.of(planFile), text);
        }
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Adoption plan for ").append(database).append(" (PostgreSQL ").append(postgresMajor).append(", Supabase mode)\n");
        out.append("fingerprint: ").append(fingerprint).append("\n\n");
        if (recognition.reshaping() != null) {
            Reshaping reshaping = Reshaping.named(recognition.reshaping()).orElseThrow();
            out.append("Reshaping: the database is at seed point ").append(reshaping.point())
                    .append(" (every entry its reshaping touches has the seed's value). After the baseline and the tag, ")
                    .append(reshaping.changelogFile()).append(" brings its objects to the changelog's shape, keeping every row;")
                    .append(" this plan is of the catalog it leaves. The database then deploys and rolls back with ")
                    .append(reshaping.adoptedChangelogFile()).append(".\n\n");
        }
        section(out, "Already there (" + there.size() + " changesets, recorded as run without running, verified against the catalog)", there);
        out.append("To be reshaped (").append(toReshape.size()).append(" changesets whose objects exist in another shape)\n");
        toReshape.forEach((changeSet, differences) -> {
            out.append("  ").append(changeSet).append('\n');
            differences.forEach(difference -> out.append("    ").append(difference.object()).append('\n')
                    .append("      changelog: ").append(oneLine(difference.changelog())).append('\n')
                    .append("      database:  ").append(oneLine(difference.database())).append('\n'));
        });
        out.append('\n');
        section(out, "To be applied (" + toApply.size() + " changesets, run by update after the adoption tag)", toApply);
        section(out, "Kept and listed (" + kept.size() + " objects the changelog does not have)",
                kept.stream().map(item -> item.difference().object() + ": " + item.rule()).toList());
        section(out, "Refused (" + refused.size() + ")", refused.stream().map(item -> item.difference().object() + ": " + item.reason()).toList());
        section(out, "Rows in the way (" + dataProblems.size() + ")", dataProblems.stream().map(DataPreflight.Problem::describe).toList());
        if (!toReshape.isEmpty()) {
            recognition.otherPoints().forEach((point, differences) -> {
                out.append("Not at seed point ").append(point).append(" (").append(differences.size())
                        .append(" entries its reshaping touches differ from the seed's)\n");
                differences.stream().limit(SHOWN_POINT_DIFFERENCES).forEach(difference -> out.append("    ").append(difference.object()).append('\n')
                        .append("      seed:      ").append(oneLine(difference.changelog())).append('\n')
                        .append("      database:  ").append(oneLine(difference.database())).append('\n'));
                if (differences.size() > SHOWN_POINT_DIFFERENCES) {
                    out.append("    ... and ").append(differences.size() - SHOWN_POINT_DIFFERENCES).append(" more\n");
                }
                out.append('\n');
            });
        }
        if (adoptable()) {
            out.append("Adoptable. Apply exactly this plan with: scripts/liquibase adopt --apply --fingerprint=").append(fingerprint).append('\n');
        } else {
            out.append("Not adoptable as it is: ").append(reasons()).append(". Nothing was changed.\n");
        }
        return out.toString();
    }

    /** Why the plan cannot be applied, in one line. */
    public String reasons() {
        StringBuilder why = new StringBuilder();
        if (!toReshape.isEmpty()) {
            why.append(toReshape.size()).append(" changesets' objects exist in another shape, and no proven reshaping covers this state");
        }
        if (!refused.isEmpty()) {
            why.append(why.isEmpty() ? "" : "; ").append(refused.size()).append(" objects are refused");
        }
        if (!dataProblems.isEmpty()) {
            why.append(why.isEmpty() ? "" : "; ").append(dataProblems.size()).append(" constraints would be broken by existing rows");
        }
        return why.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        out.append(title).append('\n');
        lines.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append('\n');
    }

    private static String oneLine(String text) {
        return text == null ? "(none)" : text.replace("\n", "\\n");
    }
}
