package platformdb.contracts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import platformdb.behaviour.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * One request of a Supabase client, made as PostgREST makes it: one transaction, the role's own settings
 * (pg_db_role_setting: the database's, over the cluster's) applied with set_config(..., true), then
 * {@code set local role} and {@code set local request.jwt.claims}. Closing without {@link #commit()} rolls
 * the request back, as a failed request is.
 */
public final class ApiRequest implements AutoCloseable {

    private final Connection connection;

    private ApiRequest(FreshDatabase database, String role, UUID user) {
        this.connection = database.connect();
        try {
            connection.setAutoCommit(false);
            List<String> settings = Sql.column(connection, "select unnest(s.setconfig) from pg_db_role_setting s"
                    + " where s.setrole = (select oid from pg_roles where rolname = ?)"
                    + " and s.setdatabase in (0, (select oid from pg_database where datname = current_database()))"
                    + " order by s.setdatabase", role);
            for (String setting : settings) {
                int equals = setting.indexOf('=');
                Sql.one(connection, "select set_config(?, ?, true)", setting.substring(0, equals), setting.substring(equals + 1));
            }
            String claims = user == null ? "{\"role\":\"" + role + "\"}" : "{\"role\":\"" + role + "\",\"sub\":\"" + user + "\"}";
            Sql.one(connection, "select set_config('request.jwt.claims', ?, true)", claims);
            Sql.update(connection, "set local role " + role);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A visitor with the project's anon key. */
    public static ApiRequest anon(FreshDatabase database) {
        return new ApiRequest(database, "anon", null);
    }

    /** A signed-in user with their JWT. */
    public static ApiRequest user(FreshDatabase database, UUID user) {
        return new ApiRequest(database, "authenticated", user);
    }

    /** The application's server with the service role key. */
    public static ApiRequest server(FreshDatabase database) {
        return new ApiRequest(database, "service_role", null);
    }

    public Connection sql() {
        return connection;
    }

    public void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
