package platformdb.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import platformdb.postgres.FreshDatabase;

/**
 * The schema of a database as canonical sorted text, read from pg_catalog: one entry per object, keyed by its
 * identity ("index public.x", "policy public.t.p"), valued by everything that defines it. No OIDs, and owners
 * written OWNER, so snapshots of two databases or servers compare equal when their schemas are the same.
 * Liquibase's tracking schema is left out.
 */
public final class CatalogSnapshot {

    private static final String QUERY = load("catalog-snapshot.sql")
            .replace(":tracking_schema", "'" + FreshDatabase.TRACKING_SCHEMA + "'");

    private final SortedMap<String, String> objects;

    private CatalogSnapshot(SortedMap<String, String> objects) {
        this.objects = Collections.unmodifiableSortedMap(objects);
    }

    public static CatalogSnapshot of(Connection connection) {
        SortedMap<String, String> objects = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    String previous = objects.put(key, rows.getString(2));
                    if (previous != null) {
                        throw new IllegalStateException("two catalog objects share the snapshot key " + key);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog snapshot failed: " + e.getMessage(), e);
        }
        return new CatalogSnapshot(objects);
    }

    public static CatalogSnapshot of(FreshDatabase database) {
        try (Connection connection = database.connect()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> objects() {
        return objects;
    }

    /** What changed from this snapshot to the other one. */
    public SnapshotDiff diffTo(CatalogSnapshot other) {
        return SnapshotDiff.between(this, other);
    }

    /** Every entry as "key | description" lines, for reading and for files. */
    public String asText() {
        StringBuilder text = new StringBuilder();
        objects.forEach((key, description) -> text.append(key).append(" | ").append(description).append('\n'));
        return text.toString();
    }

    private static String load(String resource) {
        try (InputStream in = CatalogSnapshot.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
