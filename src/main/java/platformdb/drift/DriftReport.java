package platformdb.drift;

import java.util.List;
import java.util.stream.Collectors;
import platformdb.drift.Difference.Kind;

/** The outcome of a drift check, written for a person, for machines (JSON) or for a CI job summary (Markdown). */
public record DriftReport(String database, int postgresMajor, DriftCheck.Mode mode, int changeSetsRecorded, String lastTag,
                          List<Difference> differences, List<String> unusedAcceptances, boolean failOnUnknown) {

    public enum Format { TEXT, JSON, MARKDOWN }

    public static final int NO_DRIFT = 0;
    public static final int DRIFT = 1;
    public static final int CANNOT_CHECK = 2;

    public boolean drifted() {
        return differences.stream().anyMatch(difference -> difference.fails(failOnUnknown));
    }

    public int exitCode() {
        return drifted() ? DRIFT : NO_DRIFT;
    }

    public String render(Format format) {
        return switch (format) {
            case TEXT -> text();
            case JSON -> json();
            case MARKDOWN -> markdown();
        };
    }

    private String subject() {
        return database + ": PostgreSQL " + postgresMajor + ", " + mode.label() + ", " + changeSetsRecorded + " changesets recorded"
                + (lastTag == null ? "" : " (last tag " + lastTag + ")");
    }

    private String verdict() {
        long failing = differences.stream().filter(difference -> difference.fails(failOnUnknown)).count();
        long unknown = differences.stream()
                .filter(difference -> difference.kind() == Kind.UNKNOWN && difference.accepted() == null && !failOnUnknown).count();
        long accepted = differences.stream().filter(difference -> difference.accepted() != null).count();
        String verdict = failing == 0 ? "No drift." : "Drift: " + failing + (failing == 1 ? " difference" : " differences") + " from the changelog.";
        if (unknown > 0) {
            verdict += " " + unknown + (unknown == 1 ? " object" : " objects") + " unknown to the changelog (a failure only with --fail-on-unknown).";
        }
        if (accepted > 0) {
            verdict += " " + accepted + " accepted difference(s).";
        }
        return verdict;
    }

    private String text() {
        StringBuilder out = new StringBuilder("Drift check of ").append(subject()).append('\n');
        for (Difference difference : differences) {
            out.append('\n').append(difference.kind().label()).append(": ").append(difference.object()).append('\n');
            if (difference.changeSet() != null) {
                out.append("  changeset: ").append(difference.changeSet()).append('\n');
            }
            if (difference.expected() != null) {
                out.append("  changelog: ").append(indent(difference.expected())).append('\n');
            }
            if (difference.found() != null) {
                out.append("  database:  ").append(indent(difference.found())).append('\n');
            }
            if (difference.accepted() != null) {
                out.append("  accepted:  ").append(difference.accepted()).append('\n');
            }
        }
        unusedAcceptances.forEach(object -> out.append("\nno longer differs (remove it from the accepted differences): ").append(object).append('\n'));
        return out.append('\n').append(verdict()).append('\n').toString();
    }

    private static String indent(String text) {
        return text.strip().replace("\n", "\n             ");
    }

    private String json() {
        String items = differences.stream().map(difference -> "{" + String.join(",",
                field("kind", difference.kind().name().toLowerCase()),
                field("object", difference.object()),
                field("changelog", difference.expected()),
                field("database", difference.found()),
                field("changeSet", difference.changeSet()),
                field("accepted", difference.accepted()),
                "\"fails\":" + difference.fails(failOnUnknown)) + "}").collect(Collectors.joining(",\n    "));
        return "{\n  " + String.join(",\n  ",
                field("database", database),
                "\"postgresMajor\":" + postgresMajor,
                field("mode", mode.name().toLowerCase()),
                "\"changeSetsRecorded\":" + changeSetsRecorded,
                field("lastTag", lastTag),
                "\"drift\":" + drifted(),
                "\"exitCode\":" + exitCode(),
                "\"differences\":[" + (items.isEmpty() ? "" : "\n    " + items + "\n  ") + "]",
                "\"unusedAcceptances\":[" + unusedAcceptances.stream().map(DriftReport::string).collect(Collectors.joining(",")) + "]")
                + "\n}\n";
    }

    private static String field(String name, String value) {
        return string(name) + ":" + (value == null ? "null" : string(value));
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private String markdown() {
        StringBuilder out = new StringBuilder("## Drift check\n\n").append(subject()).append("\n\n**").append(verdict()).append("**\n");
        if (!differences.isEmpty()) {
            out.append("\n| | object | changeset |\n| --- | --- | --- |\n");
            for (Difference difference : differences) {
                out.append("| ").append(difference.accepted() != null ? "accepted" : difference.kind().label())
                        .append(" | `").append(cell(difference.object())).append("` | ")
                        .append(difference.changeSet() == null ? "" : "`" + cell(difference.changeSet()) + "`").append(" |\n");
            }
            for (Difference difference : differences) {
                out.append("\n<details><summary>").append(difference.kind().label()).append(": <code>")
                        .append(html(difference.object())).append("</code></summary>\n\n");
                if (difference.expected() != null) {
                    out.append("changelog:\n\n```sql\n").append(difference.expected().strip()).append("\n```\n\n");
                }
                if (difference.found() != null) {
                    out.append("database:\n\n```sql\n").append(difference.found().strip()).append("\n```\n\n");
                }
                if (difference.accepted() != null) {
                    out.append("accepted: ").append(difference.accepted()).append("\n\n");
                }
                out.append("</details>\n");
            }
        }
        unusedAcceptances.forEach(object -> out.append("\n- no longer differs, remove from the accepted differences: `").append(cell(object)).append("`\n"));
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
