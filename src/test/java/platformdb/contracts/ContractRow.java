package platformdb.contracts;

/**
 * One row of a client contract (docs/contracts/): an object a seed's client uses, and where it is now.
 * {@code now} is the deployed object (schema-qualified; {@code -} when dropped), {@code shape} its type,
 * signature or labels as the catalog prints them, {@code clientChange} what the client must do differently.
 */
public record ContractRow(String file, int line, String seedObject, String kind, String status, String now,
                          String shape, String clientChange) {

    public String where() {
        return file + ":" + line + " " + kind + " " + seedObject;
    }
}
