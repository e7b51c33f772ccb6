package platformdb.behaviour.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** Seed 004's versioned widgets: bump_widget_version and record_widget_version keep one snapshot per version. */
class WidgetVersioningTest {

    private static final String VERSIONS = "select version || ':' || name || ':' || config::text || ':' || (created_by = ?)"
            + " from public.widget_versions where widget_id = ?::uuid order by version";

    @Deployed
    private static FreshDatabase database;
    private static UUID alice;
    private static UUID bob;

    @BeforeAll
    static void deploy() {
        alice = Accounts.signUp(database, "alice@example.com");
        bob = Accounts.signUp(database, "bob@example.com");
    }

    @Test
    void aNewWidgetIsVersionOneWithItsSnapshot() throws SQLException {
        try (Connection asAlice = database.connectAs("authenticated", alice)) {
            String widget = newWidget(asAlice, "Spending");
            assertEquals("1", Sql.one(asAlice, "select version from public.widgets where id = ?::uuid", widget));
            assertEquals(List.of("1:Spending:{\"color\": \"red\"}:true"), Sql.column(asAlice, VERSIONS, alice, widget));
        }
    }

    @Test
    void changingTheConfigOrTheNameMakesANewVersion() throws SQLException {
        try (Connection asAlice = database.connectAs("authenticated", alice)) {
            String widget = newWidget(asAlice, "Budget");
            Sql.update(asAlice, "update public.widgets set config = '{\"color\": \"blue\"}' where id = ?::uuid", widget);
            Sql.update(asAlice, "update public.widgets set name = 'Budget 2025' where id = ?::uuid", widget);
            assertEquals("3", Sql.one(asAlice, "select version from public.widgets where id = ?::uuid", widget));
            assertEquals(List.of("1:Budget:{\"color\": \"red\"}:true", "2:Budget:{\"color\": \"blue\"}:true", "3:Budget 2025:{\"color\": \"blue\"}:true"),
                    Sql.column(asAlice, VERSIONS, alice, widget));
        }
    }

    @Test
    void otherChangesKeepTheVersion() throws SQLException {
        try (Connection asAlice = database.connectAs("authenticated", alice)) {
            String widget = newWidget(asAlice, "Notes");
            Sql.update(asAlice, "update public.widgets set is_published = true where id = ?::uuid", widget);
            Sql.update(asAlice, "update public.widgets set config = config where id = ?::uuid", widget);
            assertEquals("1", Sql.one(asAlice, "select version from public.widgets where id = ?::uuid", widget));
            assertEquals(1, Sql.column(asAlice, VERSIONS, alice, widget).size());
        }
    }

    @Test
    void aUserSeesNeitherTheWidgetsNorTheVersionsOfAnother() throws SQLException {
        String widget;
        try (Connection asAlice = database.connectAs("authenticated", alice)) {
            widget = newWidget(asAlice, "Private");
        }
        try (Connection asBob = database.connectAs("authenticated", bob)) {
            assertEquals("0", Sql.one(asBob, "select count(*) from public.widgets where id = ?::uuid", widget));
            assertEquals("0", Sql.one(asBob, "select count(*) from public.widget_versions where widget_id = ?::uuid", widget));
        }
    }

    private static String newWidget(Connection connection, String name) {
        return Sql.one(connection, "insert into public.widgets (user_id, name, widget_type, config) values (?, ?, 'chart', '{\"color\": \"red\"}') returning id",
                alice, name);
    }
}
