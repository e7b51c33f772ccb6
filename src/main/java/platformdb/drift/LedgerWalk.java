package platformdb.drift;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import liquibase.changelog.ChangeSet;
import liquibase.ChecksumVersion;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.SnapshotDiff;
import platformdb.catalog.TrackedCatalog;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * Computes the {@link CatalogLedger} of a changelog: applies it changeset by changeset to a scratch database and
 * records what each one did to the catalog (refreshed snapshots: the walk costs what the changesets change). The
 * step snapshots are checked against a whole snapshot at the end.
 */
public final class LedgerWalk {

    private LedgerWalk() {
    }

    public static CatalogLedger of(Changelog changelog) {
        try (FreshDatabase database = FreshDatabase.create()) {
            return on(changelog, database);
        }
    }

    /**
     * Walks the changelog on a database as it is (an adoption's reshaping on a seed's database): the ledger's baseline
     * is that database's whole catalog before the first changeset.
     */
    public static CatalogLedger on(Changelog changelog, FreshDatabase database) {
        try (Connection inspector = database.connect();
             Deployment deployment = changelog.deployTo(database)) {
            TrackedCatalog catalog;
            try (Connection superuser = database.connectAsAdmin()) {
                catalog = new TrackedCatalog(inspector, superuser);
            }
            CatalogSnapshot before = catalog.whole();
            CatalogSnapshot baseline = before;
            List<LedgerStep> steps = new ArrayList<>();
            while (deployment.hasNext()) {
                ChangeSet changeSet = deployment.applyNext();
                CatalogSnapshot after = catalog.now();
                steps.add(CatalogLedger.step(Changelog.name(changeSet), checkSum(changeSet), contexts(changeSet), before, after));
                before = after;
            }
            SnapshotDiff missed = before.diffTo(catalog.whole());
            if (!missed.isEmpty()) {
                throw new IllegalStateException("the step snapshots missed a change a whole snapshot sees:\n" + missed.describe());
            }
            return new CatalogLedger(inspector.getMetaData().getDatabaseMajorVersion(), new TreeMap<>(baseline.objects()), steps);
        } catch (SQLException e) {
            throw new IllegalStateException("catalog ledger: " + e.getMessage(), e);
        }
    }

    /** The checksum Liquibase records in DATABASECHANGELOG.md5sum for the changeset. */
    public static String checkSum(ChangeSet changeSet) {
        return changeSet.generateCheckSum(ChecksumVersion.latest()).toString();
    }

    /**
     * Every changeset with its checksum, by identity (file::id::author), in changelog order; an adoption's reshaping
     * changesets (in the changelog an adopted database deploys with) aside: the catalog ledger is the master's.
     */
    public static Map<String, String> checkSums(List<ChangeSet> changeSets) {
        Map<String, String> checkSums = new LinkedHashMap<>();
        changeSets.stream().filter(changeSet -> !Changelog.isReshaping(changeSet.getFilePath()))
                .forEach(changeSet -> checkSums.put(Changelog.name(changeSet), checkSum(changeSet)));
        return checkSums;
    }

    public static String contexts(ChangeSet changeSet) {
        return changeSet.getContextFilter() == null || changeSet.getContextFilter().isEmpty() ? "" : changeSet.getContextFilter().toString();
    }
}
