package platformdb.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import platformdb.postgres.FreshDatabase;

/**
 * Fresh databases with the whole master changelog applied, for behaviour tests. The changelog is deployed
 * once per test run into a template database; each test then gets its own copy in a fraction of a second.
 */
public final class DeployedSchema {

    /**
     * The template's per-database role settings, as statements that give them to another database. List settings
     * are stored as the SQL list they were set with ("$user", public); any other value is quoted as one literal.
     */
    private static final String ROLE_SETTINGS = """
            select format('alter role %I in database %I set %s = %s', r.rolname, ?, name,
                          case when name in ('search_path', 'temp_tablespaces') then value else quote_literal(value) end)
            from pg_db_role_setting s join pg_roles r on r.oid = s.setrole, unnest(s.setconfig) setting,
                 lateral (select split_part(setting, '=', 1) as name, substr(setting, strpos(setting, '=') + 1) as value) parts
            where s.setdatabase = (select oid from pg_database where datname = current_database())""";

    private static FreshDatabase template;

    private DeployedSchema() {
    }

    /** A database of its own with the whole changelog applied (plain PostgreSQL mode). Close it to drop it. */
    public static synchronized FreshDatabase freshDatabase() {
        FreshDatabase copy = FreshDatabase.copyOf(deployedTemplate());
        copyRoleSettings(copy);
        return copy;
    }

    /** The database the changelog was deployed into, once per test JVM; copies are made from it. */
    static synchronized FreshDatabase deployedTemplate() {
        if (template == null) {
            FreshDatabase deployed = FreshDatabase.create();
            try (Deployment deployment = Changelog.master().deployTo(deployed)) {
                deployment.updateAll();
            }
            template = deployed;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deployed.close();
                } catch (RuntimeException ignored) {
                    // the server may already be stopping with the JVM
                }
            }));
        }
        return template;
    }

    /**
     * PostgreSQL keeps `alter role ... in database` settings (release seed-clients' search_path) in the cluster's
     * catalog, keyed by database: a file copy of the template lacks them, so they are given to the copy as a deploy would.
     */
    private static void copyRoleSettings(FreshDatabase copy) {
        List<String> statements = new ArrayList<>();
        try (Connection connection = template.connect(); PreparedStatement query = connection.prepareStatement(ROLE_SETTINGS)) {
            query.setString(1, copy.name());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the template's role settings: " + e.getMessage(), e);
        }
        if (statements.isEmpty()) {
            return;
        }
        try (Connection connection = copy.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not copy the role settings to " + copy.name() + ": " + e.getMessage(), e);
        }
    }
}
