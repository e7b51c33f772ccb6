package platformdb.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a statement ({@link SqlStatement#text()}) does to which table, as far as the History rules need to know. */
final class Ddl {

    private static final String NAME = "((?:[a-z_][a-z0-9_$]*\\.)?[a-z_][a-z0-9_$]*)";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^create (?:(?:global |local )?(?:temp|temporary) |unlogged )?table (?:if not exists )?" + NAME);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^create (?:unique )?index (concurrently )?(if not exists )?(?:" + NAME + " )?on (?:only )?" + NAME);
    private static final Pattern DROP_INDEX_CONCURRENTLY = Pattern.compile("^drop index concurrently if exists " + NAME);
    private static final Pattern ALTER_TABLE = Pattern.compile("^alter table (?:if exists )?(?:only )?" + NAME + " (.*)$");
    private static final Pattern POLICY = Pattern.compile("^(?:create|alter|drop) policy (?:if exists )?" + NAME + " on " + NAME);
    private static final Pattern TRIGGER = Pattern.compile(
            "^(?:create (?:or replace )?(?:constraint )?trigger " + NAME + " .*? on |drop trigger (?:if exists )?" + NAME + " on )" + NAME);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile("^add (?:constraint " + NAME + " )?(foreign key|check)\\b");
    private static final Pattern ADD_COLUMN_REFERENCES = Pattern.compile("^add (?:column )?.*\\breferences\\b");
    private static final Pattern LOCK_TIMEOUT = Pattern.compile(
            "\\bset (?:local |session )?lock_timeout\\b|\\bset_config ?\\( ?'lock_timeout'");

    private Ddl() {
    }

    /** The table a statement creates. */
    static Optional<String> createdTable(SqlStatement statement) {
        Matcher matcher = CREATE_TABLE.matcher(statement.text());
        return matcher.find() ? Optional.of(qualified(matcher.group(1))) : Optional.empty();
    }

    record Index(String name, String table, boolean concurrently, boolean ifNotExists) {
    }

    static Optional<Index> createdIndex(SqlStatement statement) {
        Matcher matcher = CREATE_INDEX.matcher(statement.text());
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(3) == null ? null : qualified(matcher.group(3));
        return Optional.of(new Index(name, qualified(matcher.group(4)), matcher.group(1) != null, matcher.group(2) != null));
    }

    /** The index a {@code drop index concurrently if exists} statement drops. */
    static Optional<String> droppedIndexConcurrently(SqlStatement statement) {
        Matcher matcher = DROP_INDEX_CONCURRENTLY.matcher(statement.text());
        return matcher.find() ? Optional.of(qualified(matcher.group(1))) : Optional.empty();
    }

    /** The table of a non-index DDL statement (alter table, create/alter/drop policy, create/drop trigger). */
    static Optional<String> tableOfOtherDdl(SqlStatement statement) {
        Matcher alter = ALTER_TABLE.matcher(statement.text());
        if (alter.find()) {
            return Optional.of(qualified(alter.group(1)));
        }
        Matcher policy = POLICY.matcher(statement.text());
        if (policy.find()) {
            return Optional.of(qualified(policy.group(2)));
        }
        Matcher trigger = TRIGGER.matcher(statement.text());
        if (trigger.find()) {
            return Optional.of(qualified(trigger.group(3)));
        }
        return Optional.empty();
    }

    record AlterTable(String table, List<String> actions) {
    }

    static Optional<AlterTable> alterTable(SqlStatement statement) {
        Matcher matcher = ALTER_TABLE.matcher(statement.text());
        return matcher.find() ? Optional.of(new AlterTable(qualified(matcher.group(1)), topLevelParts(matcher.group(2)))) : Optional.empty();
    }

    record AddedConstraint(String name, String kind, boolean notValid) {
    }

    /** A foreign key or check constraint an ALTER TABLE action adds (an inline REFERENCES is an unnamed foreign key). */
    static Optional<AddedConstraint> addedConstraint(String action) {
        Matcher matcher = ADD_CONSTRAINT.matcher(action);
        boolean notValid = action.matches(".*\\bnot valid\\b.*");
        if (matcher.find()) {
            String name = matcher.group(1) == null ? null : matcher.group(1).replaceFirst("^.*\\.", "");
            return Optional.of(new AddedConstraint(name, matcher.group(2), notValid));
        }
        if (ADD_COLUMN_REFERENCES.matcher(action).find()) {
            return Optional.of(new AddedConstraint(null, "foreign key (inline references)", notValid));
        }
        return Optional.empty();
    }

    static boolean validates(SqlStatement statement, String table, String constraint) {
        return alterTable(statement)
                .filter(alter -> alter.table().equals(table))
                .map(alter -> alter.actions().contains("validate constraint " + constraint))
                .orElse(false);
    }

    static boolean setsLockTimeout(SqlStatement statement) {
        return LOCK_TIMEOUT.matcher(statement.raw()).find();
    }

    /** schema.name; an unqualified name is in public. */
    static String qualified(String name) {
        return name.contains(".") ? name : "public." + name;
    }

    /** The comma-separated parts of a text, outside parentheses. */
    static List<String> topLevelParts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).trim());
        return parts;
    }
}
