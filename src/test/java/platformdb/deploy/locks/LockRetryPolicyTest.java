package platformdb.deploy.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The lock-retry policy as pure arithmetic: its defaults, its pauses, its budget, and where its settings come from. */
class LockRetryPolicyTest {

    private static final String ATTEMPT_PROPERTY = "platformdb.lockRetry.attemptTimeoutMs";
    private static final String BUDGET_PROPERTY = "platformdb.lockRetry.budgetSeconds";
    private static final String ATTEMPT_VARIABLE = "PLATFORMDB_LOCK_RETRY_ATTEMPT_TIMEOUT_MS";
    private static final String BUDGET_VARIABLE = "PLATFORMDB_LOCK_RETRY_BUDGET_SECONDS";

    private static final LockRetryPolicy DEFAULTS = policyFrom(Map.of(), Map.of());

    @Test
    void byDefaultEachAttemptWaits100MsAndTheBudgetIsThreeMinutes() {
        assertEquals(new LockRetryPolicy(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofMinutes(3)), DEFAULTS);
        assertEquals("100ms", DEFAULTS.lockTimeoutSetting());
    }

    @Test
    void thePauseDoublesFrom100MsAndStaysAtFiveSeconds() {
        List<Long> pauses = new ArrayList<>();
        for (int retry = 1; retry <= 9; retry++) {
            pauses.add(DEFAULTS.pauseBefore(retry).toMillis());
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), pauses);
        assertEquals(Duration.ofSeconds(5), DEFAULTS.pauseBefore(10_000), "a long wait must not overflow the pause");
    }

    @Test
    void retriesGoOnWhileThePauseStillEndsWithinTheBudget() {
        Duration spent = Duration.ofSeconds(179).plusMillis(900);
        assertEquals(Optional.of(Duration.ofMillis(100)), DEFAULTS.pauseAfter(1, spent));
        assertEquals(Optional.empty(), DEFAULTS.pauseAfter(1, spent.plusMillis(1)));
        assertEquals(Optional.of(Duration.ofSeconds(5)), DEFAULTS.pauseAfter(40, Duration.ofSeconds(175)));
        assertEquals(Optional.empty(), DEFAULTS.pauseAfter(40, Duration.ofSeconds(175).plusMillis(1)));
    }

    /** Attempts that fail at once (the clock moves only by the pauses): the budget alone ends them. */
    @Test
    void threeMinutesOfPausesAllowFortyOneAttempts() {
        Duration spent = Duration.ZERO;
        int attempts = 1;
        for (Optional<Duration> pause = DEFAULTS.pauseAfter(attempts, spent); pause.isPresent();
             pause = DEFAULTS.pauseAfter(attempts, spent)) {
            spent = spent.plus(pause.get());
            attempts++;
        }
        // 100 + 200 + 400 + 800 + 1600 + 3200 ms, then 34 pauses of 5 s: 176.3 s; one more would end at 181.3 s
        assertEquals(41, attempts);
        assertEquals(Duration.ofMillis(176_300), spent);
    }

    @Test
    void systemPropertiesSetTheAttemptTimeoutAndTheBudget() {
        LockRetryPolicy policy = policyFrom(Map.of(ATTEMPT_PROPERTY, "250", BUDGET_PROPERTY, " 30 "), Map.of());
        assertEquals(Duration.ofMillis(250), policy.attemptTimeout());
        assertEquals(Duration.ofMillis(250), policy.firstPause(), "the first pause is one attempt's timeout");
        assertEquals(Duration.ofSeconds(30), policy.budget());
        assertEquals("250ms", policy.lockTimeoutSetting());
    }

    @Test
    void environmentVariablesApplyWhenNoPropertyIsSet() {
        LockRetryPolicy policy = policyFrom(Map.of(), Map.of(ATTEMPT_VARIABLE, "50", BUDGET_VARIABLE, "10"));
        assertEquals(Duration.ofMillis(50), policy.attemptTimeout());
        assertEquals(Duration.ofSeconds(10), policy.budget());
    }

    @Test
    void aPropertyWinsOverTheEnvironmentVariable() {
        LockRetryPolicy policy = policyFrom(Map.of(ATTEMPT_PROPERTY, "300"), Map.of(ATTEMPT_VARIABLE, "50"));
        assertEquals(Duration.ofMillis(300), policy.attemptTimeout());
    }

    @Test
    void aBlankSettingMeansTheDefault() {
        assertEquals(DEFAULTS, policyFrom(Map.of(ATTEMPT_PROPERTY, " "), Map.of(BUDGET_VARIABLE, "")));
    }

    @Test
    void aSettingThatIsNoWholeNumberIsRefusedByName() {
        IllegalArgumentException fromProperty = assertThrows(IllegalArgumentException.class,
                () -> policyFrom(Map.of(ATTEMPT_PROPERTY, "100ms"), Map.of()));
        assertEquals("platformdb.lockRetry.attemptTimeoutMs must be a whole number, not '100ms'", fromProperty.getMessage());

        IllegalArgumentException fromVariable = assertThrows(IllegalArgumentException.class,
                () -> policyFrom(Map.of(), Map.of(BUDGET_VARIABLE, "3m")));
        assertTrue(fromVariable.getMessage().contains("budgetSeconds must be a whole number, not '3m'"),
                fromVariable.getMessage());
    }

    private static LockRetryPolicy policyFrom(Map<String, String> properties, Map<String, String> environment) {
        UnaryOperator<String> property = properties::get;
        UnaryOperator<String> variable = environment::get;
        return LockRetryPolicy.fromSettings(property, variable);
    }
}
