package platformdb.adoption;

/** The plan cannot be applied as it stands (exit 1): the message says why; nothing was changed. */
final class AdoptionRefused extends Exception {

    AdoptionRefused(String message) {
        super(message);
    }
}
