package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployed;
import platformdb.liquibase.Deployment;
import platformdb.postgres.FreshDatabase;

/**
 * The compatibility layer gives the API roles Supabase's search_path ("$user", public, extensions) in this
 * database only, takes it back on rollback, and is never part of a Supabase-mode deployment.
 */
class SupabaseRoleSettingsTest {

    private static final String SETTINGS = "select r.rolname || ' ' || array_to_string(s.setconfig, ';') from pg_db_role_setting s"
            + " join pg_roles r on r.oid = s.setrole where r.rolname in ('anon', 'authenticated', 'service_role')"
            + " and s.setdatabase = (select oid from pg_database where datname = current_database()) order by 1";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @Test
    void theApiRolesHaveSupabasesSearchPathInThisDatabase() {
        assertEquals(List.of("anon search_path=\"$user\", public, extensions", "authenticated search_path=\"$user\", public, extensions",
                "service_role search_path=\"$user\", public, extensions"), settings());
        try (ApiRequest visitor = personas.asAnon()) {
            assertEquals("\"$user\", public, extensions", Sql.one(visitor.sql(), "show search_path"));
        }
    }

    @Test
    void noSettingIsMadeForTheWholeCluster() {
        try (var connection = database.connect()) {
            assertEquals(List.of(), Sql.column(connection, "select r.rolname from pg_db_role_setting s join pg_roles r on r.oid = s.setrole"
                    + " where s.setdatabase = 0 and r.rolname in ('anon', 'authenticated', 'service_role')"
                    + " and exists (select 1 from unnest(s.setconfig) c where c like 'search_path=%')"));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rollingBackTheReleaseResetsThemAndUpdatingRestoresThem() {
        try (Deployment deployment = Changelog.master().deployTo(database)) {
            deployment.rollbackToTag("rls-hot-reads");
            assertEquals(List.of(), settings());
            deployment.updateAll();
        }
        assertEquals(3, settings().size());
    }

    @Test
    void aSupabaseDeploymentNeverTouchesTheRoles() {
        List<String> supabase = Changelog.master("supabase").changeSets().stream().map(ChangeSet::getId).toList();
        List<String> plain = Changelog.master().changeSets().stream().map(ChangeSet::getId).toList();
        for (String role : List.of("anon", "authenticated", "service-role")) {
            String id = "compat-set-search-path-" + role;
            assertTrue(plain.contains(id), id + " is applied on plain PostgreSQL");
            assertTrue(!supabase.contains(id), id + " must not run with --contexts=supabase");
        }
    }

    private static List<String> settings() {
        try (var connection = database.connect()) {
            return Sql.column(connection, SETTINGS);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
