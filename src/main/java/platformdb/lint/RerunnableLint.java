package platformdb.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import liquibase.changelog.ChangeSet;

/**
 * Every runInTransaction: false changeset, landed or not, must be re-runnable: Liquibase records a changeset only
 * after it ran, so after a crash (or a statement failing half way) it runs the whole changeset again. Each
 * statement must succeed the second time and leave the same result: {@code create ... if not exists},
 * {@code create or replace}, {@code drop ... if exists}, an idempotent statement (grant, comment, analyze, ...),
 * a guarded {@code do} block, and a concurrent index build preceded by {@code drop index concurrently if exists}
 * of the same index (a failed build leaves an INVALID index that {@code if not exists} alone would keep).
 */
public final class RerunnableLint {

    private static final List<Pattern> RERUNNABLE = List.of(
            Pattern.compile("^drop .*?\\bif exists\\b"),
            Pattern.compile("^create or replace\\b"),
            Pattern.compile("^create (?!(?:unique )?index)[a-z ]*?\\bif not exists\\b"),
            Pattern.compile("^alter type .* add value if not exists\\b"),
            Pattern.compile("^(grant|revoke|comment on|analyze|vacuum|reindex|refresh materialized view|set|reset|select)\\b"));
    private static final List<Pattern> IDEMPOTENT_ALTER_TABLE_ACTIONS = List.of(
            Pattern.compile("^add (column |constraint )?if not exists\\b.*"),
            Pattern.compile("^drop (column |constraint )?if exists\\b.*"),
            Pattern.compile("^validate constraint .*"),
            Pattern.compile("^alter (column )?\\S+ (set|drop) (default|not null)\\b.*"),
            Pattern.compile("^(enable|disable|force|no force) row level security$"));
    private static final Pattern DO_BLOCK = Pattern.compile("^do\\b");
    private static final Pattern GUARD = Pattern.compile("\\bif\\b.*\\bthen\\b|\\bexception when\\b");

    private RerunnableLint() {
    }

    public static List<String> check(List<ChangeSet> changeSets) {
        List<String> problems = new ArrayList<>();
        for (ChangesetSql changeset : ChangesetSql.of(changeSets)) {
            if (!changeset.runInTransaction()) {
                problems.addAll(check(changeset));
            }
        }
        return problems;
    }

    private static List<String> check(ChangesetSql changeset) {
        List<String> problems = new ArrayList<>();
        Set<String> droppedIndexes = new HashSet<>();
        for (SqlStatement statement : changeset.statements()) {
            Ddl.droppedIndexConcurrently(statement).ifPresent(droppedIndexes::add);
            Optional<Ddl.Index> index = Ddl.createdIndex(statement);
            String why = index.isPresent() ? indexProblem(index.get(), droppedIndexes) : statementProblem(statement);
            if (why != null) {
                problems.add(changeset.name() + ": runInTransaction: false, so a crash re-runs it whole, but `" + statement.shortText()
                        + "` is not re-runnable: " + why);
            }
        }
        return problems;
    }

    private static String indexProblem(Ddl.Index index, Set<String> droppedIndexes) {
        if (index.name() != null && droppedIndexes.contains(index.name()) || !index.concurrently() && index.ifNotExists()) {
            return null;
        }
        return "a failed build leaves an INVALID index behind (which `if not exists` would keep); precede it with"
                + " `drop index concurrently if exists " + (index.name() == null ? "<name>" : index.name()) + ";` (and name the index)";
    }

    private static String statementProblem(SqlStatement statement) {
        if (RERUNNABLE.stream().anyMatch(pattern -> pattern.matcher(statement.text()).find())) {
            return null;
        }
        if (DO_BLOCK.matcher(statement.text()).find() && GUARD.matcher(statement.raw()).find()) {
            return null;
        }
        Optional<Ddl.AlterTable> alter = Ddl.alterTable(statement);
        if (alter.isPresent() && alter.get().actions().stream()
                .allMatch(action -> IDEMPOTENT_ALTER_TABLE_ACTIONS.stream().anyMatch(pattern -> pattern.matcher(action).matches()))) {
            return null;
        }
        return "write it as `create ... if not exists`, `create or replace`, `drop ... if exists` or"
                + " `alter table ... add column if not exists`, or guard it in a do block (`if not exists (...) then`)";
    }
}
