package platformdb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/** The read that drift and adoption make: read-only, a short lock wait, and the connection handed back as it came. */
class ReadOnlyTransactionTest {

    @Test
    void readsWithTheLockTimeoutRefusesWritesAndRestoresTheConnection() throws SQLException {
        try (FreshDatabase database = FreshDatabase.create(); Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            Sql.update(connection, "create table kept (id int)");  // the caller's open transaction: committed first
            String timeout = ReadOnlyTransaction.read(connection, "2s", reading -> Sql.one(reading, "show lock_timeout"));
            assertEquals("2s", timeout);
            assertFalse(connection.getAutoCommit(), "autocommit as found");
            assertFalse(connection.isReadOnly(), "read-only as found");
            assertEquals("0", Sql.one(connection, "select count(*)::text from kept"), "the caller's transaction was committed");
            assertEquals("0", Sql.one(connection, "show lock_timeout"), "the setting was local to the read");

            IllegalStateException write = assertThrows(IllegalStateException.class,
                    () -> ReadOnlyTransaction.read(connection, "2s", reading -> Sql.update(reading, "insert into kept values (1)")));
            assertTrue(write.getMessage().contains("read-only transaction"), write.getMessage());
            connection.commit();
            assertEquals("0", Sql.one(connection, "select count(*)::text from kept"), "nothing was written");
        }
    }
}
