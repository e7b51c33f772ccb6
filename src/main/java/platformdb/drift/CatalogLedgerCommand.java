package platformdb.drift;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import platformdb.liquibase.Changelog;

/**
 * {@code scripts/catalog-ledger}: walks the master changelog changeset by changeset on a scratch database of the
 * server the tests would use (TEST_DATABASE_URL, else a throwaway cluster of the local binaries) and writes the
 * ledger for that server's major version into src/main/resources/platformdb/drift/.
 */
public final class CatalogLedgerCommand {

    private CatalogLedgerCommand() {
    }

    public static void main(String[] args) throws IOException {
        CatalogLedger ledger = LedgerWalk.of(Changelog.master());
        Path file = Changelog.PROJECT_ROOT.resolve(LedgerSource.SOURCE_FOLDER).resolve(LedgerSource.fileName(ledger.postgresMajor()));
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            ledger.write(out);
        }
        System.out.println("catalog-ledger: wrote " + Changelog.PROJECT_ROOT.relativize(file) + " (" + ledger.steps().size()
                + " changesets, PostgreSQL " + ledger.postgresMajor() + ")");
        System.exit(0);  // the throwaway cluster's shutdown hook stops it
    }
}
