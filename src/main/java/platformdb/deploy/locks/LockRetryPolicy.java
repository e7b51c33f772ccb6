package platformdb.deploy.locks;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a changeset waits for its locks on a live database (GitLab's {@code with_lock_retries} is the model): each
 * attempt waits at most {@link #attemptTimeout} for a lock, so the readers and writers queued behind the deploy's
 * lock request wait no longer than that; a timed-out attempt is rolled back and tried again after a pause that
 * doubles from {@link #firstPause} up to {@link #maxPause}, until {@link #budget} has passed.
 *
 * <p>Settings (system property, else environment variable, else the default):
 * {@code platformdb.lockRetry.attemptTimeoutMs} / {@code PLATFORMDB_LOCK_RETRY_ATTEMPT_TIMEOUT_MS} (100),
 * {@code platformdb.lockRetry.budgetSeconds} / {@code PLATFORMDB_LOCK_RETRY_BUDGET_SECONDS} (180).
 */
public record LockRetryPolicy(Duration attemptTimeout, Duration firstPause, Duration maxPause, Duration budget) {

    public static LockRetryPolicy fromSettings() {
        return fromSettings(System::getProperty, System::getenv);
    }

    /** The policy from the given system properties and environment variables (a property set wins). */
    static LockRetryPolicy fromSettings(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        Duration attempt = Duration.ofMillis(setting(properties, environment,
                "platformdb.lockRetry.attemptTimeoutMs", "PLATFORMDB_LOCK_RETRY_ATTEMPT_TIMEOUT_MS", 100));
        Duration budget = Duration.ofSeconds(setting(properties, environment,
                "platformdb.lockRetry.budgetSeconds", "PLATFORMDB_LOCK_RETRY_BUDGET_SECONDS", 180));
        return new LockRetryPolicy(attempt, attempt, Duration.ofSeconds(5), budget);
    }

    /** The pause before attempt {@code n} (1 = the first retry). */
    public Duration pauseBefore(int n) {
        long millis = firstPause.toMillis() << Math.min(n - 1, 16);
        return Duration.ofMillis(Math.min(millis, maxPause.toMillis()));
    }

    /**
     * The pause before retrying after {@code attempts} attempts, {@code spent} after the first began; empty when
     * waiting it out would pass the budget: the changeset gives up.
     */
    public Optional<Duration> pauseAfter(int attempts, Duration spent) {
        Duration pause = pauseBefore(attempts);
        return spent.plus(pause).compareTo(budget) > 0 ? Optional.empty() : Optional.of(pause);
    }

    /** The value for {@code set local lock_timeout}. */
    public String lockTimeoutSetting() {
        return attemptTimeout.toMillis() + "ms";
    }

    private static long setting(UnaryOperator<String> properties, UnaryOperator<String> environment,
                                String property, String environmentVariable, long fallback) {
        String value = properties.apply(property);
        if (value == null) {
            value = environment.apply(environmentVariable);
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a whole number, not '" + value + "'");
        }
    }
}
