package platformdb.history;

/** One ledger row: a landed changeset as DATABASECHANGELOG records it (identity and checksum). */
public record LandedChangeset(String filename, String id, String author, String md5sum) {

    /** The identity Liquibase matches a changeset by: file::id::author. */
    public String identity() {
        return identity(filename, id, author);
    }

    public static String identity(String filename, String id, String author) {
        return filename + "::" + id + "::" + author;
    }

    /** The row as it is written in the ledger file. */
    public String tsv() {
        return filename + "\t" + id + "\t" + author + "\t" + md5sum;
    }
}
