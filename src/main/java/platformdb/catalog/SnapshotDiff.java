package platformdb.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The objects that one snapshot has and another lacks, or has defined differently. */
public record SnapshotDiff(List<String> onlyBefore, List<String> onlyAfter, List<String> changed,
                           Map<String, String> before, Map<String, String> after) {

    static SnapshotDiff between(CatalogSnapshot first, CatalogSnapshot second) {
        Map<String, String> before = first.objects();
        Map<String, String> after = second.objects();
        List<String> onlyBefore = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        before.forEach((key, value) -> {
            if (!after.containsKey(key)) {
                onlyBefore.add(key);
            } else if (!Objects.equals(value, after.get(key))) {
                changed.add(key);
            }
        });
        List<String> onlyAfter = after.keySet().stream().filter(key -> !before.containsKey(key)).toList();
        return new SnapshotDiff(List.copyOf(onlyBefore), onlyAfter, List.copyOf(changed), before, after);
    }

    public boolean isEmpty() {
        return onlyBefore.isEmpty() && onlyAfter.isEmpty() && changed.isEmpty();
    }

    /**
     * A readable account, in the words of the comparison: the expected state (first) against the state found
     * (second). "missing" objects the found state lacks; "unexpected" objects it has in excess.
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        onlyBefore.forEach(key -> text.append("  missing:    ").append(key).append(" | ").append(indent(before.get(key))).append('\n'));
        onlyAfter.forEach(key -> text.append("  unexpected: ").append(key).append(" | ").append(indent(after.get(key))).append('\n'));
        changed.forEach(key -> text.append("  changed:    ").append(key).append('\n')
                .append("    expected: ").append(indent(before.get(key))).append('\n')
                .append("    found:    ").append(indent(after.get(key))).append('\n'));
        return text.toString();
    }

    private static String indent(String multiline) {
        return multiline == null ? "" : multiline.strip().replace("\n", "\n              ");
    }
}
