package platformdb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a failed round trip prints: the expected state against the state found, object by object, a multi-line
 * definition kept aligned under its label. (Comparing real snapshots is RoundTripCatchesBadRollbacksTest's subject.)
 */
class SnapshotDiffTest {

    private static final Map<String, String> BEFORE = Map.of(
            "index public.a_x", "create index a_x on public.a (x)",
            "function public.f()", "begin\n  return 1;\nend");
    private static final Map<String, String> AFTER = Map.of(
            "function public.f()", "begin\n  return 2;\nend",
            "policy public.a.p", "using (true)");

    @Test
    void describesMissingUnexpectedAndChangedObjectsInTheWordsOfTheComparison() {
        SnapshotDiff diff = new SnapshotDiff(List.of("index public.a_x"), List.of("policy public.a.p"), List.of("function public.f()"),
                BEFORE, AFTER);
        assertFalse(diff.isEmpty());
        assertEquals("""
                  missing:    index public.a_x | create index a_x on public.a (x)
                  unexpected: policy public.a.p | using (true)
                  changed:    function public.f()
                    expected: begin
                                return 1;
                              end
                    found:    begin
                                return 2;
                              end
                """, diff.describe());
    }

    @Test
    void noDifferenceIsEmptyAndDescribesNothing() {
        SnapshotDiff same = new SnapshotDiff(List.of(), List.of(), List.of(), BEFORE, BEFORE);
        assertTrue(same.isEmpty());
        assertEquals("", same.describe());
    }
}
