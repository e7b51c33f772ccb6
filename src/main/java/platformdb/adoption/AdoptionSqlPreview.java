package platformdb.adoption;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.util.ISODateFormat;
import liquibase.util.csv.CSVWriter;

/**
 * The SQL {@code adopt --apply} runs for a plan, written by the preview without running any of it, in the apply's
 * order: Liquibase's history table as its history service creates it, the baseline (the very statements
 * {@link Adoption#baselineStatements} gives {@link Adoption#recordBaseline}), then what the apply's updates run:
 * Liquibase's own updateSQL of the changelog the database deploys with, against an offline history (a CSV in a
 * temporary folder) that holds the baseline, so that nothing is written to the database.
 */
final class AdoptionSqlPreview {

    private AdoptionSqlPreview() {
    }

    /**
     * @param baseline     the baseline's history rows, in plan order
     * @param deployedWith the changelog the apply's last update runs (the adopted changelog of a reshaping: the
     *                     reshaping, then the master)
     */
    static void write(Path file, AdoptionApply.Target target, Adoption adoption, AdoptionPlan plan, List<Adoption.HistoryRow> baseline,
                      String deployedWith) throws Exception {
        String deploymentId = AdoptionApply.deploymentId();
        StringBuilder sql = new StringBuilder();
        sql.append("-- Preview: the SQL that `scripts/liquibase adopt --apply --fingerprint=").append(plan.fingerprint())
                .append("` would run now, in its order.\n")
                .append("-- Database:  ").append(target.name()).append("\n")
                .append("-- Changelog: ").append(deployedWith).append(" (contexts ").append(AdoptCommandStep.CONTEXTS).append(")\n")
                .append("-- Nothing was executed. --apply also holds Liquibase's deploy lock throughout, stops if the database changed since\n")
                .append("-- this preview (its fingerprint), and ends with a drift check; its deployment ids and times are its own.\n")
                .append("-- To run it by hand: psql -v ON_ERROR_STOP=1 -f <this file> (statement by statement, as Liquibase runs\n")
                .append("-- non-transactional changesets such as CREATE INDEX CONCURRENTLY).\n\n")
                .append("-- 1. Liquibase's history table, as its history service creates it.\n")
                .append(historyTable(target))
                .append("\n-- 2. The baseline, in one transaction: ").append(baseline.size())
                .append(" changesets found there, recorded as run without running, tagged '").append(Adoption.TAG).append("'.\n")
                .append("begin;\n");
        for (String statement : adoption.baselineStatements(plan, baseline, deploymentId)) {
            sql.append(statement).append(";\n");
        }
        sql.append("commit;\n\n-- 3. What the apply's updates run: Liquibase's updateSQL of ").append(deployedWith).append(" after the baseline.\n");
        sql.append(updateSql(target, baseline, deploymentId, deployedWith));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sql);
    }

    /** What the history service's init runs on this database, logged instead of executed. */
    private static String historyTable(AdoptionApply.Target target) throws Exception {
        Database database = DatabaseFactory.getInstance().openDatabase(target.url(), target.username(), target.password(), null,
                Scope.getCurrentScope().getResourceAccessor());
        ExecutorService executors = Scope.getCurrentScope().getSingleton(ExecutorService.class);
        StringWriter logged = new StringWriter();
        try {
            database.setLiquibaseSchemaName(target.trackingSchema());
            executors.setExecutor("jdbc", database, new LoggingExecutor(executors.getExecutor("jdbc", database), logged, database));
            Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).getChangeLogService(database).init();
            return logged.toString();
        } finally {
            executors.clearExecutor("jdbc", database);
            database.close();
        }
    }

    /** Liquibase's updateSQL of the changelog against an offline history holding the baseline rows. */
    private static String updateSql(AdoptionApply.Target target, List<Adoption.HistoryRow> baseline, String deploymentId,
                                    String changelogFile) throws Exception {
        Path folder = Files.createTempDirectory("adopt-preview");
        Path history = folder.resolve("databasechangelog.csv");
        try {
            writeHistory(history, baseline, deploymentId);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Scope.child(Map.of(GlobalConfiguration.LIQUIBASE_SCHEMA_NAME.getKey(), target.trackingSchema(),
                    PreviewHistoryService.HISTORY_FILE, history.toString()), () -> new CommandScope("updateSql")
                    .addArgumentValue("url", "offline:postgresql?changeLogFile=" + history + "&outputLiquibaseSql=data_only")
                    .addArgumentValue("changelogFile", changelogFile).addArgumentValue("contexts", AdoptCommandStep.CONTEXTS)
                    .setOutput(output).execute());
            return output.toString();
        } finally {
            Files.deleteIfExists(history);
            Files.deleteIfExists(folder);
        }
    }

    /** The offline history: Liquibase's CSV columns, one row per baselined changeset, the tag on the last. */
    private static void writeHistory(Path file, List<Adoption.HistoryRow> baseline, String deploymentId) throws Exception {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CSVWriter csv = new CSVWriter(writer)) {
            csv.writeNext(new String[] {"ID", "AUTHOR", "FILENAME", "DATEEXECUTED", "ORDEREXECUTED", "EXECTYPE", "MD5SUM", "DESCRIPTION",
                    "COMMENTS", "TAG", "LIQUIBASE", "CONTEXTS", "LABELS", "DEPLOYMENT_ID"});
            String now = new ISODateFormat().format(new Timestamp(System.currentTimeMillis()));
            for (int i = 0; i < baseline.size(); i++) {
                Adoption.HistoryRow row = baseline.get(i);
                csv.writeNext(new String[] {row.id(), row.author(), row.fileName(), now, String.valueOf(i + 1), "EXECUTED", row.checkSum(),
                        row.description(), "adopted", i == baseline.size() - 1 ? Adoption.TAG : null, row.liquibaseVersion(), row.contexts(),
                        row.labels(), deploymentId});
            }
        }
    }
}
