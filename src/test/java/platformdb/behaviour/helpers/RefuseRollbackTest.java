package platformdb.behaviour.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.ApiSession;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * private.refuse_rollback(), the rollback refusal as one call: it raises the project's `rollback refused: ...`
 * message while matching rows exist, passes when none do, and only the deploying role may call it.
 */
class RefuseRollbackTest {

    @Deployed
    private static FreshDatabase database;

    @BeforeAll
    static void aTableWithTwoRowsOneWithANote() {
        database.execute("create table public.refusal_probe (id int primary key, note text, empty_column text)");
        database.execute("insert into public.refusal_probe (id, note) values (1, 'kept'), (2, null)");
    }

    @Test
    void refusesWhileTheTableHoldsRows() {
        assertEquals("ERROR: rollback refused: public.refusal_probe holds 2 row(s); this rollback would lose them."
                + " Export or delete them first, then roll back again.", refusal("select private.refuse_rollback('public.refusal_probe')"));
    }

    @Test
    void refusesWhileRowsMatchTheCondition() {
        assertEquals("ERROR: rollback refused: public.refusal_probe holds 1 row(s) where note is not null; this rollback would lose them."
                        + " Export or clear the column first, then roll back again.",
                refusal("select private.refuse_rollback('public.refusal_probe', 'note is not null',"
                        + " 'Export or clear the column first, then roll back again.')"));
    }

    @Test
    void passesWhenNoRowMatches() throws SQLException {
        try (Connection server = database.connect()) {
            Sql.one(server, "select private.refuse_rollback('public.refusal_probe', 'empty_column is not null')::text is null");
        }
    }

    @Test
    void theApiRolesMayNotCallIt() {
        for (String role : new String[] {"anon", "authenticated"}) {
            try (ApiSession session = ApiSession.open(database, role, null, role); ApiRequest asRole = session.request()) {
                String refusal = Sql.failure(asRole.sql(), "select private.refuse_rollback('public.refusal_probe')").getMessage();
                assertTrue(refusal.contains("permission denied"), role + ": " + refusal);
            }
        }
    }

    private static String refusal(String sql) {
        try (Connection server = database.connect()) {
            return Sql.failure(server, sql).getMessage().lines().findFirst().orElse("");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
