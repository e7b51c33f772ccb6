package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Sql;

/**
 * Seed 001's clients (docs/contracts/seed-001.md): the WhatsApp bot (service role key) and the signed-in user,
 * and the seed's own safety-check SQL. One contract, acted out on every database the clients may meet: each subclass
 * gives the database, the same tests run on it. The tests make their own users, on phone numbers no team row holds,
 * and look only at those, so a database that already holds a team's rows proves the same.
 */
abstract class Seed001WhatsAppBotClientContract extends ClientsDatabase {

    @Test
    void aPhoneSignUpGivesTheProfileItsPhoneAndTheBotFindsTheUserByIt() {
        UUID user = phoneSignUp("573001234567");
        try (ApiRequest bot = personas().asServiceRole()) {
            assertEquals(List.of(user.toString()), Sql.column(bot.sql(), "select id from public.user_profiles where phone_number = '+573001234567'"));
        }
        try (ApiRequest signedIn = personas().asUser(user)) {
            assertEquals("+573001234567", Sql.one(signedIn.sql(), "select phone_number from public.user_profiles"));
        }
    }

    @Test
    void aPhoneTheProfileCannotTakeNeverBlocksTheSignUp() {
        phoneSignUp("+14155550100");
        UUID second = phoneSignUp("14155550100");
        UUID odd = phoneSignUp("12");
        try (ApiRequest bot = personas().asServiceRole()) {
            assertEquals(List.of("|"), Sql.column(bot.sql(), "select concat_ws('|', a.phone_number, b.phone_number) || '|'"
                    + " from public.user_profiles a, public.user_profiles b where a.id = ? and b.id = ?", second, odd),
                    "a phone another profile holds, or one that is not E.164, is left out; the profiles exist");
        }
    }

    @Test
    void theBotCannotInsertAProfileWithoutAnAccount() {
        try (ApiRequest bot = personas().asServiceRole()) {
            SQLException refused = Sql.failure(bot.sql(), "insert into public.user_profiles (id, phone_number) values (gen_random_uuid(), '+573009999999')");
            assertTrue(refused.getMessage().contains("user_profiles_id_fkey"), "kept, the contract says: create the account by phone: " + refused.getMessage());
        }
    }

    @Test
    void aConversationWithAWhatsAppIdIsAWhatsAppConversation() {
        UUID user = phoneSignUp("573005550103");
        try (ApiRequest bot = personas().asServiceRole()) {
            Sql.update(bot.sql(), "insert into public.conversations (user_id, wa_conversation_id) values (?, 'wa-1')", user);
            Sql.update(bot.sql(), "insert into public.conversations (user_id, channel) values (?, 'whatsapp')", user);
            Sql.update(bot.sql(), "insert into public.conversations (user_id) values (?)", user);
            assertEquals(List.of("wa-1|whatsapp", "whatsapp", "web"), Sql.column(bot.sql(),
                    "select concat_ws('|', wa_conversation_id, channel) from public.conversations where user_id = ? order by created_at, wa_conversation_id nulls last, channel desc", user),
                    "without wa_conversation_id nor channel the row is the widget's 'web' (documented)");
        }
    }

    @Test
    void theUserReadsTheirOwnMessagesAndMemoriesOnly() {
        UUID alice = phoneSignUp("573005550101");
        UUID bob = phoneSignUp("573005550102");
        for (UUID user : List.of(alice, bob)) {
            try (ApiRequest bot = personas().asServiceRole()) {
                String conversation = Sql.one(bot.sql(), "insert into public.conversations (user_id, channel) values (?, 'whatsapp') returning id", user);
                Sql.update(bot.sql(), "insert into public.messages (conversation_id, role, type, content, wa_message_id) values (?::uuid, 'user', 'sticker', 'a sticker', ?)",
                        conversation, "wamid-" + user);
                Sql.update(bot.sql(), "insert into public.memories (user_id, type, content) values (?, 'preference', 'likes coffee')", user);
                bot.commit();
            }
        }
        try (ApiRequest signedIn = personas().asUser(alice)) {
            assertEquals(List.of("wamid-" + alice), Sql.column(signedIn.sql(), "select wa_message_id from public.messages"));
            assertEquals(List.of(alice.toString()), Sql.column(signedIn.sql(), "select user_id from public.memories"));
            assertEquals(List.of("likes coffee|+573005550101"), Sql.column(signedIn.sql(),
                    "select concat_ws('|', m.content, p.phone_number) from public.memories m left join lateral public.user_profiles(m) p on true"),
                    "the computed relationship PostgREST embeds as user_profiles(*)");
        }
    }

    @Test
    void theSeedsSafetyChecksRunAsWritten() {
        try (ApiRequest server = personas().asServiceRole()) {
            assertEquals(List.of(), Sql.column(server.sql(), "SELECT * FROM information_schema.tables\nWHERE table_schema = 'public' AND table_name = 'users';"),
                    "users is user_profiles here (the contract's rename)");
            assertTrue(Sql.column(server.sql(), "SELECT column_name, data_type\nFROM information_schema.columns\nWHERE table_schema = 'public' AND table_name = 'user_profiles';")
                    .contains("phone_number"));
            assertTrue(Sql.column(server.sql(), "SELECT * FROM pg_indexes\nWHERE schemaname = 'public' AND tablename = 'user_profiles';").size() >= 2);
            assertEquals(List.of("text", "image", "audio", "video", "document", "location", "interactive", "contacts", "unsupported", "sticker", "reaction", "order"),
                    Sql.column(server.sql(), "SELECT enumlabel FROM pg_enum\nWHERE enumtypid = 'msg_type'::regtype;"));
            Sql.column(server.sql(), "SELECT schemaname, relname, last_autovacuum, last_autoanalyze\nFROM pg_stat_user_tables\nWHERE schemaname = 'public';");
        }
    }

    /** Supabase Auth's phone sign-up: the account keeps the number without its '+'. */
    private UUID phoneSignUp(String phone) {
        UUID user = UUID.randomUUID();
        try (var server = database().connect()) {
            Sql.update(server, "insert into auth.users (id, phone) values (?, ?)", user, phone);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return user;
    }
}
