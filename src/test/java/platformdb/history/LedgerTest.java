package platformdb.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the ledger file: rows in order, the exempt-rows header, and a malformed row named by line. */
class LedgerTest {

    @TempDir
    Path folder;

    @Test
    void theHeaderExemptsTheFirstRowsOnly() throws IOException {
        Ledger ledger = Ledger.read(write("""
                # history-rules-exempt-rows: 1
                # filename\tid\tauthor\tmd5sum
                changelog/a.yaml\tcreate-table-a\tplatform\t9:aa

                changelog/a.yaml\tcreate-table-b\tplatform\t9:bb
                """));
        assertEquals(2, ledger.rows().size());
        assertEquals(new LandedChangeset("changelog/a.yaml", "create-table-b", "platform", "9:bb"), ledger.rows().get(1));
        assertTrue(ledger.isExemptFromHistoryRules("changelog/a.yaml::create-table-a::platform"));
        assertFalse(ledger.isExemptFromHistoryRules("changelog/a.yaml::create-table-b::platform"));
        assertTrue(ledger.contains("changelog/a.yaml::create-table-b::platform"));
    }

    @Test
    void aRowWithoutFourFieldsIsRefusedWithItsLineNumber() throws IOException {
        Path file = write("# filename\tid\tauthor\tmd5sum\nchangelog/a.yaml\tcreate-table-a\tplatform\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Ledger.read(file));
        assertTrue(refused.getMessage().startsWith(file + ":2: a ledger row has 4 tab-separated fields"), refused.getMessage());
    }

    private Path write(String text) throws IOException {
        return Files.writeString(folder.resolve("landed-changesets.tsv"), text);
    }
}
