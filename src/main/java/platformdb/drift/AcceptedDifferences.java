package platformdb.drift;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A reviewed file of differences a team lives with, each with its reason, so that a known deviation does not keep
 * the check red forever:
 * <pre>
 * - object: index public.messages_created_at_brin
 *   reason: added by hand for the monthly report (ticket 412); to be proposed as a changeset
 * </pre>
 * An entry without a reason is refused: the file is for decisions, not for silencing.
 */
public final class AcceptedDifferences {

    private final Map<String, String> reasons;

    private AcceptedDifferences(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    public static AcceptedDifferences none() {
        return new AcceptedDifferences(Map.of());
    }

    public static AcceptedDifferences read(Path file) throws CannotCheck {
        if (!Files.isRegularFile(file)) {
            throw new CannotCheck("no file of accepted differences at " + file);
        }
        try (Reader in = Files.newBufferedReader(file)) {
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), file);
        } catch (IOException | RuntimeException e) {
            throw new CannotCheck(file + " is not a list of accepted differences: " + e.getMessage(), e);
        }
    }

    private static AcceptedDifferences parse(Object document, Path file) throws CannotCheck {
        Map<String, String> reasons = new LinkedHashMap<>();
        if (document == null) {
            return new AcceptedDifferences(reasons);
        }
        if (!(document instanceof List<?> entries)) {
            throw new CannotCheck(file + ": expected a list of entries with 'object' and 'reason'");
        }
        int number = 0;
        for (Object entry : entries) {
            number++;
            if (!(entry instanceof Map<?, ?> fields) || !(fields.get("object") instanceof String object)) {
                throw new CannotCheck(file + ", entry " + number + ": needs 'object' (the key the drift report shows)");
            }
            if (!(fields.get("reason") instanceof String reason) || reason.isBlank()) {
                throw new CannotCheck(file + ", entry " + number + " (" + object + "): needs a 'reason': say why the team lives with it");
            }
            reasons.put(object, reason.strip());
        }
        return new AcceptedDifferences(reasons);
    }

    /** The differences, with the accepted ones marked. */
    public List<Difference> applyTo(List<Difference> differences) {
        List<Difference> marked = new ArrayList<>();
        for (Difference difference : differences) {
            String reason = reasons.get(difference.object());
            marked.add(reason == null ? difference : difference.accept(reason));
        }
        return marked;
    }

    /** Accepted objects that no longer differ: the file should lose them. */
    public List<String> unused(List<Difference> differences) {
        Set<String> seen = differences.stream().map(Difference::object).collect(Collectors.toSet());
        return reasons.keySet().stream().filter(object -> !seen.contains(object)).toList();
    }
}
