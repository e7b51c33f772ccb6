package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;

/**
 * Seed 000's application, unchanged, while its database is adopted: statements written for the seed's schema that the
 * adoption keeps working (docs/contracts/seed-000.md: the columns used here are "same"; none the reshaping renames, so
 * no conversations.user_id). The widget reads its site's configuration as anon with {@code app.current_domain} set,
 * naming its columns; the server (service_role key) opens a conversation by session id, reads its messages, adds a
 * message with the id and time the seed's table wants from its writer (no defaults there), and touches the
 * conversation. Each on a random conversation of the whole dataset.
 */
enum SeedLoadOperation implements Operation<SeedDataset> {

    WIDGET_CONFIG("widget reads its site's configuration (anon)") {
        @Override
        void runOn(Connection connection, SeedDataset dataset, int conversation) throws SQLException {
            String domain = SeedDataset.domain(dataset.siteOf(conversation));
            act(connection, "anon");
            try (PreparedStatement set = connection.prepareStatement("select set_config('app.current_domain', ?, true)")) {
                set.setString(1, domain);
                set.executeQuery().close();
            }
            query(connection, "select id, domain, business_name, business_description, primary_color, welcome_message, suggested_questions,"
                    + " active, allowed_origins from public.customer_configs where domain = ?", domain);
        }
    },
    CONVERSATION_BY_SESSION("conversation by session_id (service_role)") {
        @Override
        void runOn(Connection connection, SeedDataset dataset, int conversation) throws SQLException {
            act(connection, "service_role");
            query(connection, "select id, customer_id, session_id, status, created_at, updated_at from public.conversations where session_id = ?",
                    SeedDataset.sessionId(conversation));
        }
    },
    MESSAGES_OF_CONVERSATION("a conversation's messages (service_role)") {
        @Override
        void runOn(Connection connection, SeedDataset dataset, int conversation) throws SQLException {
            act(connection, "service_role");
            query(connection, "select id, role, content, metadata, created_at from public.messages where conversation_id = ? order by created_at",
                    SeedDataset.conversation(conversation));
        }
    },
    INSERT_MESSAGE("insert message (service_role)") {
        @Override
        void runOn(Connection connection, SeedDataset dataset, int conversation) throws SQLException {
            act(connection, "service_role");
            try (PreparedStatement insert = connection.prepareStatement("insert into public.messages (id, conversation_id, role, content, created_at)"
                    + " values (?, ?, 'user', 'a message written during the adoption', now())")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, SeedDataset.conversation(conversation));
                insert.executeUpdate();
            }
        }
    },
    TOUCH_CONVERSATION("update conversation updated_at (service_role)") {
        @Override
        void runOn(Connection connection, SeedDataset dataset, int conversation) throws SQLException {
            act(connection, "service_role");
            try (PreparedStatement update = connection.prepareStatement("update public.conversations set updated_at = now() where id = ?")) {
                update.setObject(1, SeedDataset.conversation(conversation));
                update.executeUpdate();
            }
        }
    };

    private final String description;

    SeedLoadOperation(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void run(Connection connection, SeedDataset dataset, Random random) throws SQLException {
        runOn(connection, dataset, random.nextInt(dataset.conversations()) + 1);
    }

    abstract void runOn(Connection connection, SeedDataset dataset, int conversation) throws SQLException;

    /** As PostgREST does for a request: the request's role, for this transaction only. */
    private static void act(Connection connection, String role) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("set local role " + role);
        }
    }

    private static void query(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rows.getObject(1);
                }
            }
        }
    }
}
