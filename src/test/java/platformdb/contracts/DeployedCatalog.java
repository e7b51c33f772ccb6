package platformdb.contracts;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import platformdb.fixtures.Sql;

/**
 * The deployed catalog as a client contract names it. Types and signatures are printed with an empty
 * search_path, so every name outside pg_catalog is schema-qualified (extensions.vector(1536), public.msg_type).
 */
public final class DeployedCatalog {

    private final Connection connection;

    public DeployedCatalog(Connection connection) {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.execute("set search_path = ''");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table or view, "schema.name". */
    public boolean relationExists(String qualifiedName) {
        return !Sql.column(connection, "select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname || '.' || c.relname = ? and c.relkind in ('r', 'v', 'p', 'm')", qualifiedName).isEmpty();
    }

    /** The type of "schema.table.column" as format_type prints it; null when there is no such column. */
    public String columnType(String qualifiedColumn) {
        List<String> types = Sql.column(connection, "select format_type(a.atttypid, a.atttypmod) from pg_attribute a"
                + " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname || '.' || c.relname || '.' || a.attname = ? and a.attnum > 0 and not a.attisdropped", qualifiedColumn);
        return types.isEmpty() ? null : types.get(0);
    }

    /** "(identity arguments) -> result" of every function of that name ("schema.name"), one per overload. */
    public List<String> functionShapes(String qualifiedName) {
        return Sql.column(connection, "select '(' || pg_get_function_identity_arguments(p.oid) || ') -> ' || pg_get_function_result(p.oid)"
                + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname || '.' || p.proname = ?"
                + " order by 1", qualifiedName);
    }

    /** The labels of enum "schema.name" in order, comma-separated; null when there is no such enum. */
    public String enumLabels(String qualifiedName) {
        List<String> labels = Sql.column(connection, "select string_agg(e.enumlabel, ', ' order by e.enumsortorder) from pg_enum e"
                + " join pg_type t on t.oid = e.enumtypid join pg_namespace n on n.oid = t.typnamespace"
                + " where n.nspname || '.' || t.typname = ? having count(*) > 0", qualifiedName);
        return labels.isEmpty() ? null : labels.get(0);
    }
}
