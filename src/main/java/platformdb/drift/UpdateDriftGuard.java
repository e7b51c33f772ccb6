package platformdb.drift;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CommandExecutionException;
import platformdb.liquibase.Changelog;

/**
 * No silent deploy onto a drifted database: before {@code update} applies anything, the objects its pending changesets
 * touch (and the tables they belong to) are checked against the changelog's catalog for what the history records.
 * Drift there is a warning, or a refusal with {@code -Dplatformdb.drift.onUpdate=refuse} (environment variable
 * {@code PLATFORMDB_DRIFT_ON_UPDATE}); {@code off} skips the check. A check that cannot be made (no ledger for the
 * server's major version, a stale ledger) is said, never a refusal.
 */
public final class UpdateDriftGuard {

    public static final String SETTING = "platformdb.drift.onUpdate";
    private static final String ENVIRONMENT = "PLATFORMDB_DRIFT_ON_UPDATE";

    enum OnDrift { WARN, REFUSE, OFF }

    private UpdateDriftGuard() {
    }

    public static void check(CommandScope command) throws Exception {
        OnDrift onDrift = setting();
        if (onDrift == OnDrift.OFF) {
            return;
        }
        Database database = (Database) command.getDependency(Database.class);
        DatabaseChangeLog changeLog = (DatabaseChangeLog) command.getDependency(DatabaseChangeLog.class);
        ChangeLogParameters parameters = (ChangeLogParameters) command.getDependency(ChangeLogParameters.class);
        List<RanChangeSet> ran = database.getRanChangeSetList();
        List<ChangeSet> pending = pending(changeLog, parameters, ran);
        if (ran.isEmpty() || pending.isEmpty()) {
            return;  // a new database has nothing of ours to drift; a no-op update changes nothing
        }
        if (pending.stream().anyMatch(changeSet -> Changelog.isReshaping(changeSet.getFilePath()))) {
            return;  // an adoption's reshaping is still to run: its objects are in the seed's shape until it has; adopt verifies the result
        }
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        DriftReport report;
        Set<String> touched;
        try {
            CatalogLedger ledger = LedgerSource.shipped(connection.getMetaData().getDatabaseMajorVersion());
            touched = touched(ledger, pending);
            report = new DriftRun(LedgerWalk.checkSums(changeLog.getChangeSets()), AcceptedDifferences.none(), false)
                    .check(connection, database.getLiquibaseSchemaName(), ledger, database.getConnection().getURL());
        } catch (CannotCheck e) {
            say("WARNING: drift not checked before this update: " + e.getMessage());
            return;
        }
        List<Difference> related = report.differences().stream()
                .filter(difference -> difference.fails(false) && relatedObjects(difference.object()).stream().anyMatch(touched::contains))
                .toList();
        if (related.isEmpty()) {
            return;
        }
        String objects = related.stream().map(difference -> difference.kind().label() + " " + difference.object()).collect(Collectors.joining("; "));
        String message = related.size() + " object(s) the pending changesets touch differ from the changelog: " + objects
                + ". See `scripts/liquibase drift`";
        if (onDrift == OnDrift.REFUSE) {
            throw new CommandExecutionException("update refused: " + message
                    + "; restore them (or record the change as a changeset) and deploy again. Nothing was applied.");
        }
        say("WARNING: " + message + " (-D" + SETTING + "=refuse makes this a refusal).");
    }

    private static List<ChangeSet> pending(DatabaseChangeLog changeLog, ChangeLogParameters parameters, List<RanChangeSet> ran) {
        Set<String> done = ran.stream().map(row -> row.getChangeLog() + "::" + row.getId() + "::" + row.getAuthor()).collect(Collectors.toSet());
        ContextChangeSetFilter contexts = new ContextChangeSetFilter(parameters.getContexts());
        LabelChangeSetFilter labels = new LabelChangeSetFilter(parameters.getLabels());
        return changeLog.getChangeSets().stream()
                .filter(changeSet -> !done.contains(Changelog.name(changeSet)))
                .filter(changeSet -> contexts.accepts(changeSet).isAccepted() && labels.accepts(changeSet).isAccepted())
                .toList();
    }

    /** The catalog entries the pending changesets set or remove, and the tables those belong to. */
    private static Set<String> touched(CatalogLedger ledger, List<ChangeSet> pending) throws CannotCheck {
        Set<String> touched = new HashSet<>();
        for (ChangeSet changeSet : pending) {
            LedgerStep step = ledger.step(Changelog.name(changeSet)).orElseThrow(() -> new CannotCheck(
                    "the catalog ledger is stale: it has no changeset " + Changelog.name(changeSet) + "; regenerate it with scripts/catalog-ledger"));
            step.set().keySet().forEach(key -> touched.addAll(relatedObjects(key)));
            step.removed().forEach(key -> touched.addAll(relatedObjects(key)));
        }
        return touched;
    }

    /** The entry itself and, for a part of a table (column, constraint, policy, trigger, column grant), the table. */
    static Set<String> relatedObjects(String key) {
        Set<String> related = new HashSet<>();
        related.add(key);
        for (String kind : List.of("column ", "constraint ", "policy ", "trigger ", "grant on column ")) {
            if (key.startsWith(kind)) {
                String rest = key.substring(kind.length());
                int to = kind.startsWith("grant") ? rest.lastIndexOf(" to ") : -1;
                String part = to > 0 ? rest.substring(0, to) : rest;
                int dot = part.lastIndexOf('.');
                if (dot > 0) {
                    related.add("relation " + part.substring(0, dot));
                }
            }
        }
        for (String kind : List.of("grant on table ", "comment on table ")) {
            if (key.startsWith(kind)) {
                String rest = key.substring(kind.length());
                int to = rest.lastIndexOf(" to ");
                related.add("relation " + (to > 0 ? rest.substring(0, to) : rest));
            }
        }
        return related;
    }

    private static OnDrift setting() {
        String value = System.getProperty(SETTING, System.getenv().getOrDefault(ENVIRONMENT, "warn"));
        try {
            return OnDrift.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SETTING + " (or " + ENVIRONMENT + ") is warn, refuse or off, not '" + value + "'");
        }
    }

    private static void say(String message) {
        Scope.getCurrentScope().getUI().sendMessage(message);
    }
}
