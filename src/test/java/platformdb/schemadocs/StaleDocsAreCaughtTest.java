package platformdb.schemadocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** The staleness check of SchemaDocsAreCurrentTest is not blind: known-bad states of docs/schema/ are reported. */
class StaleDocsAreCaughtTest {

    private static final Path COMMITTED = Changelog.PROJECT_ROOT.resolve(SchemaDocs.FOLDER);

    @Deployed
    static FreshDatabase changedAfterTheDocs;

    /**
     * The docs are first generated from the deployment itself, not taken from the committed folder: that one is
     * generated on one major only (SchemaDocs.POSTGRES_MAJOR), and this check must hold on every major.
     */
    @Test
    void aSchemaChangeWithoutRegeneratedDocsNamesEveryStaleFileAndTheCommand(@TempDir Path docsBeforeTheChange) throws IOException {
        for (Map.Entry<String, String> file : SchemaDocs.generate(DatabaseAddress.of(changedAfterTheDocs), Changelog.master()).entrySet()) {
            Files.writeString(docsBeforeTheChange.resolve(file.getKey()), file.getValue());
        }
        changedAfterTheDocs.execute("""
                alter table public.customers add column nickname text;
                create table public.stale_probe (id uuid primary key, customer_id uuid not null references public.customers (id));
                """);

        List<String> stale = StaleDocs.find(SchemaDocs.generate(DatabaseAddress.of(changedAfterTheDocs), Changelog.master()), docsBeforeTheChange);

        assertEquals(List.of("README.md", "structure.sql", "tenants.md", "unassigned.md"),
                stale.stream().map(problem -> problem.substring(0, problem.indexOf(':'))).sorted().toList(), String.join("\n", stale));
        assertTrue(stale.contains("unassigned.md: missing"), "a table no changeset creates lands in unassigned.md: " + stale);
        String message = StaleDocs.message(SchemaDocs.FOLDER, stale);
        assertTrue(message.startsWith("docs/schema/ does not match the deployed changelog: run scripts/schema-docs and commit docs/schema/"),
                "the failure says what to run: " + message);
        assertTrue(stale.stream().anyMatch(problem -> problem.startsWith("structure.sql: differs from line")
                && problem.contains("committed `    auth_user_id uuid`, now `    auth_user_id uuid,`")),
                "structure.sql names its first differing line, where the new column follows the last one: " + stale);
    }

    @Test
    void anEditedMissingOrLeftoverFileIsReported(@TempDir Path copy) throws IOException {
        Map<String, String> current = new TreeMap<>();
        for (String name : StaleDocs.filesIn(COMMITTED)) {
            current.put(name, Files.readString(COMMITTED.resolve(name)));
            Files.writeString(copy.resolve(name), current.get(name));
        }
        assertEquals(List.of(), StaleDocs.find(current, copy), "an exact copy is current");

        Files.writeString(copy.resolve("tenants.md"), current.get("tenants.md").replace("customers ||--o{ customer_configs", "customers ||--o| customer_configs"));
        Files.delete(copy.resolve("chat.md"));
        Files.writeString(copy.resolve("retired.md"), "# Domain `retired`\n");
        Files.writeString(copy.resolve("structure.sql"), current.get("structure.sql") + "\n");

        List<String> stale = StaleDocs.find(current, copy);
        assertEquals(4, stale.size(), String.join("\n", stale));
        assertTrue(stale.contains("chat.md: missing"), stale::toString);
        assertTrue(stale.contains("retired.md: generated no more (no such domain now), delete it"), stale::toString);
        assertTrue(stale.stream().anyMatch(problem -> problem.startsWith("tenants.md: differs from line")
                && problem.contains("committed `    customers ||--o| customer_configs")), stale::toString);
        assertTrue(stale.stream().anyMatch(problem -> problem.startsWith("structure.sql: differs")), stale::toString);
    }
}
