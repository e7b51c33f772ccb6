package platformdb.deploy.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What the run-time rewrite of the landed changesets' {@code set local lock_timeout} touches, and what it leaves as
 * written: the SQL text in, the SQL text out.
 */
class LockTimeoutRewriteTest {

    private static final LockTimeoutRewrite TO_100_MS = new LockTimeoutRewrite("100ms");

    @Test
    void theLandedChangesetsSettingBecomesTheAttemptsTimeout() {
        assertEquals("set local lock_timeout = '100ms';\nalter table public.sites add column x int;",
                rewritten("set local lock_timeout = '5s';\nalter table public.sites add column x int;"));
    }

    @Test
    void anyCaseSpacingAndTheToFormAreRewritten() {
        assertEquals("set local lock_timeout = '100ms';", rewritten("SET LOCAL LOCK_TIMEOUT = '5s';"));
        assertEquals("set local lock_timeout = '100ms';", rewritten("set local lock_timeout TO '10s';"));
        assertEquals("set local lock_timeout = '100ms';", rewritten("set\tlocal\n  lock_timeout='5s';"));
        assertEquals("set local lock_timeout = '100ms';", rewritten("Set Local Lock_Timeout = '';"));
    }

    @Test
    void everyOccurrenceInOneStatementTextIsRewritten() {
        assertEquals("set local lock_timeout = '100ms'; select 1; set local lock_timeout = '100ms';",
                rewritten("set local lock_timeout = '5s'; select 1; set local lock_timeout = '1min';"));
    }

    @Test
    void aChangesetThatWaitsOnPurposeKeepsItsOwnSetting() {
        String waitsOnPurpose = "select set_config('lock_timeout', '0', true);\ncreate index on public.sites (name);";
        assertEquals(waitsOnPurpose, rewritten(waitsOnPurpose));
    }

    @Test
    void otherSettingsAndOtherFormsAreLeftAsWritten() {
        for (String untouched : new String[] {
                "set lock_timeout = '5s'",                 // a session setting, not the changeset's transaction
                "set local lock_timeout = 5000",           // unquoted: not the form the landed changesets use
                "set local statement_timeout = '5s'",
                "reset lock_timeout",
                "select 'set local lock_timeouts = ''5s'''",
                "offset local lock_timeout = '5s'"}) {     // "set" only as a word
            assertEquals(untouched, rewritten(untouched), "rewritten although it should not be: " + untouched);
        }
    }

    @Test
    void itAppliesToRollbacksToo() {
        assertTrue(TO_100_MS.isApplyToRollback(), "a rollback's own set local lock_timeout must be rewritten as well");
    }

    private static String rewritten(String sql) {
        return TO_100_MS.modifySql(sql, null);
    }
}
