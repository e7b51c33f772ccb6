package platformdb.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import platformdb.postgres.FreshDatabase;

/**
 * The schema of a database as canonical sorted text, read from pg_catalog: one entry per object, keyed by its
 * identity ("index public.x", "policy public.t.p"), valued by everything that defines it. No OIDs, and owners
 * written OWNER, so snapshots of two databases or servers compare equal when their schemas are the same.
 * Liquibase's tracking schema is left out.
 *
 * <p>Each entry also remembers its scope (the table, function or type it is recomputed with) and the object it
 * describes, so that {@link #refreshed} can recompute only what DDL touched: a cost that follows the change,
 * not the size of the schema.
 */
public final class CatalogSnapshot {

    private static final String QUERY = load("catalog-snapshot.sql")
            .replace(":tracking_schema", "'" + FreshDatabase.TRACKING_SCHEMA + "'")
            .replace(":probe_schema", "'" + DdlProbe.SCHEMA + "'");
    private static final String SCOPES_QUERY = load("catalog-scopes.sql");
    private static final long ALWAYS = 0;

    private record Entry(String description, long scope, long own) {
    }

    private final SortedMap<String, Entry> entries;
    private final SortedMap<String, String> objects;

    private CatalogSnapshot(SortedMap<String, Entry> entries) {
        this.entries = entries;
        SortedMap<String, String> descriptions = new TreeMap<>();
        entries.forEach((key, entry) -> descriptions.put(key, entry.description()));
        this.objects = Collections.unmodifiableSortedMap(descriptions);
    }

    public static CatalogSnapshot of(Connection connection) {
        return new CatalogSnapshot(query(connection, null, new TreeMap<>()));
    }

    /**
     * This snapshot brought up to date after DDL that the probe saw: the entries of every scope touched (or
     * depending on something touched, or holding something dropped) and the always-recomputed ones are read
     * again, the rest kept. A command that names no object (GRANT, REVOKE) makes it a whole snapshot.
     */
    public CatalogSnapshot refreshed(Connection connection, DdlProbe.Changes changes) {
        if (changes.unplaced()) {
            return of(connection);
        }
        Set<Long> scopes = new HashSet<>(scopesTouched(connection, changes.touched()));
        scopes.addAll(changes.dropped());
        entries.values().stream().filter(entry -> changes.dropped().contains(entry.own())).forEach(entry -> scopes.add(entry.scope()));
        SortedMap<String, Entry> kept = new TreeMap<>();
        entries.forEach((key, entry) -> {
            if (entry.scope() != ALWAYS && !scopes.contains(entry.scope())) {
                kept.put(key, entry);
            }
        });
        return new CatalogSnapshot(query(connection, oidArray(scopes), kept));
    }

    /**
     * This catalog as it would be after a change that sets and removes the given entries (a prediction, never read
     * from a database). A changed entry keeps its object; a new one belongs to the object its key or definition names
     * (a column, constraint, policy or trigger to its table, an index to the table it is on), else to itself.
     */
    public CatalogSnapshot with(Map<String, String> set, Set<String> removed) {
        SortedMap<String, Entry> next = new TreeMap<>(entries);
        removed.forEach(next::remove);
        // invented ids below every real OID (and every id an earlier prediction invented)
        long invented = Math.min(0, next.values().stream().mapToLong(Entry::own).min().orElse(0));
        Map<String, Long> primaries = new HashMap<>();
        next.forEach((key, entry) -> {
            if (isPrimary(key)) {
                primaries.put(key, entry.own());
            }
        });
        List<String> added = set.keySet().stream().filter(key -> !next.containsKey(key))
                .sorted(Comparator.comparing((String key) -> !isPrimary(key))).toList();
        for (String key : added) {
            long own = --invented;
            long scope = isPrimary(key) ? own
                    : UNSCOPED_KINDS.stream().anyMatch(key::startsWith) ? ALWAYS
                    : ownersOf(key, set.get(key)).stream().map(primaries::get).filter(Objects::nonNull).findFirst().orElse(own);
            next.put(key, new Entry(set.get(key), scope, own));
            if (isPrimary(key)) {
                primaries.put(key, own);
            }
        }
        set.forEach((key, description) -> next.computeIfPresent(key, (k, entry) -> new Entry(description, entry.scope(), entry.own())));
        return new CatalogSnapshot(next);
    }

    /** Entries of no object's scope, as the snapshot query reads them: their owner comes from the key ({@link #ownerOfUnscoped}). */
    private static final List<String> UNSCOPED_KINDS = List.of("schema ", "extension ", "role setting ", "publication ",
            "default privileges ", "grant on schema ", "comment on schema ");

    /** The keys the object a new entry belongs to may have, from its key or, for an index, its definition. */
    private static List<String> ownersOf(String key, String description) {
        for (String kind : List.of("column ", "constraint ", "policy ", "trigger ", "grant on column ", "comment on table column ")) {
            if (key.startsWith(kind)) {
                String part = key.substring(kind.length());
                int to = kind.startsWith("grant") ? part.lastIndexOf(" to ") : -1;
                part = to > 0 ? part.substring(0, to) : part;
                int dot = part.lastIndexOf('.');
                return dot > 0 ? List.of("relation " + part.substring(0, dot)) : List.of();
            }
        }
        if (key.startsWith("index ")) {
            Matcher on = INDEX_TABLE.matcher(description);
            return on.find() ? List.of("relation " + on.group(1)) : List.of();
        }
        for (String kind : List.of("grant on ", "comment on ")) {
            if (key.startsWith(kind)) {
                String object = key.substring(kind.length());
                int to = kind.startsWith("grant") ? object.lastIndexOf(" to ") : -1;
                object = to > 0 ? object.substring(0, to) : object;
                int space = object.indexOf(' ');
                String name = object.substring(space + 1);
                return switch (object.substring(0, Math.max(space, 0))) {
                    case "table", "view", "sequence", "materialized" -> List.of("relation " + name);
                    case "function", "procedure" -> List.of("function " + name);
                    case "type" -> List.of("enum " + name, "domain " + name, "type " + name);
                    default -> List.of();
                };
            }
        }
        return List.of();
    }

    private static final Pattern INDEX_TABLE = Pattern.compile(" ON (?:ONLY )?(\\S+) USING ");

    /**
     * Reads the entries of the given scopes (all when null) into {@code into}, under search_path public whatever the
     * session's: types, operator classes and functions print qualified by what the path leaves out, and Supabase's
     * postgres has extensions on its path (vector(1536) against extensions.vector(1536) would read as drift).
     */
    private static SortedMap<String, Entry> query(Connection connection, String scopes, SortedMap<String, Entry> into) {
        try (PreparedStatement statement = connection.prepareStatement(QUERY);
             PreparedStatement path = connection.prepareStatement("select current_setting('search_path'), set_config('search_path', 'public', false)")) {
            String sessionPath;
            try (ResultSet row = path.executeQuery()) {
                row.next();
                sessionPath = row.getString(1);
            }
            statement.setString(1, scopes);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    if (rows.getString(2) == null) {
                        // A null anywhere in a description's concatenation nulls all of it, and the comparison goes blind
                        // (PostgreSQL 17's attstattarget is null by default): never let that pass as "equal".
                        throw new IllegalStateException("catalog snapshot: the description of " + key + " is null");
                    }
                    Entry previous = into.put(key, new Entry(rows.getString(2), rows.getLong(3), rows.getLong(4)));
                    if (previous != null) {
                        throw new IllegalStateException("two catalog objects share the snapshot key " + key
                                + (scopes == null ? "" : " (refreshed scopes " + scopes + ": an entry of an untouched scope changed)"));
                    }
                }
            }
            try (PreparedStatement restore = connection.prepareStatement("select set_config('search_path', ?, false)")) {
                restore.setString(1, sessionPath);
                restore.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog snapshot failed: " + e.getMessage(), e);
        }
        return into;
    }

    private static Set<Long> scopesTouched(Connection connection, Collection<long[]> touched) {
        Set<Long> scopes = new HashSet<>();
        if (touched.isEmpty()) {
            return scopes;
        }
        try (PreparedStatement statement = connection.prepareStatement(SCOPES_QUERY)) {
            statement.setString(1, oidArray(touched.stream().map(object -> object[0]).toList()));
            statement.setString(2, oidArray(touched.stream().map(object -> object[1]).toList()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    scopes.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("finding the touched snapshot scopes failed: " + e.getMessage(), e);
        }
        return scopes;
    }

    private static String oidArray(Collection<Long> oids) {
        return oids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
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

    /**
     * The object each entry belongs to, by key: a column, constraint, index, policy, trigger or grant belongs to
     * its table ("relation public.t"), a function's grant to the function, a schema's grant, comment or default
     * privileges to the schema; an entry that stands alone (a table, a function, a schema, an extension) belongs to itself.
     */
    public Map<String, String> owningObjects() {
        Map<Long, String> primaryByOid = new HashMap<>();
        entries.forEach((key, entry) -> {
            if (isPrimary(key)) {
                primaryByOid.merge(entry.own(), key, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        });
        SortedMap<String, String> owners = new TreeMap<>();
        entries.forEach((key, entry) -> {
            String owner = entry.scope() == ALWAYS ? ownerOfUnscoped(key) : primaryByOid.getOrDefault(entry.scope(), key);
            owners.put(key, owner);
        });
        return owners;
    }

    /** The kinds of entry that stand for an object of their own; the other entries of its scope belong to it. */
    private static final List<String> PRIMARY_KINDS = List.of("relation ", "function ", "aggregate ", "enum ", "domain ", "type ");

    private static boolean isPrimary(String key) {
        return PRIMARY_KINDS.stream().anyMatch(key::startsWith);
    }

    private static String ownerOfUnscoped(String key) {
        int inSchema = key.startsWith("default privileges of ") ? key.indexOf(" in schema ") : -1;
        if (inSchema > 0) {
            String rest = key.substring(inSchema + " in schema ".length());
            return "schema " + rest.substring(0, rest.lastIndexOf(" on "));
        }
        for (String prefix : List.of("grant on schema ", "comment on schema ")) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int to = rest.lastIndexOf(" to ");
                return "schema " + (prefix.startsWith("grant") && to > 0 ? rest.substring(0, to) : rest);
            }
        }
        return key;
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
