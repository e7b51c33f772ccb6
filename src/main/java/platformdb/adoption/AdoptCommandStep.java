package platformdb.adoption;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Map;
import liquibase.GlobalConfiguration;
import liquibase.changelog.ChangeSet;
import liquibase.command.AbstractCommandStep;
import liquibase.command.CommandArgumentDefinition;
import liquibase.command.CommandBuilder;
import liquibase.command.CommandDefinition;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;
import liquibase.command.CommonArgumentNames;
import liquibase.configuration.ConfigurationValueObfuscator;
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
    public static final CommandArgumentDefinition<String> SQL_FILE_ARG;
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
        SQL_FILE_ARG = builder.argument("sqlFile", String.class).defaultValue("target/previews/adopt.sql")
                .description("Where the preview writes the SQL --apply runs (the baseline, the reshaping, the master's changesets)").build();
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
        AdoptionApply.Target target = new AdoptionApply.Target(scope.getArgumentValue(URL_ARG), scope.getArgumentValue(USERNAME_ARG),
                scope.getArgumentValue(PASSWORD_ARG), trackingSchema());
        String changelogFile = scope.getArgumentValue(CHANGELOG_FILE_ARG);
        AdoptionLedgers ledgers = new AdoptionLedgers(scope.getArgumentValue(LEDGER_FILE_ARG));
        PrintStream out = new PrintStream(resultsBuilder.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            Map<String, ChangeSet> changeSets = CommandConnections.changeSets(changelogFile);
            Map<String, String> checkSums = LedgerWalk.checkSums(new ArrayList<>(changeSets.values()));
            if (!Boolean.TRUE.equals(scope.getArgumentValue(APPLY_ARG))) {
                AdoptionPlan plan;
                Adoption adoption;
                try (Connection connection = target.connect()) {
                    adoption = ledgers.adoption(connection, checkSums, target.trackingSchema());
                    plan = adoption.plan(connection, target.name());
                }
                plan.print(out, scope.getArgumentValue(PLAN_FILE_ARG));
                if (!plan.adoptable()) {
                    throw resultsBuilder.commandFailed("adopt: refused: " + plan.reasons() + ". Nothing was changed.", REFUSED, true);
                }
                Path sqlFile = Path.of(scope.getArgumentValue(SQL_FILE_ARG));
                String deployedWith = plan.reshaping().map(Reshaping::adoptedChangelogFile).orElse(changelogFile);
                AdoptionSqlPreview.write(sqlFile, target, adoption, plan, AdoptionApply.historyRows(plan, changeSets, checkSums), deployedWith);
                out.println("The SQL --apply runs, in its order (nothing was executed): " + sqlFile);
                return;
            }
            String fingerprint = scope.getArgumentValue(FINGERPRINT_ARG);
            if (fingerprint == null || fingerprint.isBlank()) {
                throw new CannotAdopt("--apply needs --fingerprint: preview first (scripts/liquibase adopt), review the plan, then"
                        + " apply it with the fingerprint it printed");
            }
            AdoptionApply apply = new AdoptionApply(target, ledgers, out);
            Path acceptedDifferences = Path.of(scope.getArgumentValue(ACCEPTED_DIFFERENCES_FILE_ARG));
            AdoptionApply.Baseline baseline = apply.recordBaseline(changeSets, checkSums, fingerprint);
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
                apply.update(baseline.reshaping().get().changelogFile(), resultsBuilder.getOutputStream());
            }
            apply.update(deployedWith, resultsBuilder.getOutputStream());
            String with = deployedWith.equals(changelogFile) ? "" : " --changelog-file=" + deployedWith;
            apply.verify(checkSums, acceptedDifferences, with);
            out.println("adopt: done, and verified: the database has the changelog's catalog (drift finds nothing but what the"
                    + " plan kept). `scripts/liquibase" + with + " status` has nothing to run; `scripts/liquibase" + with + " rollback "
                    + Adoption.TAG + "` is the way back." + (with.isEmpty() ? "" : " Deploy and roll back this database with "
                    + deployedWith + " from now on: it holds the reshaping the way back undoes."));
        } catch (CannotAdopt e) {
            throw resultsBuilder.commandFailed("adopt: could not adopt: " + e.getMessage(), CANNOT_ADOPT, true);
        } catch (AdoptionRefused e) {
            throw resultsBuilder.commandFailed("adopt: refused: " + e.getMessage() + " Nothing was changed.", REFUSED, true);
        } catch (AdoptionNotVerified e) {
            throw resultsBuilder.commandFailed("adopt: " + e.getMessage(), REFUSED, true);
        }
    }

    private static String trackingSchema() {
        String schema = GlobalConfiguration.LIQUIBASE_SCHEMA_NAME.getCurrentValue();
        return schema == null ? "public" : schema;
    }
}
