package platformdb.security.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * The matrix checks catch faults: fixture tables and functions added to a deployed copy, checked against a
 * small fixture matrix. A leaky read, update or insert policy, a table missing from the matrix, an entry
 * for a table that does not exist, an undeclared function, and a definer function open to anon all fail;
 * a sound table passes; a documented known issue is reported as aborted, not failed.
 */
class AccessCheckerCatchesFaultsTest {

    private static final String FIXTURE_SCHEMA = """
            create table public.fixture_sound_notes (id uuid primary key default gen_random_uuid(), user_id uuid not null, body text);
            create table public.fixture_leaky_reads (id uuid primary key default gen_random_uuid(), user_id uuid not null, body text);
            create table public.fixture_leaky_updates (id uuid primary key default gen_random_uuid(), user_id uuid not null, body text);
            create table public.fixture_leaky_inserts (id uuid primary key default gen_random_uuid(), user_id uuid not null, body text);
            alter table public.fixture_leaky_inserts enable row level security;
            create policy own_read on public.fixture_leaky_inserts for select to authenticated using (user_id = (select auth.uid()));
            create policy leaky_insert on public.fixture_leaky_inserts for insert to authenticated with check (user_id is not null);
            create policy own_delete on public.fixture_leaky_inserts for delete to authenticated using (user_id = (select auth.uid()));
            grant select, insert, update, delete on public.fixture_leaky_inserts to anon, authenticated, service_role;
            create table public.fixture_documented_leak (id uuid primary key default gen_random_uuid(), user_id uuid not null, body text);
            alter table public.fixture_documented_leak enable row level security;
            create policy own_read on public.fixture_documented_leak for select to authenticated using (user_id = (select auth.uid()));
            create policy leaky_insert on public.fixture_documented_leak for insert to authenticated with check (user_id is not null);
            create policy own_delete on public.fixture_documented_leak for delete to authenticated using (user_id = (select auth.uid()));
            grant select, insert, update, delete on public.fixture_documented_leak to anon, authenticated, service_role;
            create table public.fixture_unlisted (id uuid primary key default gen_random_uuid(), user_id uuid not null);
            alter table public.fixture_sound_notes enable row level security;
            alter table public.fixture_leaky_reads enable row level security;
            alter table public.fixture_leaky_updates enable row level security;
            alter table public.fixture_unlisted enable row level security;
            create policy own on public.fixture_sound_notes for all to authenticated
              using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
            create policy leaky_read on public.fixture_leaky_reads for select to authenticated using (true);
            create policy own_write on public.fixture_leaky_reads for insert to authenticated with check (user_id = (select auth.uid()));
            create policy own_update on public.fixture_leaky_reads for update to authenticated using (user_id = (select auth.uid()));
            create policy own_delete on public.fixture_leaky_reads for delete to authenticated using (user_id = (select auth.uid()));
            create policy all_read on public.fixture_leaky_updates for select to authenticated using (true);
            create policy own_insert on public.fixture_leaky_updates for insert to authenticated with check (user_id = (select auth.uid()));
            create policy leaky_update on public.fixture_leaky_updates for update to authenticated using (true);
            create policy own_delete on public.fixture_leaky_updates for delete to authenticated using (user_id = (select auth.uid()));
            grant select, insert, update, delete on public.fixture_sound_notes, public.fixture_leaky_reads,
              public.fixture_leaky_updates, public.fixture_unlisted to anon, authenticated, service_role;
            create function public.fixture_open_definer() returns int language sql security definer set search_path = '' as 'select 1';
            create function public.fixture_undeclared() returns int language sql as 'select 1';
            """;

    private static final String FIXTURE_MATRIX = """
            defaults: { anon: [], owner: [], other: [], admin: [], service_role: [select, insert, update, delete] }
            profiles: { own-rows: { owner: [select, insert, update, delete] } }
            tables:
              fixture_sound_notes:
                profile: own-rows
                row: "insert into public.fixture_sound_notes (user_id, body) values (:user, 'n-:uniq')"
                handOver: "user_id = :user"
              fixture_leaky_reads:
                profile: own-rows
                row: "insert into public.fixture_leaky_reads (user_id, body) values (:user, 'n')"
              fixture_leaky_updates:
                owner: [select, insert, update, delete]
                other: [select]
                admin: [select]
                row: "insert into public.fixture_leaky_updates (user_id, body) values (:user, 'n')"
                handOver: "user_id = :user"
              fixture_leaky_inserts:
                owner: [select, insert, delete]
                row: "insert into public.fixture_leaky_inserts (user_id, body) values (:user, 'n')"
              fixture_documented_leak:
                owner: [select, insert, delete]
                knownIssue: "insert policy checks no owner (fixture)"
                row: "insert into public.fixture_documented_leak (user_id, body) values (:user, 'n')"
              fixture_ghost:
                profile: own-rows
                row: "insert into public.fixture_ghost (user_id) values (:user)"
            functionDefaults: { execute: [anon, authenticated, service_role] }
            functions:
              "fixture_open_definer()": { definer: true, execute: [service_role] }
              "fixture_never_created()": {}
            """;

    @Deployed
    private static FreshDatabase database;
    private static AccessMatrix matrix;

    @BeforeAll
    static void deployWithFixtures() {
        database.execute(FIXTURE_SCHEMA);
        matrix = AccessMatrix.parse(FIXTURE_MATRIX);
    }

    @Test
    void aSoundOwnRowsTableKeepsTheMatrix() {
        assertEquals(Set.of(), failingChecks("fixture_sound_notes"));
    }

    @Test
    void aReadPolicyThatAdmitsAllRowsIsCaughtWhereTheMatrixSaysOwnRows() {
        Set<String> failing = failingChecks("fixture_leaky_reads");
        assertEquals(Set.of("owner select", "other select", "admin select"), failing,
                "alice, bob and carol each read a row that is not theirs");
    }

    @Test
    void anUpdatePolicyThatAdmitsAllRowsIsCaughtAndTheLeakReported() {
        Set<String> failing = failingChecks("fixture_leaky_updates");
        assertEquals(Set.of("other update", "admin update", "owner cannot hand her row to another user"), failing,
                "bob and carol may update alice's row, and alice may give her row to bob");
    }

    @Test
    void anInsertPolicyThatAdmitsRowsForOthersIsCaught() {
        assertEquals(Set.of("other insert", "admin insert"), failingChecks("fixture_leaky_inserts"),
                "bob and carol may insert a row owned by alice");
    }

    @Test
    void aKnownIssueIsReportedAsAbortedNotFailedAndOnlyWhereTheCheckFails() {
        Set<String> aborted = new TreeSet<>();
        assertEquals(Set.of(), failingChecks("fixture_documented_leak", aborted));
        assertEquals(Set.of("other insert", "admin insert"), aborted);
    }

    @Test
    void aTableMissingFromTheMatrixAndAnEntryWithoutATableFail() {
        AccessMatrix withGhost = AccessMatrix.parse(FIXTURE_MATRIX);
        List<String> problems;
        try (AccessChecker checker = new AccessChecker(database, withGhost)) {
            problems = checker.completenessProblems();
        }
        assertTrue(problems.contains("table public.fixture_unlisted has no entry in the access matrix"), problems::toString);
        assertTrue(problems.contains("table public.memories has no entry in the access matrix"), problems::toString);
        assertTrue(problems.contains("the access matrix has an entry for public.fixture_ghost, which does not exist"), problems::toString);
    }

    @Test
    void anUndeclaredFunctionAndADefinerOpenToTheApiRolesAreCaught() throws SQLException {
        try (Connection server = database.connect()) {
            List<String> problems = FunctionPrivileges.problems(server, matrix);
            assertTrue(problems.contains("function public.fixture_undeclared() has no EXECUTE declaration in the access matrix"), problems::toString);
            assertTrue(problems.contains("function public.fixture_open_definer(): anon may execute it, the matrix says it must not"), problems::toString);
            assertTrue(problems.contains("the access matrix declares function public.fixture_never_created(), which does not exist"), problems::toString);
            List<String> lint = DefinerFunctionLint.violations(server, matrix);
            assertTrue(lint.contains("public.fixture_open_definer(): security definer executable by anon, which the access matrix does not allow"), lint::toString);
            AccessMatrix allowing = AccessMatrix.parse(FIXTURE_MATRIX.replace("execute: [service_role]", "execute: [anon, authenticated, service_role]"));
            assertTrue(DefinerFunctionLint.violations(server, allowing).stream().noneMatch(v -> v.startsWith("public.fixture_open_definer")),
                    "a definer function the matrix opens to the API roles is allowed");
        }
    }

    /** Runs the checker's tests for one table and returns the names of those that failed. */
    private static Set<String> failingChecks(String table) {
        Set<String> aborted = new TreeSet<>();
        Set<String> failing = failingChecks(table, aborted);
        assertEquals(Set.of(), aborted, "no known issue is declared for " + table);
        return failing;
    }

    private static Set<String> failingChecks(String table, Set<String> aborted) {
        Set<String> failing = new TreeSet<>();
        try (AccessChecker checker = new AccessChecker(database, only(table))) {
            List<DynamicNode> nodes = new ArrayList<>();
            checker.tests().forEach(nodes::add);
            for (DynamicNode node : nodes) {
                flatten(node).forEach(test -> {
                    try {
                        test.getExecutable().execute();
                    } catch (AssertionError e) {
                        failing.add(test.getDisplayName());
                    } catch (TestAbortedException e) {
                        aborted.add(test.getDisplayName());
                    } catch (Throwable e) {
                        throw new IllegalStateException(test.getDisplayName() + " could not run: " + e.getMessage(), e);
                    }
                });
            }
        }
        return failing;
    }

    private static AccessMatrix only(String table) {
        String text = FIXTURE_MATRIX;
        StringBuilder kept = new StringBuilder();
        boolean keep = true;
        for (String line : text.split("\n")) {
            if (line.startsWith("  fixture_")) {
                keep = line.startsWith("  " + table + ":");
            } else if (!line.startsWith("    ")) {
                keep = true;
            }
            if (keep) {
                kept.append(line).append('\n');
            }
        }
        return AccessMatrix.parse(kept.toString());
    }

    private static Stream<DynamicTest> flatten(DynamicNode node) {
        if (node instanceof DynamicContainer container) {
            return container.getChildren().flatMap(AccessCheckerCatchesFaultsTest::flatten);
        }
        return Stream.of((DynamicTest) node);
    }
}
