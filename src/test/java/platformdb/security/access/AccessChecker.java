package platformdb.security.access;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Rows;
import platformdb.fixtures.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * Checks a database against an access matrix by behaviour. Alice and bob each get a row of every table
 * (made by the server from the table's recipe); carol is an active admin without rows; dave has no rows.
 * Then each actor, through a real SET ROLE with request.jwt.claims, reads, inserts, updates and deletes,
 * and every outcome is compared with the matrix. Allowed writes run in a request that is rolled back;
 * denied writes are committed attempts, after which the server checks that nothing changed. Each actor keeps
 * one connection for all its requests, and the server one for its rows and checks: a connection costs a
 * backend fork, a request on an open one a fraction of a millisecond.
 */
public final class AccessChecker implements AutoCloseable {

    private final AccessMatrix matrix;
    private final Personas personas;
    private final Connection server;
    private final Rows rows;
    private final UUID alice;
    private final UUID bob;
    private final UUID carol;
    private final UUID dave;
    private final Map<String, Actor> actors = new LinkedHashMap<>();
    private final Map<String, Fixture> fixtures = new LinkedHashMap<>();

    /** A table's key expression and the keys of alice's and bob's rows (or why they could not be made). */
    private record Fixture(String keyExpr, String aliceRow, String bobRow, String problem) {
    }

    public AccessChecker(FreshDatabase database, AccessMatrix matrix) {
        this.matrix = matrix;
        personas = Personas.on(database);
        server = personas.server();
        rows = new Rows(server);
        alice = personas.create("alice").id();
        bob = personas.create("bob").id();
        carol = personas.createAdmin("carol", "admin").id();
        dave = personas.create("dave").id();
        actors.put("anon", new Actor(personas.anonSession(), "anon"));
        actors.put("owner", new Actor(personas.sessionAs("alice"), "alice (owner)"));
        actors.put("other", new Actor(personas.sessionAs("bob"), "bob (another user)"));
        actors.put("admin", new Actor(personas.sessionAs("carol"), "carol (admin)"));
        actors.put("service_role", new Actor(personas.serviceRoleSession(), "service_role"));
        for (AccessMatrix.Table table : matrix.tables().values()) {
            fixtures.put(table.name(), fixture(table));
        }
    }

    /** Tables in public without a matrix entry, and entries for tables that do not exist. */
    public List<String> completenessProblems() {
        List<String> problems = new ArrayList<>();
        Set<String> actual = new TreeSet<>(Sql.column(server,
                "select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')"));
        for (String table : actual) {
            if (!matrix.tables().containsKey(table)) {
                problems.add("table public." + table + " has no entry in the access matrix");
            }
        }
        for (String table : matrix.tables().keySet()) {
            if (!actual.contains(table)) {
                problems.add("the access matrix has an entry for public." + table + ", which does not exist");
            }
        }
        return problems;
    }

    /** One container per table, one test per actor and action. */
    public Stream<DynamicNode> tests() {
        return matrix.tables().values().stream().map(table -> DynamicContainer.dynamicContainer(table.name(), Stream.concat(
                AccessMatrix.ACTORS.stream().flatMap(actor -> AccessMatrix.ACTIONS.stream().map(action ->
                        DynamicTest.dynamicTest(actor + " " + action, () -> check(table, actor, action)))),
                table.handOver() == null ? Stream.<DynamicTest>empty()
                        : Stream.of(DynamicTest.dynamicTest("owner cannot hand her row to another user", () -> check(table, "owner", "handOver"))))));
    }

    public int tableCount() {
        return matrix.tables().size();
    }

    private void check(AccessMatrix.Table table, String actor, String action) throws Throwable {
        Fixture fixture = fixtures.get(table.name());
        if (fixture.problem() != null) {
            throw new AssertionFailedError(table.name() + ": " + fixture.problem());
        }
        try {
            switch (action) {
                case "select" -> checkSelect(table, fixture, actor);
                case "insert" -> checkInsert(table, fixture, actor);
                case "update" -> checkWrite(table, fixture, actor, "update",
                        "update public." + table.name() + " set " + (table.updateSet() != null ? table.updateSet() : firstKeyColumn(fixture) + " = " + firstKeyColumn(fixture))
                                + " where " + fixture.keyExpr() + " = " + literal(fixture.aliceRow()));
                case "handOver" -> checkHandOver(table, fixture);
                default -> checkWrite(table, fixture, actor, "delete",
                        "delete from public." + table.name() + " where " + fixture.keyExpr() + " = " + literal(fixture.aliceRow()));
            }
        } catch (AssertionError e) {
            if (table.knownIssue() != null) {
                Assumptions.abort("known issue on " + table.name() + " (" + table.knownIssue() + "): " + e.getMessage());
            }
            throw e;
        }
    }

    /** Exact row sets: the actor reads exactly the fixture rows the matrix admits, no more and no fewer. */
    private void checkSelect(AccessMatrix.Table table, Fixture fixture, String actor) {
        Set<String> both = Set.of(fixture.aliceRow(), fixture.bobRow());
        Set<String> expected = new TreeSet<>();
        switch (actor) {
            case "owner" -> { // alice: her row under owner's scope, bob's under other's
                addIf(expected, table, fixture, "owner", fixture.aliceRow());
                addIf(expected, table, fixture, "other", fixture.bobRow());
            }
            case "other" -> { // bob: his row under owner's scope, alice's under other's
                addIf(expected, table, fixture, "owner", fixture.bobRow());
                addIf(expected, table, fixture, "other", fixture.aliceRow());
            }
            default -> {
                addIf(expected, table, fixture, actor, fixture.aliceRow());
                addIf(expected, table, fixture, actor, fixture.bobRow());
            }
        }
        Actor who = as(actor);
        Set<String> seen = who.sees(table.name(), fixture.keyExpr(), both);
        if (!seen.equals(expected)) {
            throw new AssertionFailedError(who.label() + " reading public." + table.name() + " (alice's row " + fixture.aliceRow()
                    + ", bob's row " + fixture.bobRow() + "): expected to see " + expected + " but saw " + seen, expected, seen);
        }
    }

    private void checkInsert(AccessMatrix.Table table, Fixture fixture, String actor) {
        UUID rowUser = switch (actor) {
            case "anon", "service_role" -> dave;
            case "admin" -> table.adminInsertsOwnRows() ? carol : alice;
            default -> alice; // owner inserts her own row; other (bob) tries to insert one for alice
        };
        String sql = rows.insert(table.recipe(), rowUser, false);
        boolean allowed = Boolean.TRUE.equals(table.scope(actor, "insert"));
        Actor who = as(actor);
        String count = "select count(*) from public." + table.name();
        String before = asServer(count);
        Actor.Attempt attempt = allowed ? who.triesAndRollsBack(sql) : who.cannotChangeAnything(sql);
        if (allowed && !attempt.allowed()) {
            throw new AssertionFailedError(who.label() + " may insert into public." + table.name() + " but was " + attempt + ": " + sql);
        }
        if (!allowed) {
            if (attempt.allowed()) {
                throw new AssertionFailedError(who.label() + " must not insert into public." + table.name() + ", but the insert ran: " + sql);
            }
            String after = asServer(count);
            if (!before.equals(after)) {
                throw new AssertionFailedError("a refused insert into public." + table.name() + " changed the row count from " + before + " to " + after);
            }
        }
    }

    private void checkWrite(AccessMatrix.Table table, Fixture fixture, String actor, String action, String sql) {
        boolean allowed = admits(table, fixture, actor, action, fixture.aliceRow());
        Actor who = as(actor);
        String snapshot = "select coalesce((select to_jsonb(t)::text from public." + table.name() + " t where "
                + fixture.keyExpr() + " = " + literal(fixture.aliceRow()) + "), 'absent')";
        String before = asServer(snapshot);
        Actor.Attempt attempt = allowed ? who.triesAndRollsBack(sql) : who.cannotChangeAnything(sql);
        if (allowed && attempt.rows() != 1) {
            throw new AssertionFailedError(who.label() + " may " + action + " alice's row of public." + table.name() + " but was " + attempt);
        }
        if (!allowed) {
            if (attempt.allowed()) {
                throw new AssertionFailedError(who.label() + " must not " + action + " alice's row of public." + table.name() + ", but " + attempt);
            }
            String after = asServer(snapshot);
            if (!before.equals(after)) {
                throw new AssertionFailedError("a refused " + action + " on public." + table.name() + " changed alice's row", before, after);
            }
        }
    }

    /** The owner moves her row to bob (his user id, tenant or parent): refused, and her row unchanged. */
    private void checkHandOver(AccessMatrix.Table table, Fixture fixture) {
        Map<String, String> bobs = rows.parents(table.recipe(), bob, false);
        String sql = "update public." + table.name() + " set " + Rows.render(table.handOver(), bobs)
                + " where " + fixture.keyExpr() + " = " + literal(fixture.aliceRow());
        String snapshot = "select coalesce((select to_jsonb(t)::text from public." + table.name() + " t where "
                + fixture.keyExpr() + " = " + literal(fixture.aliceRow()) + "), 'absent')";
        String before = asServer(snapshot);
        Actor.Attempt attempt = as("owner").cannotChangeAnything(sql);
        if (attempt.allowed()) {
            throw new AssertionFailedError("alice moved her row of public." + table.name() + " to bob: " + sql);
        }
        String after = asServer(snapshot);
        if (!before.equals(after)) {
            throw new AssertionFailedError("a refused hand-over on public." + table.name() + " changed alice's row", before, after);
        }
    }

    private void addIf(Set<String> expected, AccessMatrix.Table table, Fixture fixture, String scopeActor, String row) {
        if (admits(table, fixture, scopeActor, "select", row)) {
            expected.add(row);
        }
    }

    private boolean admits(AccessMatrix.Table table, Fixture fixture, String actor, String action, String row) {
        Object scope = table.scope(actor, action);
        if (scope instanceof String predicate) {
            return Boolean.parseBoolean(asServer("select coalesce((select (" + predicate.trim().substring(6) + ") from public." + table.name()
                    + " where " + fixture.keyExpr() + " = " + literal(row) + "), false)::text"));
        }
        return Boolean.TRUE.equals(scope);
    }

    private Actor as(String actor) {
        Actor who = actors.get(actor);
        if (who == null) {
            throw new IllegalArgumentException(actor);
        }
        return who;
    }

    private Fixture fixture(AccessMatrix.Table table) {
        List<String> key = Sql.column(server, """
                select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = to_regclass(?) and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)""",
                "public." + table.name());
        if (key.isEmpty()) {
            return new Fixture(null, null, null, "no primary key to identify rows by");
        }
        String keyExpr = "row(" + String.join(", ", key) + ")::text";
        try {
            String aliceRow = rows.make(table.recipe(), alice, true, keyExpr);
            String bobRow = rows.make(table.recipe(), bob, false, keyExpr);
            return new Fixture(keyExpr, aliceRow, bobRow, null);
        } catch (RuntimeException e) {
            return new Fixture(keyExpr, null, null, "the row recipe failed: " + e.getMessage());
        }
    }

    private String asServer(String sql) {
        return Sql.one(server, sql);
    }

    private static String firstKeyColumn(Fixture fixture) {
        String inner = fixture.keyExpr().substring(4, fixture.keyExpr().indexOf(')'));
        return inner.split(",")[0].trim();
    }

    private static String literal(String value) {
        return Rows.literal(value);
    }

    @Override
    public void close() {
        personas.close();
    }
}
