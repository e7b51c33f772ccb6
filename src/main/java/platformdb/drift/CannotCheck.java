package platformdb.drift;

/** The drift check could not be made (exit code 2): the message says why and what to do. */
public final class CannotCheck extends Exception {

    public CannotCheck(String message) {
        super(message);
    }

    public CannotCheck(String message, Throwable cause) {
        super(message, cause);
    }
}
