package platformdb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * The commit deferral, seen by PostgreSQL itself: every DDL statement and every write to DATABASECHANGELOG notes the
 * id of the transaction it ran in. With {@link PlatformPostgresDatabase} a changeset's work and its history row share
 * one transaction, applied and rolled back; with Liquibase's own {@link PostgresDatabase} they do not (the control,
 * which shows the test sees the fault).
 */
class ChangesetCommitsWithItsHistoryRowTest {

    @Test
    void aChangesetAndItsHistoryRowCommitInOneTransaction() throws Exception {
        try (FreshDatabase target = FreshDatabase.create()) {
            Map<String, String> transactions = update(target, PlatformPostgresDatabase::new);

            assertOneTransaction(transactions, "CREATE TABLE public.call_order_a", "INSERT create-table-call-order-a",
                    "the raw SQL changeset and its history row");
            assertOneTransaction(transactions, "CREATE TABLE public.call_order_b", "INSERT create-table-call-order-b",
                    "the createTable changeset and its history row");
        }
    }

    @Test
    void aRollbackAndTheRemovalOfItsHistoryRowCommitInOneTransaction() throws Exception {
        try (FreshDatabase target = FreshDatabase.create()) {
            update(target, PlatformPostgresDatabase::new);
            Map<String, String> transactions = rollbackBoth(target, PlatformPostgresDatabase::new);

            assertOneTransaction(transactions, "DROP TABLE public.call_order_a", "DELETE create-table-call-order-a",
                    "the explicit rollback and the removal of its history row");
            assertOneTransaction(transactions, "DROP TABLE public.call_order_b", "DELETE create-table-call-order-b",
                    "the generated rollback and the removal of its history row");
        }
    }

    @Test
    void liquibaseAloneCommitsThemApart() throws Exception {
        try (FreshDatabase target = FreshDatabase.create()) {
            Map<String, String> applied = update(target, PostgresDatabase::new);
            Map<String, String> rolledBack = rollbackBoth(target, PostgresDatabase::new);

            assertNotEquals(transactionOf(applied, "CREATE TABLE public.call_order_a"),
                    transactionOf(applied, "INSERT create-table-call-order-a"),
                    "Liquibase alone commits the changeset, then writes its row: " + applied);
            assertNotEquals(transactionOf(rolledBack, "DROP TABLE public.call_order_a"),
                    transactionOf(rolledBack, "DELETE create-table-call-order-a"),
                    "Liquibase alone commits the rollback, then deletes its row: " + rolledBack);
        }
    }

    private static void assertOneTransaction(Map<String, String> transactions, String work, String historyRow, String what) {
        assertEquals(transactionOf(transactions, work), transactionOf(transactions, historyRow),
                what + " ran in different transactions: " + transactions);
    }

    private static String transactionOf(Map<String, String> transactions, String what) {
        assertNotNull(transactions.get(what), "no transaction noted for " + what + ": " + transactions);
        return transactions.get(what);
    }

    private static Map<String, String> update(FreshDatabase target, Supplier<Database> kind) throws Exception {
        createTrackingTablesNotingTransactions(target);
        return run(target, kind, UpdateCommandStep.COMMAND_NAME, Map.of());
    }

    private static Map<String, String> rollbackBoth(FreshDatabase target, Supplier<Database> kind) throws Exception {
        return run(target, kind, RollbackCountCommandStep.COMMAND_NAME, Map.of(RollbackCountCommandStep.COUNT_ARG.getName(), 2));
    }

    /** Runs the command on a fresh connection; returns the transaction id of each DDL command and history row write. */
    private static Map<String, String> run(FreshDatabase target, Supplier<Database> kind, String[] command,
                                           Map<String, Object> arguments) throws Exception {
        target.execute("truncate public.noted_transactions");
        try (Connection connection = target.connect()) {
            LiquibaseCommands.run(liquibaseDatabase(kind, connection), command, arguments);
        }
        Map<String, String> transactions = new LinkedHashMap<>();
        List<String> noted;
        try (Connection connection = target.connect()) {
            noted = Sql.column(connection, "select what || '=' || txid from public.noted_transactions order by seq");
        }
        for (String row : noted) {
            transactions.put(row.substring(0, row.indexOf('=')), row.substring(row.indexOf('=') + 1));
        }
        return transactions;
    }

    private static void createTrackingTablesNotingTransactions(FreshDatabase target) throws Exception {
        try (Connection connection = target.connect()) {
            Database database = liquibaseDatabase(PostgresDatabase::new, connection);
            ChangeLogHistoryServiceFactory.getInstance().getChangeLogService(database).init();
            database.commit();
        } finally {
            ChangeLogHistoryServiceFactory.getInstance().resetAll();
        }
        target.execute("""
                create table public.noted_transactions (seq bigserial, what text, txid bigint);
                create function public.note_ddl() returns event_trigger language plpgsql as $$
                declare command record;
                begin
                  for command in select * from pg_event_trigger_ddl_commands() loop
                    if command.object_identity like 'public.call_order_%' and command.object_type = 'table' then
                      insert into public.noted_transactions (what, txid)
                      values (command.command_tag || ' ' || command.object_identity, txid_current());
                    end if;
                  end loop;
                end $$;
                create function public.note_drop() returns event_trigger language plpgsql as $$
                declare dropped record;
                begin
                  for dropped in select * from pg_event_trigger_dropped_objects() loop
                    if dropped.object_identity like 'public.call_order_%' and dropped.object_type = 'table' then
                      insert into public.noted_transactions (what, txid)
                      values ('DROP TABLE ' || dropped.object_identity, txid_current());
                    end if;
                  end loop;
                end $$;
                create function liquibase.note_history() returns trigger language plpgsql as $$
                begin
                  insert into public.noted_transactions (what, txid)
                  values (tg_op || ' ' || case when tg_op = 'DELETE' then old.id else new.id end, txid_current());
                  return null;
                end $$;
                create trigger note_history after insert or delete on liquibase.databasechangelog
                  for each row execute function liquibase.note_history();""");
        // event triggers are a superuser's to create (instrumentation; the deploy under test runs as postgres)
        try (Connection superuser = target.connectAsAdmin(); Statement sql = superuser.createStatement()) {
            sql.execute("create event trigger note_ddl on ddl_command_end execute function public.note_ddl()");
            sql.execute("create event trigger note_drop on sql_drop execute function public.note_drop()");
        }
    }

    private static Database liquibaseDatabase(Supplier<Database> kind, Connection connection) {
        Database database = kind.get();
        database.setConnection(new JdbcConnection(connection));
        database.setLiquibaseSchemaName(FreshDatabase.TRACKING_SCHEMA);
        return database;
    }
}
