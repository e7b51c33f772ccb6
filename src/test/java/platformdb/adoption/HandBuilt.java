package platformdb.adoption;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
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
 * changelog knows exactly; the seeds' own databases are built by {@code platformdb.seeds}.
 */
public final class HandBuilt {

    private static final Map<String, FreshDatabase> PARTLY_BUILT = new HashMap<>();
    private static Map<String, String> checkSums;

    private HandBuilt() {
    }

    /** Every changeset a Supabase deploy runs, then the history dropped. */
    public static FreshDatabase whole() {
        return withoutHistory(SupabaseLike.deployed());
    }

    /**
     * The changesets before the one with this id, then the history dropped. Built once per test JVM and point, into a
     * template; each caller gets a copy.
     */
    public static synchronized FreshDatabase upTo(String firstNotRun) {
        FreshDatabase template = PARTLY_BUILT.computeIfAbsent(firstNotRun, HandBuilt::build);
        return FreshDatabase.copyOf(template);
    }

    private static FreshDatabase build(String firstNotRun) {
        FreshDatabase database = SupabaseLike.database(SupabaseLike.ALL_EXTENSIONS);
        try (Deployment deployment = Changelog.master("supabase").deployTo(database)) {
            while (deployment.hasNext() && !deployment.peekNext().getId().equals(firstNotRun)) {
                deployment.applyNext();
            }
        }
        database.droppedAtExit();
        return withoutHistory(database);
    }

    private static FreshDatabase withoutHistory(FreshDatabase database) {
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
