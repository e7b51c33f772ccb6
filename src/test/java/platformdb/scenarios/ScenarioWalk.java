package platformdb.scenarios;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import liquibase.changelog.ChangeSet;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.catalog.TrackedCatalog;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * Runs every rollback scenario in one forward walk over the changelog (cost linear in its length), on one
 * database whose rows accumulate as production's do: before a changeset with scenarios, insert their rows;
 * apply it and check; roll it back and check (or check that it refused and changed nothing); apply it again.
 * Every other changeset is applied, rolled back and applied again too, and its rollback must give back every
 * row of every table with every value (or refuse, changing nothing): the rows the scenarios left behind
 * are then production-like data that no later rollback may lose. The catalog snapshots that check a refused
 * rollback changed nothing are refreshed for what each step touched ({@link TrackedCatalog}).
 */
public final class ScenarioWalk {

    private final Changelog changelog;
    private final List<RollbackScenario> scenarios;

    public ScenarioWalk(Changelog changelog, List<RollbackScenario> scenarios) {
        this.changelog = changelog;
        this.scenarios = scenarios;
    }

    /** Runs them all; throws an AssertionError naming the scenario and what did not hold. */
    public void run() {
        Map<String, List<RollbackScenario>> byChangeSet = scenarios.stream()
                .collect(Collectors.groupingBy(RollbackScenario::changeSet, LinkedHashMap::new, Collectors.toList()));
        Set<String> ids = changelog.changeSets().stream().map(ChangeSet::getId).collect(Collectors.toSet());
        List<String> unknown = byChangeSet.keySet().stream().filter(id -> !ids.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new AssertionError("scenarios name changesets that " + changelog.path() + " does not have: " + unknown);
        }
        try (FreshDatabase database = FreshDatabase.create();
             Connection connection = database.connect()) {
            TrackedCatalog catalog;
            try (Connection superuser = database.connectAsAdmin()) {
                catalog = new TrackedCatalog(connection, superuser);
            }
            try (Deployment deployment = changelog.deployTo(database)) {
                catalog.whole();
                TableRows rows = new TableRows(connection);
                while (deployment.hasNext()) {
                    List<RollbackScenario> here = byChangeSet.getOrDefault(deployment.peekNext().getId(), List.of());
                    if (here.isEmpty()) {
                        keepsEveryRow(deployment, catalog, connection);
                    } else {
                        exercise(deployment, catalog, rows, here);
                    }
                }
                SnapshotDiff drift = catalog.now().diffTo(catalog.whole());
                if (!drift.isEmpty()) {
                    throw new AssertionError("the refreshed catalog snapshots of the walk missed a change that a whole snapshot sees"
                            + " (DDL the probe did not report), so the checks of refused rollbacks are not sure:\n" + drift.describe());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies the next changeset and proves its rollback gives back all data, or refuses and changes nothing. */
    private static void keepsEveryRow(Deployment deployment, TrackedCatalog catalog, Connection connection) {
        Map<String, String> before = DataFingerprint.of(connection);
        ChangeSet changeSet = deployment.applyNext();
        CatalogSnapshot applied = catalog.now();
        Map<String, String> appliedData = DataFingerprint.of(connection);
        try {
            deployment.rollbackLast();
        } catch (RuntimeException e) {
            if (!e.getMessage().contains("rollback refused")) {
                throw new AssertionError("changeset " + Changelog.name(changeSet) + ": rollback failed with rows present: " + e.getMessage(), e);
            }
            SnapshotDiff diff = applied.diffTo(catalog.now());
            String lost = DataFingerprint.difference(appliedData, DataFingerprint.of(connection));
            if (!diff.isEmpty() || !lost.isEmpty()) {
                throw new AssertionError("changeset " + Changelog.name(changeSet) + ": its refused rollback changed things:\n"
                        + diff.describe() + lost);
            }
            return;
        }
        String lost = DataFingerprint.difference(before, DataFingerprint.of(connection));
        if (!lost.isEmpty()) {
            throw new AssertionError("changeset " + Changelog.name(changeSet) + ": its rollback did not give back the rows of " + lost);
        }
        deployment.applyNext();
    }

    private static void exercise(Deployment deployment, TrackedCatalog catalog, TableRows rows, List<RollbackScenario> here) {
        String changeSet = here.get(0).changeSet();
        here.forEach(scenario -> rows.execute(scenario.setUpSql()));
        here.forEach(scenario -> rows.insert(scenario.insertBefore()));
        deployment.applyNext();
        for (RollbackScenario scenario : here) {
            expectPresent(rows, scenario, scenario.afterUpdate(), "after update");
            rows.insert(scenario.insertAfterUpdate());
        }
        List<String> refusals = here.stream().map(RollbackScenario::rollbackRefusedWith).filter(text -> text != null).toList();
        if (!refusals.isEmpty() && refusals.size() != here.size()) {
            throw new AssertionError("scenarios of changeset " + changeSet + " disagree on whether its rollback refuses: "
                    + here.stream().map(RollbackScenario::file).toList());
        }
        if (refusals.isEmpty()) {
            try {
                deployment.rollbackLast();
            } catch (RuntimeException e) {
                throw new AssertionError(names(here) + ": the rollback failed: " + e.getMessage(), e);
            }
            here.forEach(scenario -> expectPresent(rows, scenario, scenario.afterRollback(), "after rollback"));
            deployment.applyNext();
        } else {
            CatalogSnapshot before = catalog.now();
            String error = null;
            try {
                deployment.rollbackLast();
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
            if (error == null) {
                throw new AssertionError(names(here) + ": expected the rollback to refuse (" + refusals + "), but it ran");
            }
            for (String refusal : refusals) {
                if (!error.contains(refusal)) {
                    throw new AssertionError(names(here) + ": the rollback failed, but not with \"" + refusal + "\": " + error);
                }
            }
            SnapshotDiff diff = before.diffTo(catalog.now());
            if (!diff.isEmpty()) {
                throw new AssertionError(names(here) + ": the refused rollback changed the catalog:\n" + diff.describe());
            }
            here.forEach(scenario -> expectPresent(rows, scenario, scenario.afterRollback(), "after the refused rollback"));
        }
    }

    private static void expectPresent(TableRows rows, RollbackScenario scenario, RollbackScenario.Rows expected, String when) {
        List<String> missing = new ArrayList<>(rows.missing(expected));
        if (!missing.isEmpty()) {
            throw new AssertionError("scenario " + scenario.file() + " (changeset " + scenario.changeSet() + ", "
                    + scenario.description() + "): " + when + ", rows are missing:\n  " + String.join("\n  ", missing));
        }
    }

    private static String names(List<RollbackScenario> scenarios) {
        return "scenario " + scenarios.stream().map(RollbackScenario::file).collect(Collectors.joining(", "))
                + " (changeset " + scenarios.get(0).changeSet() + ")";
    }
}
