package platformdb.behaviour;

import java.sql.Connection;
import java.util.UUID;
import platformdb.postgres.FreshDatabase;

/** Creates accounts as Supabase Auth does: a row in auth.users, inserted by the server. */
public final class Accounts {

    private Accounts() {
    }

    public static UUID signUp(FreshDatabase database, String email) {
        return signUp(database, email, "{}");
    }

    /** A new auth user made an active admin (public.admin_users) with the given role, as the server would. */
    public static UUID signUpAdmin(FreshDatabase database, String email, String role) {
        UUID id = signUp(database, email);
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.admin_users (user_id, role) values (?, ?::public.admin_role)", id, role);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** A new auth user with the given sign-up metadata (raw_user_meta_data, JSON). */
    public static UUID signUp(FreshDatabase database, String email, String metadataJson) {
        UUID id = UUID.randomUUID();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into auth.users (id, email, raw_user_meta_data) values (?, ?, ?::jsonb)", id, email, metadataJson);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }
}
