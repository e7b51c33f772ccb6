package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Seed 002's handle_new_user, which the seed 003 release replaced on the trigger, still does its job when the
 * trigger points at it (as after `rollback projects-init-schema`).
 */
class HandleNewUserTest {

    /** A database of its own: the test repoints the trigger. */
    @Deployed
    private FreshDatabase database;
    @Deployed
    private Personas personas;

    @Test
    void pointedAtHandleNewUserTheTriggerCreatesOneProfileWithoutReferralCode() {
        database.execute("create or replace trigger on_auth_user_created after insert on auth.users"
                + " for each row execute function public.handle_new_user()");
        UUID ivan = personas.create("ivan", "ivan@example.com", "{\"full_name\": \"Ivan\"}").id();
        assertEquals("1|ivan@example.com|Ivan|null", Sql.one(personas.server(),
                "select count(*) over () || '|' || email || '|' || full_name || '|' || coalesce(ref_code, 'null')"
                        + " from public.user_profiles where id = ?", ivan));
    }
}
