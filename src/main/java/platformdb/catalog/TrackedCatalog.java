package platformdb.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The catalog of one database as it changes: each {@link #now()} refreshes the last snapshot for just what DDL
 * touched since (reported by a {@link DdlProbe} installed here), so a walk over a changelog costs what its
 * steps change, not the size of the schema at every step. Without a probe (no superuser), every snapshot is
 * whole. {@link #whole()} reads everything, to check the refreshed snapshots against.
 */
public final class TrackedCatalog {

    private final Connection connection;
    private final Optional<DdlProbe> probe;
    private CatalogSnapshot last;

    /**
     * Installs the probe through {@code superuser} (event triggers need one; the connection may be closed after);
     * call before the changes to follow. {@code connection}, kept for the walk, reads the catalog as the deploying
     * role, whose objects the snapshot writes as CURRENT_USER.
     */
    public TrackedCatalog(Connection connection, Connection superuser) {
        this.connection = connection;
        this.probe = DdlProbe.install(superuser, currentUser(connection));
    }

    private static String currentUser(Connection connection) {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("select current_user")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the inspecting role: " + e.getMessage(), e);
        }
    }

    /** The catalog now, refreshed from the last snapshot. */
    public CatalogSnapshot now() {
        last = last == null || probe.isEmpty() ? whole() : last.refreshed(connection, probe.get().drain(connection));
        return last;
    }

    /** The catalog now, read whole. */
    public CatalogSnapshot whole() {
        probe.ifPresent(p -> p.drain(connection));
        last = CatalogSnapshot.of(connection);
        return last;
    }
}
