package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** on_auth_user_created runs handle_new_user_profile (seed 003): one profile per new user, with a referral code. */
class NewAuthUserProfileTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @Test
    void aNewAuthUserGetsExactlyOneProfileWithTheirEmailAndName() {
        UUID alice = personas.create("alice", "alice@example.com", "{\"full_name\": \"Alice Doe\", \"avatar_url\": \"https://img/a.png\"}").id();
        assertEquals("1", Sql.one(personas.server(), "select count(*) from public.user_profiles where id = ?", alice));
        assertEquals("alice@example.com|Alice Doe|https://img/a.png",
                Sql.one(personas.server(), "select email || '|' || full_name || '|' || avatar_url from public.user_profiles where id = ?", alice));
    }

    @Test
    void onlyOneTriggerOnAuthUsersCreatesProfilesAndItRunsHandleNewUserProfile() {
        assertEquals(List.of("on_auth_user_created -> handle_new_user_profile"), Sql.column(personas.server(),
                "select t.tgname || ' -> ' || p.proname from pg_trigger t join pg_proc p on p.oid = t.tgfoid"
                        + " where t.tgrelid = 'auth.users'::regclass and not t.tgisinternal"));
    }

    @Test
    void everyNewUserGetsTheirOwnReferralCode() {
        UUID bob = personas.create("bob").id();
        UUID carol = personas.create("carol").id();
        String bobCode = Sql.one(personas.server(), "select ref_code from public.user_profiles where id = ?", bob);
        String carolCode = Sql.one(personas.server(), "select ref_code from public.user_profiles where id = ?", carol);
        assertTrue(bobCode != null && bobCode.matches("[0-9A-F]{10}"), "bob's referral code: " + bobCode);
        assertNotEquals(bobCode, carolCode, "two users got the same referral code");
    }

    @Test
    void signingUpWithSomeonesReferralCodeRecordsTheReferral() {
        UUID dave = personas.create("dave").id();
        String daveCode = Sql.one(personas.server(), "select ref_code from public.user_profiles where id = ?", dave);
        UUID erin = personas.create("erin", "erin@example.com", "{\"ref_code\": \" " + daveCode.toLowerCase() + " \"}").id();
        assertEquals(daveCode, Sql.one(personas.server(), "select referred_by from public.user_profiles where id = ?", erin));
        assertEquals(dave + "|" + daveCode + "|pending", Sql.one(personas.server(),
                "select referrer_id || '|' || ref_code || '|' || status from public.user_referrals where referred_id = ?", erin));
        try (ApiRequest asDave = personas.actAs("dave")) {
            assertEquals(List.of(erin.toString()), Sql.column(asDave.sql(), "select referred_id::text from public.user_referrals"),
                    "the referrer sees the referral");
        }
        try (ApiRequest asErin = personas.actAs("erin")) {
            assertEquals(List.of(dave.toString()), Sql.column(asErin.sql(), "select referrer_id::text from public.user_referrals"),
                    "the referred user sees the referral");
        }
    }

    @Test
    void anUnknownReferralCodeIsIgnoredAndTheUserStillGetsAProfile() {
        UUID frank = personas.create("frank", "frank@example.com", "{\"ref_code\": \"NOSUCHCODE\"}").id();
        assertNull(Sql.one(personas.server(), "select referred_by from public.user_profiles where id = ?", frank));
        assertEquals("0", Sql.one(personas.server(), "select count(*) from public.user_referrals where referred_id = ?", frank));
    }

    @Test
    void aUserSeesOnlyTheirOwnProfile() {
        UUID grace = personas.create("grace").id();
        UUID heidi = personas.create("heidi").id();
        try (ApiRequest asGrace = personas.actAs("grace")) {
            assertEquals(List.of(grace.toString()), Sql.column(asGrace.sql(), "select id::text from public.user_profiles where id in (?, ?)", grace, heidi));
        }
    }
}
