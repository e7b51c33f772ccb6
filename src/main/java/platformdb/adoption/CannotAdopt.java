package platformdb.adoption;

/** Adoption could not be planned or applied, for a reason that is not the database's shape (exit 2). */
public class CannotAdopt extends Exception {

    public CannotAdopt(String message) {
        super(message);
    }

    public CannotAdopt(String message, Throwable cause) {
        super(message, cause);
    }
}
