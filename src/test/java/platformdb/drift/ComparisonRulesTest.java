package platformdb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The written comparison rules, one by one. */
class ComparisonRulesTest {

    @Test
    void columnsAreComparedByNameNotPosition() {
        assertTrue(ComparisonRules.same("column public.t.x", "position=2 type=text not_null=true", "position=5 type=text not_null=true"));
        assertFalse(ComparisonRules.same("column public.t.x", "position=2 type=text not_null=true", "position=2 type=text not_null=false"));
    }

    @Test
    void extensionsAreComparedBySchemaNotVersion() {
        assertTrue(ComparisonRules.same("extension vector", "version=0.8.0 schema=extensions", "version=0.7.4 schema=extensions"));
        assertFalse(ComparisonRules.same("extension vector", "version=0.8.0 schema=extensions", "version=0.8.0 schema=public"));
    }

    @Test
    void privilegesAreComparedWithoutPostgres17sMaintain() {
        assertTrue(ComparisonRules.same("grant on table public.t to anon", "DELETE,INSERT,MAINTAIN,SELECT", "DELETE,INSERT,SELECT"));
        assertTrue(ComparisonRules.same("default privileges of CURRENT_USER in schema public on tables to anon", "MAINTAIN*,SELECT*", "SELECT*"));
        assertFalse(ComparisonRules.same("grant on table public.t to anon", "DELETE,INSERT,MAINTAIN,SELECT", "DELETE,SELECT"));
    }

    @Test
    void everythingElseIsComparedAsTheSnapshotWritesIt() {
        assertFalse(ComparisonRules.same("index public.i", "position=1 x", "position=2 x"), "only columns drop their position");
        assertFalse(ComparisonRules.same("enum public.e", "labels='a','b'", "labels='b','a'"), "enum labels in their order");
    }

    @Test
    void theSchemaOfAnObjectIsReadFromItsQuotedName() {
        assertEquals("public", DriftCheck.schemaOf("relation public.t"));
        assertEquals("private", DriftCheck.schemaOf("function private.f(uuid, text)"));
        assertEquals("my.\"odd\" schema", DriftCheck.schemaOf("relation \"my.\"\"odd\"\" schema\".t"));
        assertEquals("auth", DriftCheck.schemaOf("schema auth"));
        assertNull(DriftCheck.schemaOf("extension vector"));
        assertNull(DriftCheck.schemaOf("default privileges of CURRENT_USER in all schemas on tables to anon"));
    }
}
