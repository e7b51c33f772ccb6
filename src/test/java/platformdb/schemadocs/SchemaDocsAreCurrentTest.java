package platformdb.schemadocs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** docs/schema/ is what the changelog deploys today: a changeset merged without regenerating it fails here. */
class SchemaDocsAreCurrentTest {

    @Deployed
    static FreshDatabase deployed;

    @Test
    void committedSchemaDocsMatchTheDeployedChangelog() {
        List<String> stale = StaleDocs.find(SchemaDocs.generate(DatabaseAddress.of(deployed), Changelog.master()),
                Changelog.PROJECT_ROOT.resolve(SchemaDocs.FOLDER));
        assertTrue(stale.isEmpty(), () -> StaleDocs.message(SchemaDocs.FOLDER, stale));
    }
}
