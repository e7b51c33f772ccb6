package platformdb.behaviour.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.fixtures.Tenants;
import platformdb.fixtures.Tenants.Tenant;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Seed 000 cleanup_old_data(retention_days): deletes tenant widget conversations older than the retention (their
 * messages with them), then orphaned messages and page embeddings. Each test deletes data: a database each.
 */
class CleanupOldDataTest {

    @Deployed
    private FreshDatabase database;
    @Deployed
    private Personas personas;
    private Connection server;
    private Tenant alice;

    @BeforeEach
    void aTenantWithASite() {
        server = personas.server();
        alice = Tenants.signUp(personas, "alice");
    }

    @Test
    void deletesWidgetConversationsOlderThanTheRetentionWithTheirMessages() throws SQLException {
        UUID old = widgetConversation(alice, "40 days", "old");
        UUID recent = widgetConversation(alice, "10 days", "recent");
        message(old, "old question");
        message(old, "old answer");
        message(recent, "recent question");

        cleanup("select public.cleanup_old_data(30)");

        assertEquals(List.of("recent"), sessions());
        assertEquals(List.of("recent question"), messages());
    }

    @Test
    void keepsThirtyDaysByDefault() throws SQLException {
        widgetConversation(alice, "31 days", "31 days old");
        widgetConversation(alice, "29 days", "29 days old");

        cleanup("select public.cleanup_old_data()");

        assertEquals(List.of("29 days old"), sessions());
    }

    @Test
    void keepsTheOwnConversationsOfWhatsAppUsersWhateverTheirAge() throws SQLException {
        UUID maria = personas.create("maria").id();
        UUID whatsapp = UUID.fromString(Sql.one(server,
                "insert into public.conversations (user_id, channel, session_id, created_at) values (?, 'whatsapp', 'whatsapp', now() - interval '400 days') returning id", maria));
        message(whatsapp, "hola");

        cleanup("select public.cleanup_old_data(30)");

        assertEquals(List.of("whatsapp"), sessions());
        assertEquals(List.of("hola"), messages());
    }

    @Test
    void removesOrphanedMessagesAndEmbeddingsAndKeepsTheRest() throws SQLException {
        UUID conversation = widgetConversation(alice, "1 day", "live");
        message(conversation, "kept message");
        UUID page = UUID.fromString(Sql.one(server,
                "insert into public.scraped_pages (customer_id, url) values (?, 'https://alice.example.com/') returning id", alice.site()));
        Sql.update(server, "insert into public.page_embeddings (page_id, chunk_text) values (?, 'kept chunk')", page);
        // Orphans exist only when rows were loaded with the foreign-key triggers off (a restore, a bulk load).
        try (Connection loader = database.connect()) {
            Sql.update(loader, "set session_replication_role = replica");
            Sql.update(loader, "insert into public.messages (conversation_id, role, content) values (?, 'user', 'orphaned message')", UUID.randomUUID());
            Sql.update(loader, "insert into public.page_embeddings (page_id, chunk_text) values (?, 'orphaned chunk')", UUID.randomUUID());
        }

        cleanup("select public.cleanup_old_data(30)");

        assertEquals(List.of("kept message"), messages());
        assertEquals(List.of("kept chunk"), column("select chunk_text from public.page_embeddings order by chunk_text"));
    }

    @Test
    void refusesANegativeRetention() throws SQLException {
        widgetConversation(alice, "1 day", "kept");
        SQLException refused = Sql.failure(server, "select public.cleanup_old_data(-1)");
        assertTrue(refused.getMessage().contains("retention_days must be 0 or more"), refused.getMessage());
        assertEquals(List.of("kept"), sessions());
    }

    @Test
    void aTenantRunningItDeletesOnlyItsOwnOldConversations() throws SQLException {
        Tenant bob = Tenants.signUp(personas, "bob");
        widgetConversation(alice, "90 days", "alice old");
        widgetConversation(bob, "90 days", "bob old");

        try (ApiRequest asAlice = personas.actAs("alice")) {
            Sql.one(asAlice.sql(), "select public.cleanup_old_data(30)::text");
            asAlice.commit();
        }

        assertEquals(List.of("bob old"), sessions(), "cleanup_old_data is security invoker: alice's RLS keeps bob's rows out of reach");
    }

    private UUID widgetConversation(Tenant tenant, String age, String session) {
        return UUID.fromString(Sql.one(server,
                "insert into public.conversations (customer_id, session_id, created_at) values (?, ?, now() - ?::interval) returning id",
                tenant.site(), session, age));
    }

    private void message(UUID conversation, String content) {
        Sql.update(server, "insert into public.messages (conversation_id, role, content) values (?, 'user', ?)", conversation, content);
    }

    private void cleanup(String call) {
        Sql.one(server, call + "::text");
    }

    private List<String> sessions() {
        return column("select session_id from public.conversations order by session_id");
    }

    private List<String> messages() {
        return column("select content from public.messages order by content");
    }

    private List<String> column(String sql) {
        return Sql.column(server, sql);
    }
}
