package platformdb.behaviour.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** is_admin_user() and is_superuser() (seed 003, security invoker) follow the caller's row in admin_users. */
class AdminRoleChecksTest {

    private static final String CHECKS = "select 'admin=' || public.is_admin_user() || ' superuser=' || public.is_superuser()";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @Test
    void aUserWithoutAnAdminRowIsNeither() {
        personas.create("user");
        assertEquals("admin=false superuser=false", checksFor("user"));
    }

    @Test
    void aModeratorAndAnAdminAreAdminsButNotSuperusers() {
        personas.createAdmin("moderator", "moderator");
        personas.createAdmin("admin", "admin");
        assertEquals("admin=true superuser=false", checksFor("moderator"));
        assertEquals("admin=true superuser=false", checksFor("admin"));
    }

    @Test
    void aSuperAdminIsBoth() {
        personas.createAdmin("root", "super_admin");
        assertEquals("admin=true superuser=true", checksFor("root"));
    }

    @Test
    void anInactiveAdminRowGivesNothing() {
        UUID former = personas.create("former").id();
        Sql.update(personas.server(), "insert into public.admin_users (user_id, role, is_active) values (?, 'super_admin', false)", former);
        assertEquals("admin=false superuser=false", checksFor("former"));
    }

    @Test
    void revokingAndRegrantingIsSeenOnTheNextCall() {
        UUID erin = personas.createAdmin("erin", "admin").id();
        Sql.update(personas.server(), "update public.admin_users set is_active = false where user_id = ?", erin);
        assertEquals("admin=false superuser=false", checksFor("erin"));
        Sql.update(personas.server(), "update public.admin_users set is_active = true, role = 'super_admin' where user_id = ?", erin);
        assertEquals("admin=true superuser=true", checksFor("erin"));
        Sql.update(personas.server(), "delete from public.admin_users where user_id = ?", erin);
        assertEquals("admin=false superuser=false", checksFor("erin"));
    }

    @Test
    void anonymousVisitorsAreNeither() {
        try (ApiRequest anon = personas.asAnon()) {
            assertEquals("admin=false superuser=false", Sql.one(anon.sql(), CHECKS));
        }
    }

    @Test
    void aUserSeesOnlyTheirOwnAdminRow() {
        UUID frank = personas.createAdmin("frank", "admin").id();
        try (ApiRequest asFrank = personas.actAs("frank")) {
            assertEquals(frank.toString(), Sql.one(asFrank.sql(), "select string_agg(user_id::text, ',') from public.admin_users"));
        }
    }

    private static String checksFor(String persona) {
        try (ApiRequest request = personas.actAs(persona)) {
            return Sql.one(request.sql(), CHECKS);
        }
    }
}
