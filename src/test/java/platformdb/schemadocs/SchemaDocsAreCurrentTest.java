package platformdb.schemadocs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * docs/schema/ is what the changelog deploys today: a changeset merged without regenerating it fails here. Checked on
 * the major the folder is generated on ({@link SchemaDocs#POSTGRES_MAJOR}), skipped with the reason on another.
 */
class SchemaDocsAreCurrentTest {

    @Deployed
    static FreshDatabase deployed;

    @Test
    void committedSchemaDocsMatchTheDeployedChangelog() {
        int major = SchemaDocsCommand.serverMajor(DatabaseAddress.of(deployed));
        assumeTrue(major == SchemaDocs.POSTGRES_MAJOR, () -> SchemaDocs.FOLDER + "/ is generated on PostgreSQL "
                + SchemaDocs.POSTGRES_MAJOR + " (pg_dump " + major + " prints the same schema differently): checked on "
                + SchemaDocs.POSTGRES_MAJOR + " only, this server runs " + major);
        List<String> stale = StaleDocs.find(SchemaDocs.generate(DatabaseAddress.of(deployed), Changelog.master()),
                Changelog.PROJECT_ROOT.resolve(SchemaDocs.FOLDER));
        assertTrue(stale.isEmpty(), () -> StaleDocs.message(SchemaDocs.FOLDER, stale));
    }
}
