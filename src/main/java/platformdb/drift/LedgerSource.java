package platformdb.drift;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the catalog ledgers live: one per supported PostgreSQL major, in the project's own code
 * ({@code src/main/resources/platformdb/drift/}), written by {@code scripts/catalog-ledger}.
 */
public final class LedgerSource {

    public static final Path SOURCE_FOLDER = Path.of("src/main/resources/platformdb/drift");

    private LedgerSource() {
    }

    public static String fileName(int postgresMajor) {
        return "catalog-ledger-postgres-" + postgresMajor + ".txt";
    }

    /** The shipped ledger for the major. */
    public static CatalogLedger shipped(int postgresMajor) throws CannotCheck {
        try (InputStream in = LedgerSource.class.getResourceAsStream(fileName(postgresMajor))) {
            if (in == null) {
                throw new CannotCheck("the project has no catalog ledger for PostgreSQL " + postgresMajor
                        + ": generate it on a PostgreSQL " + postgresMajor + " server with scripts/catalog-ledger and commit it");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), fileName(postgresMajor));
        } catch (IOException e) {
            throw new CannotCheck("could not read the catalog ledger " + fileName(postgresMajor) + ": " + e.getMessage(), e);
        }
    }

    public static CatalogLedger file(Path path) throws CannotCheck {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(in, path.toString());
        } catch (IOException e) {
            throw new CannotCheck("could not read the catalog ledger " + path + ": " + e.getMessage(), e);
        }
    }

    private static CatalogLedger read(BufferedReader in, String name) throws IOException, CannotCheck {
        try {
            return CatalogLedger.read(in);
        } catch (IOException | RuntimeException e) {
            throw new CannotCheck("the catalog ledger " + name + " is damaged: " + e.getMessage() + "; regenerate it with scripts/catalog-ledger", e);
        }
    }
}
