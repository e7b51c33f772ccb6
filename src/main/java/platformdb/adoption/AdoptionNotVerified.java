package platformdb.adoption;

/** The adoption ran but its result is not the changelog's catalog (exit 1): the message names the way back. */
final class AdoptionNotVerified extends Exception {

    AdoptionNotVerified(String message) {
        super(message);
    }
}
