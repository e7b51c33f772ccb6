package platformdb.schemadocs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.schemadocs.ErCatalog.Column;
import platformdb.schemadocs.ErCatalog.ForeignKey;
import platformdb.schemadocs.ErCatalog.Table;
import platformdb.schemadocs.ErCatalog.TableName;

/** What the diagrams say about keys and cardinality, on hand-made tables (the real ones are in docs/schema/). */
class MermaidErDiagramTest {

    private static final TableName USERS = new TableName("auth", "users");
    private static final TableName NOTEBOOKS = new TableName("public", "notebooks");
    private static final TableName PAGES = new TableName("public", "pages");

    @Test
    void keyColumnsAndCrowsFeetFollowNullabilityAndUniqueness() {
        Table notebooks = new Table(NOTEBOOKS, "Notebooks.", List.of(
                new Column("id", "uuid", true), new Column("owner_id", "uuid", true), new Column("title", "text", true)),
                List.of("id"), List.of(), List.of(new ForeignKey("notebooks_owner_id_fkey", NOTEBOOKS, List.of("owner_id"), USERS, List.of("id"))));
        Table pages = new Table(PAGES, null, List.of(
                new Column("id", "uuid", true), new Column("notebook_id", "uuid", false),
                new Column("cover_of", "uuid", false), new Column("written_at", "timestamp with time zone", true)),
                List.of("id"), List.of(List.of("cover_of")), List.of(
                new ForeignKey("pages_cover_of_fkey", PAGES, List.of("cover_of"), NOTEBOOKS, List.of("id")),
                new ForeignKey("pages_notebook_id_fkey", PAGES, List.of("notebook_id"), NOTEBOOKS, List.of("id"))));

        assertEquals("""
                ```mermaid
                erDiagram
                    notebooks {
                        uuid id PK
                        uuid owner_id FK
                    }
                    pages {
                        uuid id PK
                        uuid notebook_id FK
                        uuid cover_of FK, UK
                    }
                    "auth.users" ||--o{ notebooks : "owner_id"
                    notebooks |o--o| pages : "cover_of"
                    notebooks |o--o{ pages : "notebook_id"
                ```
                """, MermaidErDiagram.of(List.of(notebooks, pages)));
    }

    @Test
    void typesAreOneWordAsMermaidWantsThem() {
        assertEquals("timestamptz", MermaidErDiagram.type("timestamp with time zone"));
        assertEquals("numeric", MermaidErDiagram.type("numeric(10,2)"));
        assertEquals("vector", MermaidErDiagram.type("extensions.vector(1536)"));
        assertEquals("varchar[]", MermaidErDiagram.type("character varying(255)[]"));
        assertEquals("msg_type", MermaidErDiagram.type("public.msg_type"));
    }
}
