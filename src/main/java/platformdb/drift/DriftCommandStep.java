package platformdb.drift;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import liquibase.GlobalConfiguration;
import liquibase.command.AbstractCommandStep;
import liquibase.command.CommandArgumentDefinition;
import liquibase.command.CommandBuilder;
import liquibase.command.CommandDefinition;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;
import liquibase.command.CommonArgumentNames;
import liquibase.configuration.ConfigurationValueObfuscator;
import platformdb.liquibase.CommandConnections;

/**
 * {@code drift}: compares the live database with the catalog the changelog produces for exactly the changesets its
 * history records, and reports every difference with the changeset that owns the object. Reads only; exit code 0 no
 * drift, 1 drift, 2 could not check. Registered in META-INF/services, so {@code scripts/liquibase drift} runs it.
 */
public class DriftCommandStep extends AbstractCommandStep {

    public static final String[] COMMAND_NAME = {"drift"};

    public static final CommandArgumentDefinition<String> URL_ARG;
    public static final CommandArgumentDefinition<String> USERNAME_ARG;
    public static final CommandArgumentDefinition<String> PASSWORD_ARG;
    public static final CommandArgumentDefinition<String> CHANGELOG_FILE_ARG;
    public static final CommandArgumentDefinition<String> FORMAT_ARG;
    public static final CommandArgumentDefinition<String> REPORT_FILE_ARG;
    public static final CommandArgumentDefinition<String> ACCEPTED_DIFFERENCES_ARG;
    public static final CommandArgumentDefinition<Boolean> FAIL_ON_UNKNOWN_ARG;
    public static final CommandArgumentDefinition<String> LEDGER_FILE_ARG;

    static {
        CommandBuilder builder = new CommandBuilder(COMMAND_NAME);
        URL_ARG = builder.argument(CommonArgumentNames.URL, String.class).required()
                .description("The JDBC URL of the database to check").build();
        USERNAME_ARG = builder.argument(CommonArgumentNames.USERNAME, String.class)
                .description("Who reads it: the role that deploys, since owners are compared relative to it").build();
        PASSWORD_ARG = builder.argument(CommonArgumentNames.PASSWORD, String.class)
                .setValueObfuscator(ConfigurationValueObfuscator.STANDARD).description("The password").build();
        CHANGELOG_FILE_ARG = builder.argument("changelogFile", String.class).required()
                .description("The root changelog (its checksums must match the catalog ledger's)").build();
        FORMAT_ARG = builder.argument("format", String.class).defaultValue("text")
                .description("text (for a person), json (for machines) or markdown (for a CI job summary)").build();
        REPORT_FILE_ARG = builder.argument("reportFile", String.class)
                .description("Also write the report to this file (the JSON or Markdown a CI step reads)").build();
        ACCEPTED_DIFFERENCES_ARG = builder.argument("acceptedDifferences", String.class)
                .description("A reviewed YAML list of differences the team lives with: '- object: <key>' with a 'reason'").build();
        FAIL_ON_UNKNOWN_ARG = builder.argument("failOnUnknown", Boolean.class).defaultValue(false)
                .description("Fail (exit 1) on objects the changelog does not know, not only report them").build();
        LEDGER_FILE_ARG = builder.argument("ledgerFile", String.class).hidden()
                .description("A catalog ledger to use instead of the shipped one for the server's major version").build();
    }

    @Override
    public String[][] defineCommandNames() {
        return new String[][]{COMMAND_NAME};
    }

    @Override
    public void adjustCommandDefinition(CommandDefinition commandDefinition) {
        commandDefinition.setShortDescription("Compare the live database with what the changelog says it should be (reads only)");
    }

    @Override
    public void run(CommandResultsBuilder resultsBuilder) throws Exception {
        CommandScope scope = resultsBuilder.getCommandScope();
        DriftReport report;
        try {
            DriftReport.Format format = format(scope.getArgumentValue(FORMAT_ARG));
            String accepted = scope.getArgumentValue(ACCEPTED_DIFFERENCES_ARG);
            DriftRun run = new DriftRun(checkSums(scope.getArgumentValue(CHANGELOG_FILE_ARG)),
                    accepted == null ? AcceptedDifferences.none() : AcceptedDifferences.read(Path.of(accepted)),
                    Boolean.TRUE.equals(scope.getArgumentValue(FAIL_ON_UNKNOWN_ARG)));
            String url = scope.getArgumentValue(URL_ARG);
            String username = scope.getArgumentValue(USERNAME_ARG);
            try (Connection connection = connect(url, username, scope.getArgumentValue(PASSWORD_ARG))) {
                String ledgerFile = scope.getArgumentValue(LEDGER_FILE_ARG);
                CatalogLedger ledger = ledgerFile != null ? LedgerSource.file(Path.of(ledgerFile))
                        : LedgerSource.shipped(connection.getMetaData().getDatabaseMajorVersion());
                String trackingSchema = GlobalConfiguration.LIQUIBASE_SCHEMA_NAME.getCurrentValue();
                report = run.check(connection, trackingSchema == null ? "public" : trackingSchema, ledger, username + "@" + url);
            }
            write(report.render(format), resultsBuilder.getOutputStream(), scope.getArgumentValue(REPORT_FILE_ARG));
        } catch (CannotCheck e) {
            throw resultsBuilder.commandFailed("drift: could not check: " + e.getMessage(), DriftReport.CANNOT_CHECK, true);
        }
        resultsBuilder.addResult("drift", report.drifted());
        if (report.drifted()) {
            long count = report.differences().stream().filter(difference -> difference.fails(report.failOnUnknown())).count();
            throw resultsBuilder.commandFailed("drift: " + count + (count == 1 ? " difference" : " differences")
                    + " from the changelog (listed above)", DriftReport.DRIFT, true);
        }
    }

    /** A connection that fails is "could not check" (exit 2), never "drift". */
    private static Connection connect(String url, String username, String password) throws CannotCheck {
        try {
            return CommandConnections.open(url, username, password, "platformdb drift");
        } catch (SQLException e) {
            throw new CannotCheck("could not connect to " + url + " as " + username + ": " + e.getMessage(), e);
        }
    }

    private static DriftReport.Format format(String name) throws CannotCheck {
        try {
            return DriftReport.Format.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CannotCheck("--format=" + name + " is not one of " + Arrays.toString(DriftReport.Format.values()).toLowerCase(Locale.ROOT));
        }
    }

    /** Every changeset of the changelog with its checksum. */
    private static Map<String, String> checkSums(String changelogFile) throws Exception {
        return LedgerWalk.checkSums(new java.util.ArrayList<>(CommandConnections.changeSets(changelogFile).values()));
    }

    private static void write(String text, OutputStream out, String reportFile) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (reportFile != null) {
            Files.writeString(Path.of(reportFile), text);
        }
    }
}
