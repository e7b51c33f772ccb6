package platformdb.deploy;

import java.time.Duration;
import liquibase.GlobalConfiguration;
import liquibase.configuration.ConfiguredValue;

/**
 * How long a deploy waits for the deploy lock, how often it tries, and how often it says who holds it.
 *
 * <p>The wait: {@code platformdb.deployLock.waitSeconds} / {@code PLATFORMDB_DEPLOY_LOCK_WAIT_SECONDS} when set, else
 * Liquibase's own {@code changelog-lock-wait-time-in-minutes} (default 5 minutes). The pause between tries:
 * Liquibase's {@code changelog-lock-poll-rate} (seconds) when set, else one second: a try is one short statement
 * outside any transaction, so trying often costs nothing and the next deploy starts soon after the holder ends.
 */
record DeployLockWait(Duration limit, Duration pause, Duration reportEvery) {

    static final String WAIT_PROPERTY = "platformdb.deployLock.waitSeconds";
    static final String WAIT_VARIABLE = "PLATFORMDB_DEPLOY_LOCK_WAIT_SECONDS";

    static DeployLockWait fromSettings() {
        return new DeployLockWait(waitFromSettings(), pauseFromSettings(), Duration.ofSeconds(30));
    }

    private static Duration waitFromSettings() {
        String value = System.getProperty(WAIT_PROPERTY, System.getenv(WAIT_VARIABLE));
        if (value != null && !value.isBlank()) {
            try {
                long seconds = Long.parseLong(value.trim());
                if (seconds >= 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(WAIT_PROPERTY + " (" + WAIT_VARIABLE + ") must be a whole number of seconds, not '" + value + "'");
        }
        Long minutes = GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getCurrentValue();
        return Duration.ofMinutes(minutes == null ? 5 : minutes);
    }

    private static Duration pauseFromSettings() {
        ConfiguredValue<Long> pollRate = GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getCurrentConfiguredValue();
        if (pollRate.wasDefaultValueUsed() || pollRate.getValue() == null || pollRate.getValue() <= 0) {
            return Duration.ofSeconds(1);
        }
        return Duration.ofSeconds(pollRate.getValue());
    }
}
