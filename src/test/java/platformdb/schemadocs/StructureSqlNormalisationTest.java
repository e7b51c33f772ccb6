package platformdb.schemadocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.Changelog;

/**
 * structure.sql changes exactly when the schema does: what differs between two dumps of the same schema (the
 * {@code \restrict} key, pg_dump's version lines, the deploying role) is taken out, and nothing else is.
 * The fixture is a real pg_dump 15.20 of a small schema.
 */
class StructureSqlNormalisationTest {

    private static final Path RAW = Changelog.PROJECT_ROOT.resolve("src/test/resources/fixtures/schema-docs/pg-dump-raw.sql");

    @Test
    void dumpNoiseIsRemovedAndTheSchemaIsKept() throws IOException {
        String structure = StructureSql.normalize(Files.readString(RAW));

        for (String noise : new String[] {"\\restrict", "\\unrestrict", "Dumped from", "Dumped by", "Owner:", "FOR ROLE", "\n\n\n"}) {
            assertFalse(structure.contains(noise), "no `" + noise + "` in:\n" + structure);
        }
        assertTrue(structure.startsWith(StructureSql.HEADER), "starts with the header that says how it is made");
        for (String kept : new String[] {"CREATE TABLE public.notes (", "ADD CONSTRAINT notes_pkey PRIMARY KEY (id);",
                "COMMENT ON TABLE public.notes IS 'A note.';", "GRANT SELECT ON TABLE public.notes TO PUBLIC;",
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES  TO PUBLIC;",
                "--\n-- a comment in a body is kept\n--\n"}) {
            assertTrue(structure.contains(kept), "keeps `" + kept + "` in:\n" + structure);
        }
    }

    @Test
    void twoDumpsOfTheSameSchemaAreEqualAndAChangedSchemaIsNot() throws IOException {
        String raw = Files.readString(RAW);
        String elsewhere = raw.replaceAll("(?m)^(\\\\(?:un)?restrict) \\S+", "$1 anotherRandomKey")
                .replace("version 15.20 (Debian 15.20-0+deb12u1)", "version 15.21")
                .replace("FOR ROLE postgres", "FOR ROLE deployer");
        assertNotEquals(raw, elsewhere);
        assertEquals(StructureSql.normalize(raw), StructureSql.normalize(elsewhere), "same schema, other server and role");

        String changed = raw.replace("    body text NOT NULL\n", "    body text\n");
        assertNotEquals(StructureSql.normalize(raw), StructureSql.normalize(changed), "a dropped NOT NULL must show");
    }
}
