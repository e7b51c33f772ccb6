package platformdb.adoption;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.command.AbstractCommandStep;
import liquibase.command.CommandArgumentDefinition;
import liquibase.command.CommandBuilder;
import liquibase.command.CommandDefinition;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;
import liquibase.command.CommonArgumentNames;
import liquibase.configuration.ConfigurationValueObfuscator;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.util.LiquibaseUtil;
import platformdb.drift.AcceptedDifferences;
import platformdb.drift.CannotCheck;
import platformdb.drift.DriftReport;
import platformdb.drift.DriftRun;
import platformdb.drift.CatalogLedger;
import platformdb.drift.LedgerSource;
import platformdb.drift.LedgerWalk;
import platformdb.liquibase.CommandConnections;

/**
 * {@code adopt}: brings a database that already exists (built by hand-run SQL) under the changelog. Without
 * {@code --apply} it only reads, and prints the plan with its fingerprint; with {@code --apply --fingerprint=<the
 * preview's>} it records the verified baseline and the adoption tag in one transaction under the deploy lock, then
 * runs {@code update} for the rest (Supabase mode). Run again after a stop half-way, it finishes. Exit 0 adoptable or
 * adopted, 1 refused (the plan says why; nothing changed), 2 could not plan.
 */
public class AdoptCommandStep extends AbstractCommandStep {

    public static final String[] COMMAND_NAME = {"adopt"};
    public static final int REFUSED = 1;
    public static final int CANNOT_ADOPT = 2;
    static final String CONTEXTS = "supabase";

    public static final CommandArgumentDefinition<String> URL_ARG;
    public static final CommandArgumentDefinition<String> USERNAME_ARG;
    public static final CommandArgumentDefinition<String> PASSWORD_ARG;
    public static final CommandArgumentDefinition<String> CHANGELOG_FILE_ARG;
    public static final CommandArgumentDefinition<Boolean> APPLY_ARG;
    public static final CommandArgumentDefinition<String> FINGERPRINT_ARG;
    public static final CommandArgumentDefinition<String> PLAN_FILE_ARG;
    public static final CommandArgumentDefinition<String> LEDGER_FILE_ARG;
    public static final CommandArgumentDefinition<String> ACCEPTED_DIFFERENCES_FILE_ARG;

    static {
        CommandBuilder builder = new CommandBuilder(COMMAND_NAME);
        URL_ARG = builder.argument(CommonArgumentNames.URL, String.class).required()
                .description("The JDBC URL of the database to adopt").build();
        USERNAME_ARG = builder.argument(CommonArgumentNames.USERNAME, String.class)
                .description("The role that deploys (owners are compared relative to it)").build();
        PASSWORD_ARG = builder.argument(CommonArgumentNames.PASSWORD, String.class)
                .setValueObfuscator(ConfigurationValueObfuscator.STANDARD).description("The password").build();
        CHANGELOG_FILE_ARG = builder.argument("changelogFile", String.class).required()
                .description("The root changelog (its checksums must match the catalog ledger's)").build();
        APPLY_ARG = builder.argument("apply", Boolean.class).defaultValue(false)
                .description("Apply the plan (needs --fingerprint); without it the command only reads and prints the plan").build();
        FINGERPRINT_ARG = builder.argument("fingerprint", String.class)
                .description("The fingerprint the preview printed: applying refuses if the database changed since").build();
        PLAN_FILE_ARG = builder.argument("planFile", String.class)
                .description("Also write the plan to this file (for the review of the adoption)").build();
        ACCEPTED_DIFFERENCES_FILE_ARG = builder.argument("acceptedDifferencesFile", String.class)
                .defaultValue("changelog/declarations/drift-accepted.yaml")
                .description("Where --apply lists the kept extra parts of the changelog's tables, for drift's --accepted-differences").build();
        LEDGER_FILE_ARG = builder.argument("ledgerFile", String.class).hidden()
                .description("A catalog ledger to use instead of the shipped one for the server's major version").build();
    }

    @Override
    public String[][] defineCommandNames() {
        return new String[][]{COMMAND_NAME};
    }

    @Override
    public void adjustCommandDefinition(CommandDefinition commandDefinition) {
        commandDefinition.setShortDescription("Bring an existing database under the changelog: preview the plan, then --apply it");
    }

    @Override
    public void run(CommandResultsBuilder resultsBuilder) throws Exception {
        CommandScope scope = resultsBuilder.getCommandScope();
        String url = scope.getArgumentValue(URL_ARG);
        String username = scope.getArgumentValue(USERNAME_ARG);
        String password = scope.getArgumentValue(PASSWORD_ARG);
        String changelogFile = scope.getArgumentValue(CHANGELOG_FILE_ARG);
        PrintStream out = new PrintStream(resultsBuilder.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            Map<String, ChangeSet> changeSets = CommandConnections.changeSets(changelogFile);
            Map<String, String> checkSums = LedgerWalk.checkSums(new ArrayList<>(changeSets.values()));
            String trackingSchema = trackingSchema();
            if (!Boolean.TRUE.equals(scope.getArgumentValue(APPLY_ARG))) {
                AdoptionPlan plan;
                try (Connection connection = connect(url, username, password)) {
                    plan = adoption(scope, connection, checkSums, trackingSchema).plan(connection, username + "@" + url);
                }
                report(plan, out, scope.getArgumentValue(PLAN_FILE_ARG));
                if (!plan.adoptable()) {
                    throw resultsBuilder.commandFailed("adopt: refused: " + plan.reasons() + ". Nothing was changed.", REFUSED, true);
                }
                return;
            }
            String fingerprint = scope.getArgumentValue(FINGERPRINT_ARG);
            if (fingerprint == null || fingerprint.isBlank()) {
                throw new CannotAdopt("--apply needs --fingerprint: preview first (scripts/liquibase adopt), review the plan, then"
                        + " apply it with the fingerprint it printed");
            }
            Path acceptedDifferences = Path.of(scope.getArgumentValue(ACCEPTED_DIFFERENCES_FILE_ARG));
            Baseline baseline = recordBaseline(url, username, password, trackingSchema, changeSets, checkSums, fingerprint, out, scope);
            if (baseline.plan() == null) {
                out.println("adopt: the baseline was recorded by an earlier run; running what is left");
            } else {
                out.println("adopt: " + baseline.plan().there().size() + " changesets recorded as there (verified), tagged '" + Adoption.TAG
                        + "'; running the rest");
                KeptParts.write(baseline.plan(), acceptedDifferences, out);
            }
            String deployedWith = baseline.reshaping().map(Reshaping::adoptedChangelogFile).orElse(changelogFile);
            if (baseline.reshaping().isPresent()) {
                // on its own first: the master's preconditions (extensions in schema extensions) hold only once it has run
                out.println("adopt: reshaping with " + baseline.reshaping().get().changelogFile() + ", then the master (" + deployedWith + ")");
                update(url, username, password, baseline.reshaping().get().changelogFile(), resultsBuilder);
            }
            update(url, username, password, deployedWith, resultsBuilder);
            String with = deployedWith.equals(changelogFile) ? "" : " --changelog-file=" + deployedWith;
            verify(url, username, password, trackingSchema, checkSums, acceptedDifferences, with, scope);
            out.println("adopt: done, and verified: the database has the changelog's catalog (drift finds nothing but what the"
                    + " plan kept). `scripts/liquibase" + with + " status` has nothing to run; `scripts/liquibase" + with + " rollback "
                    + Adoption.TAG + "` is the way back." + (with.isEmpty() ? "" : " Deploy and roll back this database with "
                    + deployedWith + " from now on: it holds the reshaping the way back undoes."));
        } catch (CannotAdopt e) {
            throw resultsBuilder.commandFailed("adopt: could not adopt: " + e.getMessage(), CANNOT_ADOPT, true);
        } catch (Refused e) {
            throw resultsBuilder.commandFailed("adopt: refused: " + e.getMessage() + " Nothing was changed.", REFUSED, true);
        } catch (NotVerified e) {
            throw resultsBuilder.commandFailed("adopt: " + e.getMessage(), REFUSED, true);
        }
    }

    /**
     * Under the deploy lock: plans again, refuses a database that changed since the preview or is not adoptable, and
     * records the baseline. Returns the plan it recorded (null when an earlier run recorded it) and the reshaping the
     * baseline was recorded for.
     */
    private static Baseline recordBaseline(String url, String username, String password, String trackingSchema,
                                      Map<String, ChangeSet> changeSets, Map<String, String> checkSums, String fingerprint,
                                      PrintStream out, CommandScope scope) throws Exception {
        ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
        Database database = DatabaseFactory.getInstance().openDatabase(url, username, password, null, resources);
        try {
            database.setLiquibaseSchemaName(trackingSchema);
            LockService lock = LockServiceFactory.getInstance().getLockService(database);
            lock.waitForLock();
            try {
                Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
                Adoption adoption = adoption(scope, connection, checkSums, trackingSchema);
                if (adoption.state(connection) == Adoption.State.ADOPTED) {
                    return new Baseline(null, adoption.reshapingOfTheAdoption(connection));
                }
                AdoptionPlan plan = adoption.plan(connection, username + "@" + url);
                if (!plan.fingerprint().equals(fingerprint)) {
                    report(plan, out, null);
                    throw new Refused("the database changed since the preview (fingerprint " + fingerprint + ", now " + plan.fingerprint()
                            + "): review the plan above, then apply it with its fingerprint.");
                }
                if (!plan.adoptable()) {
                    report(plan, out, null);
                    throw new Refused(plan.reasons() + ".");
                }
                // only now, with the plan verified: the history table (and its schema) are the first thing adoption writes
                Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).getChangeLogService(database).init();
                List<Adoption.HistoryRow> rows = new ArrayList<>();
                for (String name : plan.there()) {
                    ChangeSet changeSet = changeSets.get(name);
                    rows.add(new Adoption.HistoryRow(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor(), checkSums.get(name),
                            changeSet.getDescription(), changeSet.buildFullContext(), changeSet.buildFullLabels(),
                            LiquibaseUtil.getBuildVersion()));
                }
                adoption.recordBaseline(connection, plan, rows, deploymentId());
                return new Baseline(plan, Optional.ofNullable(plan.recognition().reshaping()).flatMap(Reshaping::named));
            } finally {
                lock.releaseLock();
            }
        } finally {
            database.close();
        }
    }

    private static void update(String url, String username, String password, String changelogFile, CommandResultsBuilder results)
            throws Exception {
        new CommandScope("update")
                .addArgumentValue("url", url).addArgumentValue("username", username).addArgumentValue("password", password)
                .addArgumentValue("changelogFile", changelogFile).addArgumentValue("contexts", CONTEXTS)
                .setOutput(results.getOutputStream()).execute();
    }

    private record Baseline(AdoptionPlan plan, Optional<Reshaping> reshaping) {
    }

    /**
     * The adoption's last step: a drift check of the whole database against the changelog's catalog for what its history
     * now records, the parts the plan kept accepted. Anything else is a failure that names the way back.
     */
    private static void verify(String url, String username, String password, String trackingSchema, Map<String, String> checkSums,
                               Path acceptedDifferences, String with, CommandScope scope) throws Exception {
        try (Connection connection = connect(url, username, password)) {
            AcceptedDifferences accepted = Files.exists(acceptedDifferences) ? AcceptedDifferences.read(acceptedDifferences) : AcceptedDifferences.none();
            DriftReport report = new DriftRun(checkSums, accepted, false).check(connection, trackingSchema, ledger(scope, connection), username + "@" + url);
            if (report.drifted()) {
                throw new NotVerified("the adoption ran, but the database differs from the changelog:\n" + report.render(DriftReport.Format.TEXT)
                        + "\n`scripts/liquibase" + with + " rollback " + Adoption.TAG + "` returns it to where it was before the adoption.");
            }
        } catch (CannotCheck e) {
            throw new CannotAdopt("the adoption ran, but could not be verified: " + e.getMessage()
                    + "; check it with `scripts/liquibase" + with + " drift`", e);
        }
    }

    /** The adoption with the master's catalog ledger and every proven reshaping's, for the server's major. */
    private static Adoption adoption(CommandScope scope, Connection connection, Map<String, String> checkSums, String trackingSchema)
            throws Exception {
        int major = connection.getMetaData().getDatabaseMajorVersion();
        List<ReshapeLedger> reshapings = new ArrayList<>();
        for (Reshaping reshaping : Reshaping.KNOWN) {
            ReshapeLedger ledger = ReshapeLedger.shipped(reshaping, major);
            Map<String, ChangeSet> reshapingChangeSets = CommandConnections.changeSets(reshaping.changelogFile());
            Map<String, String> reshapingCheckSums = new java.util.LinkedHashMap<>();
            reshapingChangeSets.forEach((name, changeSet) -> reshapingCheckSums.put(name, LedgerWalk.checkSum(changeSet)));
            ledger.expectCurrent(reshapingCheckSums);
            reshapings.add(ledger.withGuards(ReshapingGuard.of(new ArrayList<>(reshapingChangeSets.values()))));
        }
        return new Adoption(ledger(scope, connection), checkSums, trackingSchema, reshapings);
    }

    /** Ten characters, as Liquibase's own deployment ids. */
    private static String deploymentId() {
        String millis = String.valueOf(System.currentTimeMillis());
        return millis.substring(millis.length() - 10);
    }

    private static CatalogLedger ledger(CommandScope scope, Connection connection) throws CannotAdopt {
        try {
            String ledgerFile = scope.getArgumentValue(LEDGER_FILE_ARG);
            return ledgerFile != null ? LedgerSource.file(Path.of(ledgerFile))
                    : LedgerSource.shipped(connection.getMetaData().getDatabaseMajorVersion());
        } catch (CannotCheck | SQLException e) {
            throw new CannotAdopt(e.getMessage(), e);
        }
    }

    private static String trackingSchema() {
        String schema = GlobalConfiguration.LIQUIBASE_SCHEMA_NAME.getCurrentValue();
        return schema == null ? "public" : schema;
    }

    /** The preview's own plain connection, which must change nothing. */
    private static Connection connect(String url, String username, String password) throws CannotAdopt {
        try {
            return CommandConnections.open(url, username, password, "platformdb adopt");
        } catch (SQLException e) {
            throw new CannotAdopt("could not connect to " + url + " as " + username + ": " + e.getMessage(), e);
        }
    }

    private static void report(AdoptionPlan plan, OutputStream out, String planFile) throws java.io.IOException {
        String text = plan.render();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (planFile != null) {
            Files.writeString(Path.of(planFile), text);
        }
    }

    /** The plan cannot be applied as it stands (exit 1); the message says why. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The adoption ran but its result is not the changelog's catalog (exit 1); the message names the way back. */
    private static final class NotVerified extends Exception {
        NotVerified(String message) {
            super(message);
        }
    }
}
