package platformdb.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

class SetUpdatedAtTest {

    @Test
    void anUpdateBumpsUpdatedAtAndAnInsertKeepsItsOwnValue() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            database.execute("create table public.probe (id int primary key, note text, updated_at timestamptz not null);"
                    + " create trigger probe_set_updated_at before update on public.probe"
                    + " for each row execute function public.set_updated_at();"
                    + " insert into public.probe values (1, 'first', '2020-01-01T00:00:00Z')");
            try (Connection connection = database.connect()) {
                assertEquals("true", SupabaseCompatibilityTest.single(connection,
                        "select (updated_at = '2020-01-01T00:00:00Z')::text from public.probe"));
                connection.createStatement().execute("update public.probe set note = 'second'");
                assertEquals("true", SupabaseCompatibilityTest.single(connection,
                        "select (updated_at > now() - interval '1 minute')::text from public.probe"));
            }
        }
    }
}
