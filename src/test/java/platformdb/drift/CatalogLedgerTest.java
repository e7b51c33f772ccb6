package platformdb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The ledger's fold, its file format and its staleness comparison, without a database. */
class CatalogLedgerTest {

    private static final LedgerStep CREATE = step("a.yaml::create-t::p", "9:aa", Map.of("relation public.t", "kind=r", "column public.t.x", "type=int"));
    private static final LedgerStep ALTER = new LedgerStep("a.yaml::alter-t::p", "9:bb", "",
            new TreeMap<>(Map.of("column public.t.x", "type=bigint")), new TreeSet<>());
    private static final LedgerStep DROP_COLUMN = new LedgerStep("a.yaml::drop-x::p", "9:cc", "!supabase",
            new TreeMap<>(), new TreeSet<>(List.of("column public.t.x")));
    private static final CatalogLedger LEDGER = new CatalogLedger(15, new TreeMap<>(Map.of("schema public", "exists")), List.of(CREATE, ALTER, DROP_COLUMN));

    @Test
    void foldingTheRecordedChangesetsGivesTheirCatalogAndWhoDefinedEachEntry() {
        CatalogLedger.ExpectedCatalog afterAlter = LEDGER.expectedAfter(List.of("a.yaml::create-t::p", "a.yaml::alter-t::p"));
        assertEquals(Map.of("schema public", "exists", "relation public.t", "kind=r", "column public.t.x", "type=bigint"), afterAlter.objects());
        assertEquals("a.yaml::alter-t::p", afterAlter.definedBy().get("column public.t.x"), "the last changeset that defined it");
        assertEquals("a.yaml::create-t::p", afterAlter.createdBy().get("column public.t.x"), "the changeset that created it");
        assertEquals(CatalogLedger.BASELINE, afterAlter.definedBy().get("schema public"));

        CatalogLedger.ExpectedCatalog atTheEnd = LEDGER.expectedAfter(List.of("a.yaml::create-t::p", "a.yaml::alter-t::p", "a.yaml::drop-x::p"));
        assertEquals(Map.of("schema public", "exists", "relation public.t", "kind=r"), atTheEnd.objects());
        assertEquals(Map.of("schema public", "exists"), LEDGER.expectedAfter(List.of()).objects(), "nothing recorded: the empty database");
    }

    @Test
    void aChangesetTheLedgerLacksIsRefusedNotSkipped() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LEDGER.expectedAfter(List.of("b.yaml::other::p")));
        assertTrue(refused.getMessage().contains("b.yaml::other::p"), refused.getMessage());
    }

    @Test
    void theFileFormatKeepsEveryCharacterOfMultiLineDescriptions() throws IOException {
        String body = "CREATE FUNCTION f()\n\tRETURNS text AS $$ select 'a\\b' || E'\\t' $$\r\n";
        CatalogLedger ledger = new CatalogLedger(17, new TreeMap<>(), List.of(step("f.yaml::f::p", "9:dd", Map.of("function public.f()", body))));
        StringWriter text = new StringWriter();
        ledger.write(text);
        assertEquals(5, text.toString().lines().count(), "a heading, then one line per record:\n" + text);
        CatalogLedger read = CatalogLedger.read(new BufferedReader(new StringReader(text.toString())));
        assertEquals(17, read.postgresMajor());
        assertEquals(body, read.step("f.yaml::f::p").orElseThrow().set().get("function public.f()"));
        assertEquals(Optional.empty(), ledger.firstDifferenceFrom(read));

        StringWriter whole = new StringWriter();
        LEDGER.write(whole);
        assertEquals(Optional.empty(), LEDGER.firstDifferenceFrom(CatalogLedger.read(new BufferedReader(new StringReader(whole.toString())))));
        assertEquals("!supabase", CatalogLedger.read(new BufferedReader(new StringReader(whole.toString()))).step("a.yaml::drop-x::p").orElseThrow().contexts());
    }

    @Test
    void aDamagedFileIsRefusedWithItsLineNumber() {
        IOException refused = assertThrows(IOException.class,
                () -> CatalogLedger.read(new BufferedReader(new StringReader("postgres 15\nbaseline\n+ key without a tab\n"))));
        assertTrue(refused.getMessage().contains("line 3"), refused.getMessage());
        assertThrows(IOException.class, () -> CatalogLedger.read(new BufferedReader(new StringReader("baseline\n"))), "no major");
    }

    @Test
    void theStalenessComparisonNamesTheFirstChangesetThatDiffers() {
        CatalogLedger changedEffect = new CatalogLedger(15, LEDGER.baseline(), List.of(CREATE,
                new LedgerStep(ALTER.changeSet(), ALTER.checkSum(), "", new TreeMap<>(Map.of("column public.t.x", "type=numeric")), new TreeSet<>()),
                DROP_COLUMN));
        assertEquals(Optional.of("changeset a.yaml::alter-t::p: what it does to the catalog differs"), LEDGER.firstDifferenceFrom(changedEffect));
        CatalogLedger changedCheckSum = new CatalogLedger(15, LEDGER.baseline(), List.of(CREATE,
                new LedgerStep(ALTER.changeSet(), "9:ee", "", ALTER.set(), ALTER.removed()), DROP_COLUMN));
        assertEquals(Optional.of("changeset a.yaml::alter-t::p: its checksum differs"), LEDGER.firstDifferenceFrom(changedCheckSum));
        assertEquals(Optional.of("2 changesets instead of 3"), LEDGER.firstDifferenceFrom(new CatalogLedger(15, LEDGER.baseline(), List.of(CREATE, ALTER))));
        assertEquals(Optional.of("PostgreSQL 17 instead of 15"), LEDGER.firstDifferenceFrom(new CatalogLedger(17, LEDGER.baseline(), LEDGER.steps())));
    }

    private static LedgerStep step(String name, String checkSum, Map<String, String> set) {
        SortedMap<String, String> sorted = new TreeMap<>(set);
        return new LedgerStep(name, checkSum, "", sorted, new TreeSet<>());
    }
}
