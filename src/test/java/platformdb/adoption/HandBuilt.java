package platformdb.adoption;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import platformdb.drift.CannotCheck;
import platformdb.drift.CatalogLedger;
import platformdb.drift.LedgerSource;
import platformdb.drift.LedgerWalk;
import platformdb.fixtures.SupabaseLike;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * A Supabase database whose schema the changelog's own SQL built by hand, without a history: the changelog's
 * changesets up to a point, then no trace of Liquibase. The simplest existing database, whose every object the
 * changelog knows exactly; the seeds' own databases are built by {@code platformdb.adoption.seeds}.
 */
public final class HandBuilt {

    private static Map<String, String> checkSums;

    private HandBuilt() {
    }

    /** Every changeset a Supabase deploy runs, then the history dropped. */
    public static FreshDatabase whole() {
        return upTo(null);
    }

    /** The changesets before the one with this id (all when null), then the history dropped. */
    public static FreshDatabase upTo(String firstNotRun) {
        FreshDatabase database = SupabaseLike.database(SupabaseLike.ALL_EXTENSIONS);
        try (Deployment deployment = Changelog.master("supabase").deployTo(database)) {
            if (firstNotRun == null) {
                deployment.updateAll();
            } else {
                while (deployment.hasNext() && !deployment.peekNext().getId().equals(firstNotRun)) {
                    deployment.applyNext();
                }
            }
        }
        database.execute("drop schema " + FreshDatabase.TRACKING_SCHEMA + " cascade");
        return database;
    }

    static synchronized Map<String, String> changelogCheckSums() {
        if (checkSums == null) {
            checkSums = LedgerWalk.checkSums(Changelog.master().changeSets());
        }
        return checkSums;
    }

    /** The adoption plan of the database, as {@code scripts/liquibase adopt} makes it. */
    public static AdoptionPlan plan(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            CatalogLedger ledger = LedgerSource.shipped(connection.getMetaData().getDatabaseMajorVersion());
            return new Adoption(ledger, changelogCheckSums(), FreshDatabase.TRACKING_SCHEMA).plan(connection, database.name());
        } catch (SQLException | CannotCheck | CannotAdopt e) {
            throw new AssertionError("could not plan the adoption: " + e.getMessage(), e);
        }
    }

    /** How many changesets a Supabase deploy runs. */
    public static long supabaseChangeSets() {
        return Changelog.master("supabase").changeSets().size();
    }
}
