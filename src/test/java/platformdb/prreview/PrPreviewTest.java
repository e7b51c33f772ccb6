package platformdb.prreview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import platformdb.liquibase.Changelog;
import platformdb.postgres.PostgresServer;
import platformdb.postgres.PostgresServers;

/**
 * scripts/pr-preview on a pull request of two changesets: a throwaway repository whose base commit holds a small
 * changelog and whose head commit adds two changesets. The preview must hold exactly the new changesets' update and
 * rollback SQL, nothing of the base, and the structure.sql diff they make. The small changelog keeps it to seconds
 * of Liquibase start-ups instead of deploying the project's whole changelog twice.
 */
class PrPreviewTest {

    private static final Path FIXTURES = Changelog.PROJECT_ROOT.resolve("src/test/resources/fixtures/pr-preview");
    private static final String NEW_PAGES = "changelog/db.changelog-master.yaml::create-table-pr-pages::platform";
    private static final String NEW_INDEX = "changelog/db.changelog-master.yaml::create-index-pr-pages-notebook-id::platform";

    @Test
    void previewHoldsExactlyTheNewChangesetsTheirRollbackAndTheStructureDiff(@TempDir Path folder) throws IOException {
        String base = Files.readString(FIXTURES.resolve("base.yaml"));
        assertTrue(Files.readString(FIXTURES.resolve("head.yaml")).startsWith(base), "head.yaml is base.yaml plus the new changesets");

        ScratchRepository repository = ScratchRepository.in(folder);
        String baseCommit = repository.commitChangelog(FIXTURES.resolve("base.yaml"), "base: one table");
        repository.commitChangelog(FIXTURES.resolve("head.yaml"), "head: a table and an index");

        PostgresServer server = PostgresServers.shared();
        String scratch = "pr_preview_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            repository.run(environment(server, scratch), "scripts/pr-preview", baseCommit).assertSucceeded();
        } finally {
            drop(server, scratch);
        }

        Path out = repository.root().resolve("target/pr-preview");
        assertEquals(List.of(NEW_PAGES, NEW_INDEX), Files.readAllLines(out.resolve("new-changesets.txt")), "the new changesets, in update order");

        String update = Files.readString(out.resolve("update.sql"));
        assertEquals(List.of("-- Changeset " + NEW_PAGES, "-- Changeset " + NEW_INDEX),
                ScratchRepository.linesStartingWith(update, "-- Changeset "), "update.sql runs exactly the new changesets:\n" + update);
        assertTrue(update.contains("create table public.pr_pages (") && update.contains("create index pr_pages_notebook_id_idx"), update);
        assertFalse(update.contains("pr_notebooks (id uuid"), "nothing of the base in update.sql:\n" + update);

        String rollback = Files.readString(out.resolve("rollback.sql"));
        assertEquals(List.of("-- Rolling Back ChangeSet: " + NEW_INDEX, "-- Rolling Back ChangeSet: " + NEW_PAGES),
                ScratchRepository.linesStartingWith(rollback, "-- Rolling Back ChangeSet: "),
                "rollback.sql undoes exactly the new changesets, last first:\n" + rollback);
        assertTrue(rollback.contains("drop index public.pr_pages_notebook_id_idx") && rollback.contains("drop table public.pr_pages"), rollback);
        assertFalse(rollback.contains("drop table public.pr_notebooks"), "nothing of the base in rollback.sql:\n" + rollback);

        // The base's table is in both structures, so its absence from the diff means something.
        assertTrue(Files.readString(out.resolve("structure-base.sql")).contains("CREATE TABLE public.pr_notebooks ("), "base structure");
        assertTrue(Files.readString(out.resolve("structure-head.sql")).contains("CREATE TABLE public.pr_notebooks ("), "head structure");
        String diff = Files.readString(out.resolve("structure.diff"));
        List<String> changed = diff.lines().filter(line -> line.matches("^[+-](?![+-]{2} ).*")).toList();
        assertTrue(changed.stream().allMatch(line -> line.startsWith("+")), "the pull request only adds to the schema:\n" + diff);
        for (String added : List.of("+CREATE TABLE public.pr_pages (", "+    notebook_id uuid NOT NULL,",
                "+    ADD CONSTRAINT pr_pages_pkey PRIMARY KEY (id);",
                "+CREATE INDEX pr_pages_notebook_id_idx ON public.pr_pages USING btree (notebook_id);",
                "+    ADD CONSTRAINT pr_pages_notebook_id_fkey FOREIGN KEY (notebook_id) REFERENCES public.pr_notebooks(id);")) {
            assertTrue(changed.contains(added), "the diff adds `" + added + "`:\n" + diff);
        }
        assertFalse(changed.stream().anyMatch(line -> line.contains("CREATE TABLE public.pr_notebooks")), "nothing of the base in the diff:\n" + diff);

        String summary = Files.readString(out.resolve("summary.md"));
        for (String section : List.of("2 changeset(s) new relative to `" + baseCommit + "`", "### Update SQL", "### Rollback SQL",
                "### Structure diff", "```diff\n--- structure.sql (" + baseCommit + ")\n+++ structure.sql (this branch)\n")) {
            assertTrue(summary.contains(section), "summary.md has `" + section + "`:\n" + summary);
        }
    }

    private static Map<String, String> environment(PostgresServer server, String scratch) {
        URI uri = URI.create(server.jdbcUrl(server.maintenanceDatabase()).substring("jdbc:".length()));
        return Map.of("PGHOST", uri.getHost(), "LOCAL_PG_PORT", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "PGUSER", server.username(), "PGPASSWORD", server.password(), "PR_PREVIEW_DATABASE", scratch,
                "PLATFORMDB_CLASSPATH", testClasspath(), "LIQUIBASE_ANALYTICS_ENABLED", "false",
                // the project's class-data archive of this very classpath: the throwaway repository would make its own
                "PLATFORMDB_CLASS_ARCHIVES", Changelog.PROJECT_ROOT.resolve("target/liquibase-cli").toString());
    }

    /** The classpath of this test JVM (Surefire names it apart from its booter jar): the scripts need no Maven. */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static void drop(PostgresServer server, String database) {
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(server.maintenanceDatabase()), server.username(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the scratch database " + database + ": " + e.getMessage(), e);
        }
    }
}
