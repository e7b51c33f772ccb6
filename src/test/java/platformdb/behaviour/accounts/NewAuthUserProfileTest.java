package platformdb.behaviour.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.Accounts;
import platformdb.behaviour.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** on_auth_user_created runs handle_new_user_profile (seed 003): one profile per new user, with a referral code. */
class NewAuthUserProfileTest {

    @Deployed
    private static FreshDatabase database;

    @Test
    void aNewAuthUserGetsExactlyOneProfileWithTheirEmailAndName() throws SQLException {
        UUID alice = Accounts.signUp(database, "alice@example.com", "{\"full_name\": \"Alice Doe\", \"avatar_url\": \"https://img/a.png\"}");
        try (Connection server = database.connect()) {
            assertEquals("1", Sql.one(server, "select count(*) from public.user_profiles where id = ?", alice));
            assertEquals("alice@example.com|Alice Doe|https://img/a.png",
                    Sql.one(server, "select email || '|' || full_name || '|' || avatar_url from public.user_profiles where id = ?", alice));
        }
    }

    @Test
    void onlyOneTriggerOnAuthUsersCreatesProfilesAndItRunsHandleNewUserProfile() throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals(List.of("on_auth_user_created -> handle_new_user_profile"), Sql.column(server,
                    "select t.tgname || ' -> ' || p.proname from pg_trigger t join pg_proc p on p.oid = t.tgfoid"
                            + " where t.tgrelid = 'auth.users'::regclass and not t.tgisinternal"));
        }
    }

    @Test
    void everyNewUserGetsTheirOwnReferralCode() throws SQLException {
        UUID bob = Accounts.signUp(database, "bob@example.com");
        UUID carol = Accounts.signUp(database, "carol@example.com");
        try (Connection server = database.connect()) {
            String bobCode = Sql.one(server, "select ref_code from public.user_profiles where id = ?", bob);
            String carolCode = Sql.one(server, "select ref_code from public.user_profiles where id = ?", carol);
            assertTrue(bobCode != null && bobCode.matches("[0-9A-F]{10}"), "bob's referral code: " + bobCode);
            assertNotEquals(bobCode, carolCode, "two users got the same referral code");
        }
    }

    @Test
    void signingUpWithSomeonesReferralCodeRecordsTheReferral() throws SQLException {
        UUID dave = Accounts.signUp(database, "dave@example.com");
        String daveCode;
        try (Connection server = database.connect()) {
            daveCode = Sql.one(server, "select ref_code from public.user_profiles where id = ?", dave);
        }
        UUID erin = Accounts.signUp(database, "erin@example.com", "{\"ref_code\": \" " + daveCode.toLowerCase() + " \"}");
        try (Connection server = database.connect()) {
            assertEquals(daveCode, Sql.one(server, "select referred_by from public.user_profiles where id = ?", erin));
            assertEquals(dave + "|" + daveCode + "|pending", Sql.one(server,
                    "select referrer_id || '|' || ref_code || '|' || status from public.user_referrals where referred_id = ?", erin));
        }
        try (Connection asDave = database.connectAs("authenticated", dave)) {
            assertEquals(List.of(erin.toString()), Sql.column(asDave, "select referred_id::text from public.user_referrals"),
                    "the referrer sees the referral");
        }
        try (Connection asErin = database.connectAs("authenticated", erin)) {
            assertEquals(List.of(dave.toString()), Sql.column(asErin, "select referrer_id::text from public.user_referrals"),
                    "the referred user sees the referral");
        }
    }

    @Test
    void anUnknownReferralCodeIsIgnoredAndTheUserStillGetsAProfile() throws SQLException {
        UUID frank = Accounts.signUp(database, "frank@example.com", "{\"ref_code\": \"NOSUCHCODE\"}");
        try (Connection server = database.connect()) {
            assertNull(Sql.one(server, "select referred_by from public.user_profiles where id = ?", frank));
            assertEquals("0", Sql.one(server, "select count(*) from public.user_referrals where referred_id = ?", frank));
        }
    }

    @Test
    void aUserSeesOnlyTheirOwnProfile() throws SQLException {
        UUID grace = Accounts.signUp(database, "grace@example.com");
        UUID heidi = Accounts.signUp(database, "heidi@example.com");
        try (Connection asGrace = database.connectAs("authenticated", grace)) {
            assertEquals(List.of(grace.toString()), Sql.column(asGrace, "select id::text from public.user_profiles where id in (?, ?)", grace, heidi));
        }
    }
}
