package platformdb.drift;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import platformdb.adoption.ReshapeLedger;
import platformdb.adoption.Reshaping;
import platformdb.liquibase.Changelog;

/**
 * {@code scripts/catalog-ledger}: walks the master changelog changeset by changeset on a scratch database of the
 * server the tests would use (TEST_DATABASE_URL, else a throwaway cluster of the local binaries) and writes the
 * ledger for that server's major version into src/main/resources/platformdb/drift/; then, for each proven reshaping of
 * a seed's database, walks it on that seed's database built by the seed's own SQL and writes its reshape ledger into
 * src/main/resources/platformdb/adoption/.
 */
public final class CatalogLedgerCommand {

    private CatalogLedgerCommand() {
    }

    public static void main(String[] args) throws IOException {
        CatalogLedger ledger = LedgerWalk.of(Changelog.master());
        write(ledger, Changelog.PROJECT_ROOT.resolve(LedgerSource.SOURCE_FOLDER).resolve(LedgerSource.fileName(ledger.postgresMajor())));
        for (Reshaping reshaping : Reshaping.KNOWN) {
            ReshapeLedger reshape = ReshapeLedger.walk(reshaping);
            write(reshape.ledger(), reshape.sourceFile());
        }
        System.exit(0);  // the throwaway cluster's shutdown hook stops it
    }

    private static void write(CatalogLedger ledger, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            ledger.write(out);
        }
        System.out.println("catalog-ledger: wrote " + Changelog.PROJECT_ROOT.relativize(file) + " (" + ledger.steps().size()
                + " changesets, PostgreSQL " + ledger.postgresMajor() + ")");
    }
}
