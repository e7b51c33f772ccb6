package platformdb.behaviour.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** Seed 004's versioned widgets: bump_widget_version and record_widget_version keep one snapshot per version. */
class WidgetVersioningTest {

    private static final String VERSIONS = "select version || ':' || name || ':' || config::text || ':' || (created_by = ?)"
            + " from public.widget_versions where widget_id = ?::uuid order by version";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID alice;
    private static UUID bob;

    @BeforeAll
    static void deploy() {
        alice = personas.create("alice").id();
        bob = personas.create("bob").id();
    }

    @Test
    void aNewWidgetIsVersionOneWithItsSnapshot() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String widget = newWidget(asAlice.sql(), "Spending");
            assertEquals("1", Sql.one(asAlice.sql(), "select version from public.widgets where id = ?::uuid", widget));
            assertEquals(List.of("1:Spending:{\"color\": \"red\"}:true"), Sql.column(asAlice.sql(), VERSIONS, alice, widget));
        }
    }

    @Test
    void changingTheConfigOrTheNameMakesANewVersion() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String widget = newWidget(asAlice.sql(), "Budget");
            Sql.update(asAlice.sql(), "update public.widgets set config = '{\"color\": \"blue\"}' where id = ?::uuid", widget);
            Sql.update(asAlice.sql(), "update public.widgets set name = 'Budget 2025' where id = ?::uuid", widget);
            assertEquals("3", Sql.one(asAlice.sql(), "select version from public.widgets where id = ?::uuid", widget));
            assertEquals(List.of("1:Budget:{\"color\": \"red\"}:true", "2:Budget:{\"color\": \"blue\"}:true", "3:Budget 2025:{\"color\": \"blue\"}:true"),
                    Sql.column(asAlice.sql(), VERSIONS, alice, widget));
        }
    }

    @Test
    void otherChangesKeepTheVersion() throws SQLException {
        try (ApiRequest asAlice = personas.actAs("alice")) {
            String widget = newWidget(asAlice.sql(), "Notes");
            Sql.update(asAlice.sql(), "update public.widgets set is_published = true where id = ?::uuid", widget);
            Sql.update(asAlice.sql(), "update public.widgets set config = config where id = ?::uuid", widget);
            assertEquals("1", Sql.one(asAlice.sql(), "select version from public.widgets where id = ?::uuid", widget));
            assertEquals(1, Sql.column(asAlice.sql(), VERSIONS, alice, widget).size());
        }
    }

    @Test
    void aUserSeesNeitherTheWidgetsNorTheVersionsOfAnother() throws SQLException {
        String widget;
        try (ApiRequest asAlice = personas.actAs("alice")) {
            widget = newWidget(asAlice.sql(), "Private");
            asAlice.commit();
        }
        try (ApiRequest asBob = personas.actAs("bob")) {
            assertEquals("0", Sql.one(asBob.sql(), "select count(*) from public.widgets where id = ?::uuid", widget));
            assertEquals("0", Sql.one(asBob.sql(), "select count(*) from public.widget_versions where widget_id = ?::uuid", widget));
        }
    }

    private static String newWidget(Connection connection, String name) {
        return Sql.one(connection, "insert into public.widgets (user_id, name, widget_type, config) values (?, ?, 'chart', '{\"color\": \"red\"}') returning id",
                alice, name);
    }
}
