package platformdb.adoption;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import platformdb.drift.Difference;

/**
 * The extra parts of the changelog's tables that adoption kept (an index, a constraint, a trigger a team added), listed
 * in the file of accepted differences that {@code drift --accepted-differences} reads, each with its reason, so that
 * drift after adoption reports only what changes later. Appended: the file may already hold the team's own decisions.
 */
final class KeptParts {

    private KeptParts() {
    }

    static void write(AdoptionPlan plan, Path file, PrintStream out) throws IOException {
        StringBuilder entries = new StringBuilder();
        String existing = Files.isRegularFile(file) ? Files.readString(file) : "";
        for (TeamObjects.Kept kept : plan.kept()) {
            Difference difference = kept.difference();
            String entry = "- object: " + quoted(difference.object()) + "\n";
            if (difference.kind() != Difference.Kind.UNEXPECTED || existing.contains(entry)) {
                continue;  // an object of the team's own is reported as unknown, which fails nothing
            }
            entries.append(entry).append("  reason: ").append(quoted("kept by the adoption of " + plan.database().replaceAll("^[^@]*@", "")
                    + " on " + LocalDate.now() + " (" + kept.rule() + ")")).append('\n');
        }
        if (entries.isEmpty()) {
            return;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, existing + (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + entries);
        out.println("adopt: the kept extra parts are listed in " + file + ": review and commit it, and pass it to drift"
                + " (--accepted-differences=" + file + ")");
    }

    /** A YAML double-quoted scalar: keys hold quotes and reasons hold colons. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
