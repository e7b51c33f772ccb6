package platformdb.liquibase;

/** A Liquibase operation that failed; the message is the root cause's, which is what a reader needs. */
public final class LiquibaseFailure extends RuntimeException {

    public LiquibaseFailure(Throwable cause) {
        super(rootMessage(cause), cause);
    }

    public LiquibaseFailure(String context, Throwable cause) {
        super(context + ": " + rootMessage(cause), cause);
    }

    private static String rootMessage(Throwable error) {
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(" <- ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
