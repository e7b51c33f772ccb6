package platformdb.behaviour.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import platformdb.behaviour.Sql;
import platformdb.postgres.FreshDatabase;

/** Proves that public.set_updated_at() keeps a table's updated_at: an update stamps it with the update's time. */
public final class UpdatedAt {

    public static final String LONG_AGO = "2001-02-03 04:05:06+00";

    private UpdatedAt() {
    }

    /** The row (whose updated_at is LONG_AGO) gets its updated_at set to the time of an update that does not name it. */
    public static void anUpdateStampsTheRow(FreshDatabase database, String table, UUID id) {
        try (Connection server = database.connect()) {
            assertEquals(LONG_AGO, Sql.one(server, "select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00' from public." + table + " where id = ?", id),
                    table + ": the inserted row should keep the updated_at it was given");
            server.setAutoCommit(false);
            assertEquals(1, Sql.update(server, "update public." + table + " set id = id where id = ?", id));
            assertEquals("true", Sql.one(server, "select (updated_at = now())::text from public." + table + " where id = ?", id),
                    table + ": updated_at should be the time of the update, but is " + Sql.one(server, "select updated_at::text from public." + table + " where id = ?", id));
            server.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the tables (among those given) that have an updated_at column but no set_updated_at trigger. */
    public static String tablesWithoutTheTrigger(FreshDatabase database, String... tables) {
        try (Connection server = database.connect()) {
            return Sql.one(server, """
                    select coalesce(string_agg(c.table_name, ', ' order by c.table_name), '')
                      from information_schema.columns c
                     where c.table_schema = 'public' and c.column_name = 'updated_at' and c.table_name = any (?)
                       and not exists (select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                                        where t.tgrelid = format('public.%I', c.table_name)::regclass
                                          and p.proname = 'set_updated_at' and not t.tgisinternal)
                    """, (Object) server.createArrayOf("text", tables));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
