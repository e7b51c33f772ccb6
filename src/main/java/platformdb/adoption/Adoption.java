package platformdb.adoption;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import platformdb.adoption.AdoptionPlan.EntryDifference;
import platformdb.adoption.AdoptionPlanner.Verdict;
import platformdb.catalog.CatalogSnapshot;
import platformdb.catalog.ReadOnlyTransaction;
import platformdb.drift.CannotCheck;
import platformdb.drift.CatalogLedger;
import platformdb.drift.DriftRun;
import platformdb.drift.LedgerStep;

/**
 * Plans the adoption of an existing database (reading only) and records its verified baseline. The plan's
 * fingerprint is a hash of the whole live catalog: applying refuses when the database changed since the preview.
 */
public final class Adoption {

    /** The tag on the last baselined row: rolling back to it undoes everything adoption ran, and nothing that predates it. */
    public static final String TAG = "adopted";
    /** The project's own record of which history rows are baselined (Liquibase's exec types cannot say it). */
    public static final String ADOPTED_TABLE = "adopted_changesets";

    private final CatalogLedger ledger;
    private final Map<String, String> changelogCheckSums;
    private final String trackingSchema;
    private final List<ReshapeLedger> reshapings;

    public Adoption(CatalogLedger ledger, Map<String, String> changelogCheckSums, String trackingSchema) {
        this(ledger, changelogCheckSums, trackingSchema, List.of());
    }

    /** @param reshapings the proven reshapings' ledgers for the server's major, each checked current by the caller */
    public Adoption(CatalogLedger ledger, Map<String, String> changelogCheckSums, String trackingSchema, List<ReshapeLedger> reshapings) {
        this.ledger = ledger;
        this.changelogCheckSums = changelogCheckSums;
        this.trackingSchema = trackingSchema;
        this.reshapings = reshapings;
    }

    /** Where a database stands: never deployed by the changelog, adopted (its baseline recorded), or deployed by it. */
    public enum State { NOT_UNDER_THE_CHANGELOG, ADOPTED, DEPLOYED }

    public State state(Connection connection) throws SQLException {
        if (!exists(connection, "databasechangelog")) {
            return State.NOT_UNDER_THE_CHANGELOG;
        }
        if (exists(connection, ADOPTED_TABLE)) {
            return State.ADOPTED;
        }
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("select count(*) from " + table("databasechangelog"))) {
            rows.next();
            return rows.getLong(1) == 0 ? State.NOT_UNDER_THE_CHANGELOG : State.DEPLOYED;
        }
    }

    /**
     * The plan for a database the changelog has never deployed, read in one read-only transaction (catalog reads wait
     * at most a moment for a lock); the connection's autocommit is left as it was found.
     */
    public AdoptionPlan plan(Connection connection, String database) throws CannotAdopt {
        try {
            return ReadOnlyTransaction.read(connection, "2s", reading -> planInTransaction(reading, database));
        } catch (SQLException | IllegalStateException e) {
            throw new CannotAdopt("reading the database failed: " + e.getMessage(), e);
        }
    }

    private AdoptionPlan planInTransaction(Connection connection, String database) throws SQLException, CannotAdopt {
        int major = connection.getMetaData().getDatabaseMajorVersion();
        if (ledger.postgresMajor() != major) {
            throw new CannotAdopt("the catalog ledger is for PostgreSQL " + ledger.postgresMajor() + ", the database runs " + major);
        }
        try {
            DriftRun.expectCurrent(changelogCheckSums, ledger);
        } catch (CannotCheck stale) {
            throw new CannotAdopt(stale.getMessage());
        }
        State state = state(connection);
        if (state != State.NOT_UNDER_THE_CHANGELOG) {
            throw new CannotAdopt(state == State.ADOPTED
                    ? "this database is adopted already: `scripts/liquibase adopt --apply` finishes an adoption that stopped half-way,"
                    + " `scripts/liquibase status` shows what is left"
                    : "this database's history records changesets of the changelog: it is deployed by it, use `scripts/liquibase update`");
        }
        CatalogSnapshot live = CatalogSnapshot.of(connection);
        // A database can be at several known points (an earlier point's reshaping touches only entries a later point
        // has the same): the point whose reshaping leaves nothing in another shape is the one it is at.
        AdoptionPlan first = null;
        for (ReshapeLedger candidate : reshapings) {
            if (candidate.differencesFromThePoint(live).isEmpty()) {
                AdoptionPlan plan = planFor(connection, database, major, live,
                        new AdoptionPlan.Recognition(candidate.reshaping().point(), Map.of()), Optional.of(candidate));
                if (plan.toReshape().isEmpty()) {
                    return plan;
                }
                first = first == null ? plan : first;
            }
        }
        return first != null ? first : planFor(connection, database, major, live, recognise(live), Optional.empty());
    }

    /** The plan for the live catalog, as the recognised point's reshaping (if any) will leave it. */
    private AdoptionPlan planFor(Connection connection, String database, int major, CatalogSnapshot live,
                                 AdoptionPlan.Recognition recognition, Optional<ReshapeLedger> reshaping) throws SQLException, CannotAdopt {
        CatalogSnapshot planned = reshaping.map(r -> r.predict(live)).orElse(live);
        Map<LedgerStep, Verdict> verdicts = AdoptionPlanner.classify(ledger, planned);
        List<String> there = new ArrayList<>();
        List<String> toApply = new ArrayList<>();
        List<LedgerStep> applySteps = new ArrayList<>();
        Map<String, List<EntryDifference>> toReshape = new LinkedHashMap<>();
        Map<String, String> target = ledger.expectedAfter(verdicts.entrySet().stream()
                .filter(verdict -> verdict.getValue() != Verdict.APPLY).map(verdict -> verdict.getKey().changeSet()).toList()).objects();
        Set<String> doneBySeed = doneBySeed(connection, reshaping);
        verdicts.forEach((step, verdict) -> {
            switch (verdict) {
                case THERE -> there.add(step.changeSet());
                case APPLY -> {
                    if (doneBySeed.contains(step.changeSet()) && step.set().isEmpty() && step.removed().isEmpty()) {
                        there.add(step.changeSet());
                        return;
                    }
                    toApply.add(step.changeSet());
                    applySteps.add(step);
                }
                case RESHAPE -> toReshape.put(step.changeSet(), differences(step, target, planned.objects()));
            }
        });
        if (there.isEmpty() && toReshape.isEmpty()) {
            throw new CannotAdopt("nothing of the changelog is in this database: there is nothing to adopt, deploy it with `scripts/liquibase update`");
        }
        List<String> supabaseSteps = verdicts.keySet().stream().map(LedgerStep::changeSet).toList();
        TeamObjects team = TeamObjects.of(ledger.expectedAfter(supabaseSteps), planned);
        List<DataPreflight.Problem> problems = new ArrayList<>();
        if (reshaping.isPresent()) {
            for (ReshapingGuard guard : reshaping.get().guards()) {
                guard.check(connection).ifPresent(problems::add);
            }
        }
        // a table the reshaping moves is read where its rows are now, under the seed's name
        Map<String, String> liveNames = new LinkedHashMap<>();
        reshaping.ifPresent(r -> r.reshaping().seed().movedTables().forEach((seedName, unified) -> liveNames.put(unified, seedName)));
        problems.addAll(DataPreflight.check(connection, applySteps, planned.objects(), liveNames));
        return new AdoptionPlan(database, major, fingerprint(live), recognition, there, toReshape, toApply, team.kept(), team.refused(), problems);
    }

    /** The data changesets the recognised seed point's own history did, each where running it would change nothing. */
    private static Set<String> doneBySeed(Connection connection, Optional<ReshapeLedger> reshaping) throws SQLException {
        Set<String> done = new HashSet<>();
        for (Reshaping.DoneBySeed step : reshaping.map(r -> r.reshaping().doneBySeed()).orElse(List.of())) {
            try (Statement query = connection.createStatement(); ResultSet answer = query.executeQuery(step.noOpWhen())) {
                if (answer.next() && answer.getBoolean(1)) {
                    done.add(step.changeSet());
                }
            }
        }
        return done;
    }

    /** How far the database is from each known point (it is at none of them). */
    private AdoptionPlan.Recognition recognise(CatalogSnapshot live) {
        Map<String, List<EntryDifference>> otherPoints = new LinkedHashMap<>();
        for (ReshapeLedger reshaping : reshapings) {
            otherPoints.put(reshaping.reshaping().point(), reshaping.differencesFromThePoint(live));
        }
        return new AdoptionPlan.Recognition(null, otherPoints);
    }

    /**
     * The entries a changeset to reshape touches, as the changelog leaves them once it and everything else found in the
     * database have run, against what the database has.
     */
    private static List<EntryDifference> differences(LedgerStep step, Map<String, String> target, Map<String, String> found) {
        List<EntryDifference> differences = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(AdoptionPlanner.touched(step))) {
            String want = target.get(key);
            String have = found.get(key);
            boolean same = want == null ? have == null : have != null && platformdb.drift.ComparisonRules.same(key, want, have);
            if (!same) {
                differences.add(new EntryDifference(key, want, have));
            }
        }
        if (differences.isEmpty()) {
            differences.add(new EntryDifference("(its own objects match)", "an earlier changeset on the same objects found there",
                    "that earlier changeset's objects in another shape"));
        }
        return differences;
    }

    /** A hash of the whole catalog: any change to any object changes it. */
    public static String fingerprint(CatalogSnapshot live) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(live.asText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records the baseline in one transaction: the statements of {@link #baselineStatements}, the very ones the SQL
     * preview prints.
     *
     * @param rows the history row of each changeset to record, in plan order
     */
    public void recordBaseline(Connection connection, AdoptionPlan plan, List<HistoryRow> rows, String deploymentId) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : baselineStatements(plan, rows, deploymentId)) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * The baseline as SQL, run after Liquibase created its history table: a history row for each changeset found there
     * (marked with the adoption's deployment id and listed in {@link #ADOPTED_TABLE}), the adoption tag on the last of
     * them. Literal statements, so that what the preview prints is what runs.
     */
    public List<String> baselineStatements(AdoptionPlan plan, List<HistoryRow> rows, String deploymentId) {
        List<String> statements = new ArrayList<>();
        statements.add("create table if not exists " + table(ADOPTED_TABLE) + " ("
                + " filename varchar(255) not null, id varchar(255) not null, author varchar(255) not null,"
                + " deployment_id varchar(10) not null, adopted_at timestamptz not null default now(),"
                + " fingerprint text not null, primary key (filename, id, author))");
        // the proven reshaping that runs after the baseline (null: none), so that a rerun after a stop finishes it
        statements.add("alter table " + table(ADOPTED_TABLE) + " add column if not exists reshaping text");
        statements.add("comment on table " + table(ADOPTED_TABLE) + " is 'History rows recorded by adoption without running: their"
                + " objects predate the project, and their rollbacks must never run (scripts/liquibase adopt)'");
        for (int i = 0; i < rows.size(); i++) {
            HistoryRow row = rows.get(i);
            statements.add("insert into " + table("databasechangelog") + " (id, author, filename, dateexecuted, orderexecuted, exectype,"
                    + " md5sum, description, comments, tag, liquibase, contexts, labels, deployment_id) values (" + literals(row.id(),
                    row.author(), row.fileName()) + ", now(), (select coalesce(max(orderexecuted), 0) + 1 from " + table("databasechangelog")
                    + "), 'EXECUTED', " + literals(row.checkSum(), row.description(),
                    "adopted: found in the database and verified against the catalog ledger, not run", i == rows.size() - 1 ? TAG : null,
                    row.liquibaseVersion(), row.contexts(), row.labels(), deploymentId) + ")");
            statements.add("insert into " + table(ADOPTED_TABLE) + " (filename, id, author, deployment_id, fingerprint, reshaping) values ("
                    + literals(row.fileName(), row.id(), row.author(), deploymentId, plan.fingerprint(), plan.recognition().reshaping()) + ")");
        }
        return statements;
    }

    /** SQL string literals (standard_conforming_strings, PostgreSQL's default since 9.1), null as null. */
    private static String literals(String... values) {
        List<String> literals = new ArrayList<>();
        for (String value : values) {
            literals.add(value == null ? "null" : "'" + value.replace("'", "''") + "'");
        }
        return String.join(", ", literals);
    }

    /** The reshaping an adopted database's baseline was recorded for (empty when none ran or it is not adopted). */
    public Optional<Reshaping> reshapingOfTheAdoption(Connection connection) throws SQLException {
        return reshapingOfTheAdoption(connection, trackingSchema);
    }

    /** The same, for a database whose history is in the given schema. */
    public static Optional<Reshaping> reshapingOfTheAdoption(Connection connection, String trackingSchema) throws SQLException {
        String table = "\"" + trackingSchema.replace("\"", "\"\"") + "\"." + ADOPTED_TABLE;
        // the column came after the table: a database adopted before it has no reshaping recorded
        try (PreparedStatement exists = connection.prepareStatement("select exists (select from pg_attribute"
                + " where attrelid = to_regclass(?) and attname = 'reshaping' and not attisdropped)")) {
            exists.setString(1, table);
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        try (Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("select max(reshaping) from " + table)) {
            row.next();
            String point = row.getString(1);
            if (point == null) {
                return Optional.empty();
            }
            return Optional.of(Reshaping.named(point).orElseThrow(() -> new SQLException("this database was adopted with reshaping "
                    + point + ", which this checkout of the project does not know: adopt from the checkout that started it")));
        }
    }

    /** What a DATABASECHANGELOG row of a baselined changeset holds. */
    public record HistoryRow(String fileName, String id, String author, String checkSum, String description, String contexts,
                             String labels, String liquibaseVersion) {
    }

    private boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(format('%I.%I', ?::text, ?::text)) is not null")) {
            query.setString(1, trackingSchema);
            query.setString(2, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private String table(String name) {
        return "\"" + trackingSchema.replace("\"", "\"\"") + "\"." + name;
    }
}
