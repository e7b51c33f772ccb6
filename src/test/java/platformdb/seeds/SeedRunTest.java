package platformdb.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/** The two ways the seeds run their SQL, on a real database: psql goes on past an error, the SQL editor undoes the paste. */
class SeedRunTest {

    private static final String MIGRATION = """
            create table a (id int primary key);
            -- a comment; and a semicolon inside a string and a dollar quote
            insert into a values (1);
            create index on missing_table (id);
            create function f() returns text language sql as $$ select 'x;y' $$;
            """;

    @Test
    void psqlRunsEveryStatementAndKeepsTheOneThatFailed() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection c = database.connect()) {
            SeedRun run = new SeedRun(c, SeedRun.Style.PSQL);
            run.run("m1", MIGRATION);
            assertEquals(List.of("m1: create index on missing_table (id); -> 42P01 ERROR: relation \"missing_table\" does not exist"),
                    run.failures().stream().map(SeedRun.FailedStatement::describe).toList());
            assertEquals("1", Sql.one(c, "select count(*) from a"));
            assertEquals("x;y", Sql.one(c, "select f()"));
        }
    }

    @Test
    void theSqlEditorUndoesAMigrationAtItsFirstError() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection c = database.connect()) {
            SeedRun run = new SeedRun(c, SeedRun.Style.SQL_EDITOR);
            run.run("m1", MIGRATION);
            run.run("m2", "create table b (id int);");
            assertEquals(List.of("m1: create index on missing_table (id); -> 42P01 ERROR: relation \"missing_table\" does not exist"),
                    run.failures().stream().map(SeedRun.FailedStatement::describe).toList());
            assertEquals(List.of("b"), Sql.column(c, "select relname from pg_class where relnamespace = 'public'::regnamespace"));
        }
    }

    @Test
    void statementsSplitWherePsqlWouldSendThem() {
        assertEquals(List.of("create table a (id int primary key);",
                        "-- a comment; and a semicolon inside a string and a dollar quote\ninsert into a values (1);",
                        "create index on missing_table (id);",
                        "create function f() returns text language sql as $$ select 'x;y' $$;"),
                SqlStatements.split(MIGRATION + "\n-- trailing comment only\n"));
    }
}
