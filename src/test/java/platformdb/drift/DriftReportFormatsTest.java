package platformdb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.drift.Difference.Kind;

/** The report's three forms and the file of accepted differences, without a database. */
class DriftReportFormatsTest {

    private static final Difference CHANGED = new Difference(Kind.CHANGED, "policy public.t.p", "using=(a = b)", "using=true",
            "changelog/t.yaml::create-policy-t-p::platform", null);
    private static final Difference UNKNOWN = new Difference(Kind.UNKNOWN, "relation public.notes", null, "kind=r", null, null);

    @TempDir
    Path folder;

    @Test
    void markdownHasATableAndTheDefinitionsForACiJobSummary() {
        String markdown = report(List.of(CHANGED, UNKNOWN), false).render(DriftReport.Format.MARKDOWN);
        assertTrue(markdown.contains("**Drift: 1 difference from the changelog. 1 object unknown to the changelog"), markdown);
        assertTrue(markdown.contains("| changed | `policy public.t.p` | `changelog/t.yaml::create-policy-t-p::platform` |"), markdown);
        assertTrue(markdown.contains("```sql\nusing=(a = b)\n```") && markdown.contains("```sql\nusing=true\n```"), markdown);
    }

    @Test
    void jsonEscapesWhatItQuotes() {
        Difference quoted = new Difference(Kind.CHANGED, "function public.f()", "select \"a\"\n\tfrom b\\c", "x", "c::i::a", null);
        String json = report(List.of(quoted), false).render(DriftReport.Format.JSON);
        assertTrue(json.contains("\"changelog\":\"select \\\"a\\\"\\n\\tfrom b\\\\c\""), json);
        assertTrue(json.contains("\"drift\":true") && json.contains("\"exitCode\":1"), json);
    }

    @Test
    void unknownObjectsFailOnlyWhenAsked() {
        assertEquals(DriftReport.NO_DRIFT, report(List.of(UNKNOWN), false).exitCode());
        assertEquals(DriftReport.DRIFT, report(List.of(UNKNOWN), true).exitCode());
    }

    @Test
    void anAcceptedDifferenceIsListedWithItsReasonAndDoesNotFail() throws Exception {
        Path file = folder.resolve("accepted.yaml");
        Files.writeString(file, "- object: policy public.t.p\n  reason: opened for the data migration (ticket 9)\n- object: index public.gone\n  reason: old\n");
        AcceptedDifferences accepted = AcceptedDifferences.read(file);
        List<Difference> marked = accepted.applyTo(List.of(CHANGED));
        assertEquals("opened for the data migration (ticket 9)", marked.get(0).accepted());
        DriftReport report = new DriftReport("db", 15, DriftCheck.Mode.PLAIN_POSTGRES, 1, null, marked, accepted.unused(marked), false);
        assertEquals(DriftReport.NO_DRIFT, report.exitCode());
        String text = report.render(DriftReport.Format.TEXT);
        assertTrue(text.contains("accepted:  opened for the data migration (ticket 9)"), text);
        assertTrue(text.contains("no longer differs (remove it from the accepted differences): index public.gone"), text);
    }

    @Test
    void anAcceptanceWithoutAReasonIsRefused() throws IOException {
        Path file = folder.resolve("accepted.yaml");
        Files.writeString(file, "- object: policy public.t.p\n");
        CannotCheck refused = assertThrows(CannotCheck.class, () -> AcceptedDifferences.read(file));
        assertTrue(refused.getMessage().contains("needs a 'reason'"), refused.getMessage());
    }

    private static DriftReport report(List<Difference> differences, boolean failOnUnknown) {
        return new DriftReport("db", 15, DriftCheck.Mode.PLAIN_POSTGRES, 3, "base", differences, List.of(), failOnUnknown);
    }
}
