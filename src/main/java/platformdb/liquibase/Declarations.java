package platformdb.liquibase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the schema must be, declared beside the changelog in {@code changelog/declarations/}, one file per concern:
 * who may do what on every table and function (the access matrix), the catalog lint's rules, and the ledger of
 * landed changesets. None is a changelog; the changelog lint accepts this folder and no other non-included YAML.
 * Read as files relative to the project root, as the changelog is.
 */
public final class Declarations {

    /** The folder's name under the master changelog's folder. */
    public static final String FOLDER_NAME = "declarations";
    public static final String FOLDER = "changelog/" + FOLDER_NAME;
    public static final String ACCESS_MATRIX = FOLDER + "/access-matrix.yaml";
    public static final String CATALOG_LINT = FOLDER + "/catalog-lint.yaml";
    public static final String LANDED_CHANGESETS = FOLDER + "/landed-changesets.tsv";

    private Declarations() {
    }

    /** The project's declaration file {@code relativePath} (one of the constants), as text. */
    public static String read(String relativePath) {
        Path file = Changelog.PROJECT_ROOT.resolve(relativePath);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the declaration " + file, e);
        }
    }
}
