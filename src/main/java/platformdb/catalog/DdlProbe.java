package platformdb.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Event triggers that record which catalog objects each DDL command touched (ddl_command_end) or dropped
 * (sql_drop), in a schema the snapshot leaves out, so that a snapshot can be refreshed for just those objects
 * ({@link CatalogSnapshot#refreshed}). Installing needs a superuser; where that is refused there is no probe,
 * and snapshots are taken whole. The deploying role need not be one: the triggers' functions run as their owner
 * (security definer), and the role that reads the probe is granted just that.
 */
public final class DdlProbe {

    public static final String SCHEMA = "catalog_probe";

    private DdlProbe() {
    }

    /**
     * Installs the probe in the database of {@code installer} (a superuser's connection), readable by {@code reader}
     * (the role that drains it), or says why it cannot (no probe: whole snapshots).
     */
    public static Optional<DdlProbe> install(Connection installer, String reader) {
        try (Statement sql = installer.createStatement()) {
            sql.execute("create schema " + SCHEMA);
            sql.execute("create table " + SCHEMA + ".touched (classid oid, objid oid, dropped boolean not null, command text not null)");
            sql.execute("""
                    create function %1$s.record_ddl() returns event_trigger language plpgsql security definer set search_path = '' as $$
                    begin
                      insert into %1$s.touched select c.classid, c.objid, false, c.command_tag from pg_catalog.pg_event_trigger_ddl_commands() c;
                    end $$""".formatted(SCHEMA));
            sql.execute("""
                    create function %1$s.record_drop() returns event_trigger language plpgsql security definer set search_path = '' as $$
                    begin
                      insert into %1$s.touched select d.classid, d.objid, true, 'DROP' from pg_catalog.pg_event_trigger_dropped_objects() d;
                    end $$""".formatted(SCHEMA));
            sql.execute("grant usage on schema " + SCHEMA + " to \"" + reader + "\"");
            sql.execute("grant select, delete on " + SCHEMA + ".touched to \"" + reader + "\"");
            sql.execute("create event trigger catalog_probe_ddl on ddl_command_end execute function " + SCHEMA + ".record_ddl()");
            sql.execute("create event trigger catalog_probe_drop on sql_drop execute function " + SCHEMA + ".record_drop()");
            return Optional.of(new DdlProbe());
        } catch (SQLException e) {
            System.out.println("[catalog] no DDL probe (" + e.getMessage().lines().findFirst().orElse("") + "): snapshots are taken whole");
            return Optional.empty();
        }
    }

    /** What DDL touched since the last call, and forgets it. */
    public Changes drain(Connection connection) {
        List<long[]> touched = new ArrayList<>();
        Set<Long> dropped = new HashSet<>();
        boolean unplaced = false;
        try (Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("delete from " + SCHEMA + ".touched returning classid, objid, dropped, command")) {
            while (rows.next()) {
                long classid = rows.getLong(1);
                boolean noObject = rows.wasNull();
                String command = rows.getString(4);
                if (noObject) {
                    // GRANT and REVOKE name no object in PostgreSQL 15's event data; default privileges are recomputed every time
                    unplaced |= !command.equals("ALTER DEFAULT PRIVILEGES");
                } else if (rows.getBoolean(3)) {
                    dropped.add(rows.getLong(2));
                } else {
                    touched.add(new long[] {classid, rows.getLong(2)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the DDL probe failed: " + e.getMessage(), e);
        }
        return new Changes(touched, dropped, unplaced);
    }

    /**
     * Objects DDL touched ({classid, objid}) and dropped (oid); {@code unplaced} when a command changed something
     * without naming it (GRANT, REVOKE), so only a whole snapshot is sure.
     */
    public record Changes(List<long[]> touched, Set<Long> dropped, boolean unplaced) {
    }
}
