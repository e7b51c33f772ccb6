package platformdb.behaviour.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** is_admin_user() and is_superuser() (seed 003, security invoker) follow the caller's row in admin_users. */
class AdminRoleChecksTest {

    private static final String CHECKS = "select 'admin=' || public.is_admin_user() || ' superuser=' || public.is_superuser()";

    @Deployed
    private static FreshDatabase database;

    @Test
    void aUserWithoutAnAdminRowIsNeither() throws SQLException {
        assertEquals("admin=false superuser=false", checksFor(Accounts.signUp(database, "user@example.com")));
    }

    @Test
    void aModeratorAndAnAdminAreAdminsButNotSuperusers() throws SQLException {
        UUID moderator = admin("moderator@example.com", "moderator", true);
        UUID admin = admin("admin@example.com", "admin", true);
        assertEquals("admin=true superuser=false", checksFor(moderator));
        assertEquals("admin=true superuser=false", checksFor(admin));
    }

    @Test
    void aSuperAdminIsBoth() throws SQLException {
        assertEquals("admin=true superuser=true", checksFor(admin("root@example.com", "super_admin", true)));
    }

    @Test
    void anInactiveAdminRowGivesNothing() throws SQLException {
        assertEquals("admin=false superuser=false", checksFor(admin("former@example.com", "super_admin", false)));
    }

    @Test
    void revokingAndRegrantingIsSeenOnTheNextCall() throws SQLException {
        UUID erin = admin("erin@example.com", "admin", true);
        try (Connection server = database.connect()) {
            Sql.update(server, "update public.admin_users set is_active = false where user_id = ?", erin);
            assertEquals("admin=false superuser=false", checksFor(erin));
            Sql.update(server, "update public.admin_users set is_active = true, role = 'super_admin' where user_id = ?", erin);
            assertEquals("admin=true superuser=true", checksFor(erin));
            Sql.update(server, "delete from public.admin_users where user_id = ?", erin);
            assertEquals("admin=false superuser=false", checksFor(erin));
        }
    }

    @Test
    void anonymousVisitorsAreNeither() throws SQLException {
        try (Connection anon = database.connectAs("anon", null)) {
            assertEquals("admin=false superuser=false", Sql.one(anon, CHECKS));
        }
    }

    @Test
    void aUserSeesOnlyTheirOwnAdminRow() throws SQLException {
        UUID frank = admin("frank@example.com", "admin", true);
        try (Connection asFrank = database.connectAs("authenticated", frank)) {
            assertEquals(frank.toString(), Sql.one(asFrank, "select string_agg(user_id::text, ',') from public.admin_users"));
        }
    }

    private static UUID admin(String email, String role, boolean active) throws SQLException {
        UUID user = Accounts.signUp(database, email);
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.admin_users (user_id, role, is_active) values (?, ?::public.admin_role, ?)", user, role, active);
        }
        return user;
    }

    private static String checksFor(UUID user) throws SQLException {
        try (Connection asUser = database.connectAs("authenticated", user)) {
            return Sql.one(asUser, CHECKS);
        }
    }
}
