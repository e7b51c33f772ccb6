package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.DeployedSchema;
import platformdb.postgres.FreshDatabase;

/**
 * Seed 002's handle_new_user, which the seed 003 release replaced on the trigger, still does its job when the
 * trigger points at it (as after `rollback projects-init-schema`).
 */
class HandleNewUserTest {

    @Test
    void pointedAtHandleNewUserTheTriggerCreatesOneProfileWithoutReferralCode() throws SQLException {
        try (FreshDatabase database = DeployedSchema.freshDatabase()) {
            database.execute("create or replace trigger on_auth_user_created after insert on auth.users"
                    + " for each row execute function public.handle_new_user()");
            UUID ivan = Accounts.signUp(database, "ivan@example.com", "{\"full_name\": \"Ivan\"}");
            try (Connection server = database.connect()) {
                assertEquals("1|ivan@example.com|Ivan|null", Sql.one(server,
                        "select count(*) over () || '|' || email || '|' || full_name || '|' || coalesce(ref_code, 'null')"
                                + " from public.user_profiles where id = ?", ivan));
            }
        }
    }
}
