package platformdb.behaviour.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.behaviour.Sql;
import platformdb.behaviour.tenants.Tenants;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * A WhatsApp user (seed 001) sees only their own profile, conversations, messages, memories and the rows the
 * server keeps about them; the server-written tables are read-only to them.
 */
class WhatsAppUserIsolationTest {

    private static final List<String> OWN_TABLES = List.of("user_profiles", "conversations", "messages", "memories",
            "scheduled_messages", "whatsapp_flow_sessions", "whatsapp_calls", "messaging_windows", "dead_letter_queue", "ai_usage_costs");

    @Deployed
    private static FreshDatabase database;
    private static UUID maria;
    private static UUID juan;
    private static Map<String, UUID> mariaRows;
    private static Map<String, UUID> juanRows;

    @BeforeAll
    static void twoWhatsAppUsersWithHistory() {
        maria = Tenants.account(database, "maria@example.com");
        juan = Tenants.account(database, "juan@example.com");
        mariaRows = history(maria, "+573001110001");
        juanRows = history(juan, "+573001110002");
        Tenants.changeAsServer(database, "insert into public.dead_letter_queue (source, payload, error_message) values ('ai_processing', '{}', 'no user')");
        Tenants.changeAsServer(database, "insert into public.ai_usage_costs (provider, model, operation) values ('openai', 'text-embedding-3-small', 'embedding')");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user_profiles", "conversations", "messages", "memories", "scheduled_messages",
            "whatsapp_flow_sessions", "whatsapp_calls", "messaging_windows", "dead_letter_queue", "ai_usage_costs"})
    void aUserSeesOnlyTheirOwnRows(String table) throws SQLException {
        try (Connection asMaria = database.connectAs("authenticated", maria)) {
            assertEquals(List.of(mariaRows.get(table).toString()), Sql.column(asMaria, "select id::text from public." + table),
                    "maria should see exactly her own row of " + table + " (juan's is " + juanRows.get(table) + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user_profiles", "conversations", "messages", "memories", "scheduled_messages",
            "whatsapp_flow_sessions", "whatsapp_calls", "messaging_windows", "dead_letter_queue", "ai_usage_costs"})
    void aUserCanNeitherChangeNorDeleteSomeoneElsesRows(String table) throws SQLException {
        UUID juans = juanRows.get(table);
        try (Connection asMaria = database.connectAs("authenticated", maria)) {
            assertEquals(0, Sql.update(asMaria, "update public." + table + " set id = id where id = ?", juans), "maria updated juan's " + table);
            assertEquals(0, Sql.update(asMaria, "delete from public." + table + " where id = ?", juans), "maria deleted juan's " + table);
        }
        assertEquals("1", Tenants.asServer(database, "select count(*)::text from public." + table + " where id = ?", juans));
    }

    @Test
    void aUserCannotStartAConversationInSomeoneElsesName() throws SQLException {
        expectRlsRefusal("insert into public.conversations (user_id, channel) values (?, 'whatsapp')", juan);
    }

    @Test
    void aUserCannotWriteIntoSomeoneElsesConversation() throws SQLException {
        expectRlsRefusal("insert into public.messages (conversation_id, role, content) values (?, 'user', 'planted')", juanRows.get("conversations"));
    }

    @Test
    void aUserCannotStoreAMemoryForSomeoneElse() throws SQLException {
        expectRlsRefusal("insert into public.memories (user_id, type, content) values (?, 'fact', 'planted')", juan);
    }

    @Test
    void aUserCannotScheduleAMessageForSomeoneElse() throws SQLException {
        expectRlsRefusal("insert into public.scheduled_messages (user_id, content, scheduled_for) values (?, 'planted', now() + interval '1 day')", juan);
    }

    @Test
    void aUserCannotCreateSomeoneElsesProfile() throws SQLException {
        UUID newcomer = UUID.fromString(Tenants.asServer(database, "insert into auth.users (email) values ('newcomer@example.com') returning id"));
        Tenants.changeAsServer(database, "delete from public.user_profiles where id = ?", newcomer);
        expectRlsRefusal("insert into public.user_profiles (id, name) values (?, 'planted')", newcomer);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "insert into public.whatsapp_flow_sessions (user_id, flow_id, flow_token) values ('%me%', 'f', 'self-made-token')",
            "insert into public.whatsapp_calls (user_id, wa_call_id, direction) values ('%me%', 'self-made-call', 'inbound')",
            "insert into public.messaging_windows (user_id, phone_number, window_opened_at, window_expires_at) values ('%me%', '+573009999999', now(), now() + interval '30 days')",
            "insert into public.dead_letter_queue (source, user_id, payload, error_message) values ('outbound_message', '%me%', '{}', 'self-made')",
            "insert into public.ai_usage_costs (user_id, provider, model, cost_usd) values ('%me%', 'openai', 'gpt-4o', 0)"})
    void aUserCannotWriteTheRowsTheServerKeepsAboutThem(String insert) throws SQLException {
        try (Connection asMaria = database.connectAs("authenticated", maria)) {
            SQLException refused = Sql.failure(asMaria, insert.replace("%me%", maria.toString()));
            assertTrue(refused.getMessage().contains("row-level security"), "expected an RLS refusal, got: " + refused.getMessage());
        }
    }

    @Test
    void aUserManagesTheirOwnConversationMessagesAndMemories() throws SQLException {
        try (Connection asMaria = database.connectAs("authenticated", maria)) {
            asMaria.setAutoCommit(false);
            assertEquals(1, Sql.update(asMaria, "insert into public.messages (conversation_id, role, content) values (?, 'user', 'otra pregunta')", mariaRows.get("conversations")));
            assertEquals(1, Sql.update(asMaria, "insert into public.memories (user_id, type, content) values (?, 'preference', 'Likes mornings')", maria));
            assertEquals(1, Sql.update(asMaria, "update public.user_profiles set name = 'María' where id = ?", maria));
            assertEquals(1, Sql.update(asMaria, "update public.scheduled_messages set status = 'cancelled' where id = ?", mariaRows.get("scheduled_messages")));
            asMaria.rollback();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user_profiles", "conversations", "messages", "memories", "scheduled_messages",
            "whatsapp_flow_sessions", "whatsapp_calls", "messaging_windows", "dead_letter_queue", "ai_usage_costs"})
    void anAnonymousCallerReadsNothing(String table) throws SQLException {
        try (Connection anon = database.connectAs("anon", null)) {
            assertEquals("0", Sql.one(anon, "select count(*)::text from public." + table));
        }
    }

    private static void expectRlsRefusal(String sql, Object... params) throws SQLException {
        try (Connection asMaria = database.connectAs("authenticated", maria)) {
            SQLException refused = Sql.failure(asMaria, sql, params);
            assertTrue(refused.getMessage().contains("row-level security"), "expected an RLS refusal, got: " + refused.getMessage());
        }
    }

    /** A WhatsApp user's profile, conversation, message, memory and the server's rows about them. */
    private static Map<String, UUID> history(UUID user, String phone) {
        Map<String, UUID> rows = new LinkedHashMap<>();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.user_profiles (id, phone_number) values (?, ?) on conflict (id) do update set phone_number = excluded.phone_number", user, phone);
            rows.put("user_profiles", user);
            UUID conversation = id(server, "insert into public.conversations (user_id, channel, wa_conversation_id) values (?, 'whatsapp', ?) returning id", user, "wa-" + user);
            rows.put("conversations", conversation);
            rows.put("messages", id(server, "insert into public.messages (conversation_id, role, type, content) values (?, 'user', 'text', 'hola') returning id", conversation));
            rows.put("memories", id(server, "insert into public.memories (user_id, type, content) values (?, 'fact', 'Lives in Bogota') returning id", user));
            rows.put("scheduled_messages", id(server, "insert into public.scheduled_messages (user_id, conversation_id, content, scheduled_for) values (?, ?, 'Reminder', now() + interval '1 day') returning id", user, conversation));
            rows.put("whatsapp_flow_sessions", id(server, "insert into public.whatsapp_flow_sessions (user_id, conversation_id, flow_id, flow_token) values (?, ?, 'booking', ?) returning id", user, conversation, "token-" + user));
            rows.put("whatsapp_calls", id(server, "insert into public.whatsapp_calls (user_id, conversation_id, wa_call_id, direction) values (?, ?, ?, 'inbound') returning id", user, conversation, "call-" + user));
            rows.put("messaging_windows", id(server, "insert into public.messaging_windows (user_id, phone_number, window_opened_at, window_expires_at) values (?, ?, now(), now() + interval '24 hours') returning id", user, phone));
            rows.put("dead_letter_queue", id(server, "insert into public.dead_letter_queue (source, user_id, payload, error_message) values ('whatsapp_webhook', ?, '{}', 'timeout') returning id", user));
            rows.put("ai_usage_costs", id(server, "insert into public.ai_usage_costs (user_id, conversation_id, provider, model, cost_usd) values (?, ?, 'openai', 'gpt-4o-mini', 0.0002) returning id", user, conversation));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(OWN_TABLES.size(), rows.size());
        return rows;
    }

    private static UUID id(Connection server, String sql, Object... params) {
        return UUID.fromString(Sql.one(server, sql, params));
    }
}
