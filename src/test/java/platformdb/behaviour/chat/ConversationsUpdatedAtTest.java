package platformdb.behaviour.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.behaviour.tenants.Tenants;
import platformdb.behaviour.tenants.Tenants.Tenant;
import platformdb.behaviour.tenants.UpdatedAt;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** set_updated_at keeps conversations.updated_at, for widget and WhatsApp conversations alike. */
class ConversationsUpdatedAtTest {

    @Deployed
    private static FreshDatabase database;
    private static Tenant alice;

    @BeforeAll
    static void deploy() {
        alice = Tenants.signUp(database, "alice");
    }

    @Test
    void updatingAWidgetConversationStampsItsUpdatedAt() {
        UpdatedAt.anUpdateStampsTheRow(database, "conversations", UUID.fromString(Tenants.asServer(database,
                "insert into public.conversations (customer_id, session_id, updated_at) values (?, 's1', '" + UpdatedAt.LONG_AGO + "') returning id",
                alice.site())));
    }

    @Test
    void updatingAWhatsAppConversationStampsItsUpdatedAt() {
        UUID maria = Tenants.account(database, "maria@example.com");
        UpdatedAt.anUpdateStampsTheRow(database, "conversations", UUID.fromString(Tenants.asServer(database,
                "insert into public.conversations (user_id, channel, updated_at) values (?, 'whatsapp', '" + UpdatedAt.LONG_AGO + "') returning id",
                maria)));
    }

    @Test
    void everyChatTableWithUpdatedAtHasTheTrigger() {
        assertEquals("", UpdatedAt.tablesWithoutTheTrigger(database, "conversations", "messages"));
    }
}
