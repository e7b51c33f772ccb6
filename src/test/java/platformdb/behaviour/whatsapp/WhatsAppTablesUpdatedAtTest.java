package platformdb.behaviour.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.fixtures.UpdatedAt;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * set_updated_at keeps updated_at of the WhatsApp tables (seed 001 t_users_updated and its set_updated_at
 * triggers): user_profiles, whatsapp_flow_sessions, whatsapp_calls, scheduled_messages, messaging_windows,
 * dead_letter_queue.
 */
class WhatsAppTablesUpdatedAtTest {

    private static final String LONG_AGO = "'" + UpdatedAt.LONG_AGO + "'";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID maria;

    @BeforeAll
    static void aWhatsAppUser() {
        maria = personas.create("maria").id();
    }

    @Test
    void updatingAProfileStampsItsUpdatedAt() {
        Sql.update(personas.server(), "insert into public.user_profiles (id, phone_number, updated_at) values (?, '+573002220001', " + LONG_AGO + ")"
                + " on conflict (id) do nothing", maria);
        database.execute("alter table public.user_profiles disable trigger trg_user_profiles_set_updated_at;"
                + " update public.user_profiles set updated_at = " + LONG_AGO + " where id = '" + maria + "';"
                + " alter table public.user_profiles enable trigger trg_user_profiles_set_updated_at");
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "user_profiles", maria);
    }

    @Test
    void updatingAFlowSessionStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "whatsapp_flow_sessions", insert(
                "insert into public.whatsapp_flow_sessions (user_id, flow_id, flow_token, updated_at) values (?, 'booking', 'token-1', " + LONG_AGO + ") returning id"));
    }

    @Test
    void updatingACallStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "whatsapp_calls", insert(
                "insert into public.whatsapp_calls (user_id, wa_call_id, direction, updated_at) values (?, 'call-1', 'outbound', " + LONG_AGO + ") returning id"));
    }

    @Test
    void updatingAScheduledMessageStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "scheduled_messages", insert(
                "insert into public.scheduled_messages (user_id, content, scheduled_for, updated_at) values (?, 'Reminder', now() + interval '1 day', " + LONG_AGO + ") returning id"));
    }

    @Test
    void updatingAMessagingWindowStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "messaging_windows", insert(
                "insert into public.messaging_windows (user_id, phone_number, window_opened_at, window_expires_at, updated_at)"
                        + " values (?, '+573002220002', now(), now() + interval '24 hours', " + LONG_AGO + ") returning id"));
    }

    @Test
    void updatingADeadLetterStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(personas.server(), "dead_letter_queue", insert(
                "insert into public.dead_letter_queue (source, user_id, payload, error_message, updated_at)"
                        + " values ('whatsapp_webhook', ?, '{}', 'timeout', " + LONG_AGO + ") returning id"));
    }

    @Test
    void everyWhatsAppTableWithUpdatedAtHasTheTrigger() {
        assertEquals("", UpdatedAt.tablesWithoutTheTrigger(personas.server(), "user_profiles", "whatsapp_flow_sessions", "whatsapp_calls",
                "memories", "ai_usage_costs", "scheduled_messages", "messaging_windows", "dead_letter_queue"));
    }

    private static UUID insert(String sql) {
        return UUID.fromString(Sql.one(personas.server(), sql, maria));
    }
}
