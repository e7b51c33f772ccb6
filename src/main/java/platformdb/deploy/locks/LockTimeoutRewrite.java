package platformdb.deploy.locks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.database.Database;
import liquibase.sql.visitor.AbstractSqlVisitor;

/**
 * The landed changesets each set {@code set local lock_timeout = '5s'}: a single attempt that queues every reader of
 * the table behind it for up to 5 s. At execution time (never in the changeset, so checksums do not change) the value
 * becomes the lock-retry attempt's timeout.
 */
public final class LockTimeoutRewrite extends AbstractSqlVisitor {

    private static final Pattern SET_LOCAL_LOCK_TIMEOUT =
            Pattern.compile("(?i)\\bset\\s+local\\s+lock_timeout\\s*(=|to)\\s*'[^']*'");

    private final String attemptTimeout;

    public LockTimeoutRewrite(String attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
        setApplyToRollback(true);
    }

    @Override
    public String modifySql(String sql, Database database) {
        return SET_LOCAL_LOCK_TIMEOUT.matcher(sql)
                .replaceAll(Matcher.quoteReplacement("set local lock_timeout = '" + attemptTimeout + "'"));
    }

    @Override
    public String getName() {
        return "platformdbLockTimeoutRewrite";
    }
}
