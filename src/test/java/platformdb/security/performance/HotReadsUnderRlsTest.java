package platformdb.security.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/**
 * Issue 5, item 5: with rows for many users ({@link ManyUsersDataset}), each hot read ({@link HotReads}) run as a
 * signed-in user (SET ROLE authenticated, request.jwt.claims) reads the big tables through an index (no Seq Scan
 * node on them), discards at most {@link RlsCostCheck#MAX_ROWS_DISCARDED} of their rows (no index walked in
 * disguise of a scan), touches at most {@link RlsCostCheck#MAX_RATIO} times the pages of the same read as
 * service_role, and touches no more pages (up to {@link ReadAtTwoScales#MAX_GROWTH}) once another batch of other
 * owners' rows has doubled every table. Each read prints one "RLS cost |" line (pages, planner costs, times).
 * The known-bad tables here, and {@link HotReadsBeforeTheirFixTest} with the policies this schema had before,
 * prove the checks report the faults they exist for.
 *
 * <p>A limit measured outside the suite: conversations_owner_all prices its tenant branch
 * {@code customer_id = any(sites)} as 10 sites of average size; when one tenant holds most conversations of the
 * table, the planner again prefers walking idx_conversations_created_at for a read that relies on RLS alone.
 * The app's reads carry their owner filter (Supabase's advice too), which is indexed whatever the distribution.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotReadsUnderRlsTest {

    private FreshDatabase database;
    private RlsCostCheck check;
    private Map<String, ReadAtTwoScales> measured;

    @BeforeAll
    void measureBeforeAndAfterOtherOwnersRowsDouble() {
        database = DeployedSchema.freshDatabase();
        check = new RlsCostCheck(database);
        measured = HotReads.measureAtTwoScales(database);
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    Stream<String> hotReads() {
        return measured.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hotReads")
    void isIndexedCheapAndBlindToOtherOwnersRows(String read) {
        System.out.println(measured.get(read).reportLine());
        assertEquals("", String.join("\n", measured.get(read).faults()), "as authenticated, '" + read + "' must use an index, touch at most "
                + RlsCostCheck.MAX_RATIO + "x the pages of service_role's read, and not grow with other owners' rows");
    }

    @Test
    void theCheckCatchesAPolicyThatEvaluatesTheAuthCallPerRow() {
        KnownBadCopies.perRowAuthCall(database);
        ReadCost read = check.measureRlsAlone("known bad: per-row auth call", HotReads.ALICE,
                "select id, content, created_at from public." + KnownBadCopies.PER_ROW + " where user_id = '" + HotReads.ALICE + "' order by created_at desc limit 20",
                "select id, content, created_at from public." + KnownBadCopies.PER_ROW + " order by created_at desc limit 20",
                KnownBadCopies.PER_ROW);
        System.out.println(read.reportLine());
        assertTrue(read.faults().stream().anyMatch(f -> f.contains("Seq Scan")), "expected a Seq Scan fault, got " + read.faults());
        assertTrue(read.faults().stream().anyMatch(f -> f.contains("shared buffers")), "expected a pages fault, got " + read.faults());
    }

    @Test
    void theCheckCatchesAPolicyWithoutASupportingIndex() {
        KnownBadCopies.unindexedOwner(database);
        ReadCost read = check.measure("known bad: no index on the owner", HotReads.ALICE,
                "select id, content, created_at from public." + KnownBadCopies.UNINDEXED + " where user_id = '" + HotReads.ALICE + "' order by created_at desc limit 20",
                KnownBadCopies.UNINDEXED);
        System.out.println(read.reportLine());
        assertTrue(read.faults().stream().anyMatch(f -> f.contains("Seq Scan")), "expected a Seq Scan fault, got " + read.faults());
    }
}
