package platformdb.adoption;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.util.LiquibaseUtil;
import platformdb.drift.AcceptedDifferences;
import platformdb.drift.CannotCheck;
import platformdb.drift.DriftReport;
import platformdb.drift.DriftRun;
import platformdb.liquibase.CommandConnections;

/**
 * The steps of {@code adopt --apply} on one database, each safe to run again: the verified baseline (under the deploy
 * lock, refusing a database that changed since the preview), the updates that run the rest, and the final drift check.
 */
final class AdoptionApply {

    /** What adoption connects to, and where its history lives. */
    record Target(String url, String username, String password, String trackingSchema) {

        String name() {
            return username + "@" + url;
        }

        /** A plain connection of the command's own, for reading. */
        Connection connect() throws CannotAdopt {
            try {
                return CommandConnections.open(url, username, password, "platformdb adopt");
            } catch (SQLException e) {
                throw new CannotAdopt("could not connect to " + url + " as " + username + ": " + e.getMessage(), e);
            }
        }
    }

    /** The plan a run recorded (null when an earlier run recorded the baseline) and the reshaping recorded with it. */
    record Baseline(AdoptionPlan plan, Optional<Reshaping> reshaping) {
    }

    private final Target target;
    private final AdoptionLedgers ledgers;
    private final PrintStream out;

    AdoptionApply(Target target, AdoptionLedgers ledgers, PrintStream out) {
        this.target = target;
        this.ledgers = ledgers;
        this.out = out;
    }

    /**
     * Under the deploy lock: plans again, refuses a database that changed since the preview or is not adoptable, and
     * records the baseline; or finds the baseline an earlier run recorded.
     */
    Baseline recordBaseline(Map<String, ChangeSet> changeSets, Map<String, String> checkSums, String fingerprint) throws Exception {
        Database database = DatabaseFactory.getInstance().openDatabase(target.url(), target.username(), target.password(), null,
                Scope.getCurrentScope().getResourceAccessor());
        try {
            database.setLiquibaseSchemaName(target.trackingSchema());
            LockService lock = LockServiceFactory.getInstance().getLockService(database);
            lock.waitForLock();
            try {
                Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
                Adoption adoption = ledgers.adoption(connection, checkSums, target.trackingSchema());
                if (adoption.state(connection) == Adoption.State.ADOPTED) {
                    return new Baseline(null, adoption.reshapingOfTheAdoption(connection));
                }
                AdoptionPlan plan = adoption.plan(connection, target.name());
                if (!plan.fingerprint().equals(fingerprint)) {
                    plan.print(out, null);
                    throw new AdoptionRefused("the database changed since the preview (fingerprint " + fingerprint + ", now "
                            + plan.fingerprint() + "): review the plan above, then apply it with its fingerprint.");
                }
                if (!plan.adoptable()) {
                    plan.print(out, null);
                    throw new AdoptionRefused(plan.reasons() + ".");
                }
                // only now, with the plan verified: the history table (and its schema) are the first thing adoption writes
                Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).getChangeLogService(database).init();
                adoption.recordBaseline(connection, plan, historyRows(plan, changeSets, checkSums), deploymentId());
                return new Baseline(plan, plan.reshaping());
            } finally {
                lock.releaseLock();
            }
        } finally {
            database.close();
        }
    }

    /** The history row of each changeset the plan found there, in plan order. */
    static List<Adoption.HistoryRow> historyRows(AdoptionPlan plan, Map<String, ChangeSet> changeSets, Map<String, String> checkSums) {
        List<Adoption.HistoryRow> rows = new ArrayList<>();
        for (String name : plan.there()) {
            ChangeSet changeSet = changeSets.get(name);
            rows.add(new Adoption.HistoryRow(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor(), checkSums.get(name),
                    changeSet.getDescription(), changeSet.buildFullContext(), changeSet.buildFullLabels(), LiquibaseUtil.getBuildVersion()));
        }
        return rows;
    }

    /** Liquibase's own update of the changelog, in Supabase mode, through every extension of a normal deploy. */
    void update(String changelogFile, OutputStream output) throws Exception {
        new CommandScope("update")
                .addArgumentValue("url", target.url()).addArgumentValue("username", target.username())
                .addArgumentValue("password", target.password())
                .addArgumentValue("changelogFile", changelogFile).addArgumentValue("contexts", AdoptCommandStep.CONTEXTS)
                .setOutput(output).execute();
    }

    /**
     * The adoption's last step: a drift check of the whole database against the changelog's catalog for what its history
     * now records, the parts the plan kept accepted. Anything else is a failure that names the way back.
     *
     * @param with the changelog option the team deploys this database with from now on ("" for the master's)
     */
    void verify(Map<String, String> checkSums, Path acceptedDifferences, String with) throws Exception {
        try (Connection connection = target.connect()) {
            AcceptedDifferences accepted = Files.exists(acceptedDifferences) ? AcceptedDifferences.read(acceptedDifferences) : AcceptedDifferences.none();
            DriftReport report = new DriftRun(checkSums, accepted, false)
                    .check(connection, target.trackingSchema(), ledgers.master(connection), target.name());
            if (report.drifted()) {
                throw new AdoptionNotVerified("the adoption ran, but the database differs from the changelog:\n"
                        + report.render(DriftReport.Format.TEXT) + "\n`scripts/liquibase" + with + " rollback " + Adoption.TAG
                        + "` returns it to where it was before the adoption.");
            }
        } catch (CannotCheck e) {
            throw new CannotAdopt("the adoption ran, but could not be verified: " + e.getMessage()
                    + "; check it with `scripts/liquibase" + with + " drift`", e);
        }
    }

    /** Ten characters, as Liquibase's own deployment ids. */
    static String deploymentId() {
        String millis = String.valueOf(System.currentTimeMillis());
        return millis.substring(millis.length() - 10);
    }
}
