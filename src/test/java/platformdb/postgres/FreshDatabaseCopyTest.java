package platformdb.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Sql;

/** A copy of a database has its per-database role settings, which PostgreSQL's own copy leaves behind. */
class FreshDatabaseCopyTest {

    private static final List<String> SETTINGS = List.of("search_path=\"$user\", public, extensions", "work_mem=8MB");

    @Test
    void aCopyHasTheRoleSettingsOfTheOriginal() {
        try (FreshDatabase original = withSettings(); FreshDatabase copy = FreshDatabase.copyOf(original)) {
            assertEquals(SETTINGS, settings(original, original.name()));
            assertEquals(SETTINGS, settings(original, copy.name()));
        }
    }

    @Test
    void postgresqlsOwnCopyLacksThem() throws SQLException {
        // The known-bad: `create database ... template` alone, which is why copyOf gives them to the copy.
        try (FreshDatabase original = withSettings(); FreshDatabase elsewhere = FreshDatabase.create()) {
            String bare = original.name() + "_bare";
            try (Connection connection = elsewhere.connect(); Statement statement = connection.createStatement()) {
                statement.execute("create database " + bare + " template " + original.name());
                try {
                    assertEquals(List.of(), settings(elsewhere, bare));
                } finally {
                    statement.execute("drop database " + bare);
                }
            }
        }
    }

    private static FreshDatabase withSettings() {
        FreshDatabase database = FreshDatabase.create();
        database.execute("alter role current_user in database " + database.name() + " set search_path = \"$user\", public, extensions");
        database.execute("alter role current_user in database " + database.name() + " set work_mem = '8MB'");
        return database;
    }

    /** The settings of database {@code name}, read from the cluster's catalog through any database. */
    private static List<String> settings(FreshDatabase through, String name) {
        try (Connection connection = through.connect()) {
            return Sql.column(connection, "select unnest(setconfig) from pg_db_role_setting"
                    + " where setdatabase = (select oid from pg_database where datname = ?) order by 1", name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
