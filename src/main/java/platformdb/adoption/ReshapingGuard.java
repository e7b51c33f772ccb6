package platformdb.adoption;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import platformdb.liquibase.Changelog;

/**
 * A reshaping changeset's refusal of rows the changelog cannot hold (a {@code do} block that raises
 * {@code 'reshape refused: ...'}), run by the preview exactly as the changeset would run it: only reading, in the plan's
 * read-only transaction, so that rows in the way stop the adoption before anything changes. A guard that reads what an
 * earlier reshaping changeset makes (a renamed column) cannot run before it: it is left to the reshaping itself.
 */
public record ReshapingGuard(String changeSet, String sql) {

    private static final Pattern GUARD_BLOCK = Pattern.compile("(?s)do \\$\\$.*?\\$\\$;");
    private static final Pattern REFUSAL = Pattern.compile("(?s)reshape refused: (\\S+) holds (\\d+) row\\(s\\) with (.*?) \\(e\\.g\\. (.*?)\\)");
    private static final String RAISED = "P0001";

    /** The guards of a reshaping changelog's changesets, in order. */
    public static List<ReshapingGuard> of(List<ChangeSet> changeSets) {
        List<ReshapingGuard> guards = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            for (Change change : changeSet.getChanges()) {
                if (change instanceof AbstractSQLChange sql && sql.getSql() != null) {
                    Matcher block = GUARD_BLOCK.matcher(sql.getSql());
                    while (block.find()) {
                        if (block.group().contains("reshape refused")) {
                            guards.add(new ReshapingGuard(Changelog.name(changeSet), block.group()));
                        }
                    }
                }
            }
        }
        return guards;
    }

    /** Runs the guard in a savepoint of the caller's (read-only) transaction: the rows it refuses, if any. */
    public Optional<DataPreflight.Problem> check(Connection connection) throws SQLException {
        Savepoint before = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.releaseSavepoint(before);
            return Optional.empty();
        } catch (SQLException e) {
            connection.rollback(before);
            if (!RAISED.equals(e.getSQLState())) {
                return Optional.empty();  // reads what an earlier reshaping changeset makes: the reshaping checks it when it runs
            }
            Matcher refusal = REFUSAL.matcher(e.getMessage());
            if (!refusal.find()) {
                return Optional.of(new DataPreflight.Problem(changeSet, "(rows)", e.getMessage(), 0, List.of()));
            }
            return Optional.of(new DataPreflight.Problem(changeSet, refusal.group(1), "the reshaping's rule against rows with " + refusal.group(3),
                    Long.parseLong(refusal.group(2)), List.of(refusal.group(4))));
        }
    }
}
