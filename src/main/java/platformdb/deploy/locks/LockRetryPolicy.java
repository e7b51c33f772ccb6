package platformdb.deploy.locks;

import java.time.Duration;

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
        Duration attempt = Duration.ofMillis(
                setting("platformdb.lockRetry.attemptTimeoutMs", "PLATFORMDB_LOCK_RETRY_ATTEMPT_TIMEOUT_MS", 100));
        Duration budget = Duration.ofSeconds(
                setting("platformdb.lockRetry.budgetSeconds", "PLATFORMDB_LOCK_RETRY_BUDGET_SECONDS", 180));
        return new LockRetryPolicy(attempt, attempt, Duration.ofSeconds(5), budget);
    }

    /** The pause before attempt {@code n} (1 = the first retry). */
    public Duration pauseBefore(int n) {
        long millis = firstPause.toMillis() << Math.min(n - 1, 16);
        return Duration.ofMillis(Math.min(millis, maxPause.toMillis()));
    }

    /** The value for {@code set local lock_timeout}. */
    public String lockTimeoutSetting() {
        return attemptTimeout.toMillis() + "ms";
    }

    private static long setting(String property, String environmentVariable, long fallback) {
        String value = System.getProperty(property, System.getenv(environmentVariable));
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
