package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;

/**
 * One kind of operation the application sends, as one transaction: reads of conversations and messages and inserts
 * of messages, as a signed-in user under RLS ({@code set local role authenticated} and the JWT claims Supabase's API
 * sets) and as the backend's service_role (which bypasses RLS).
 */
enum LoadOperation implements Operation<Dataset> {

    READ_AS_USER("read, signed-in user (RLS)") {
        @Override
        void runOn(Connection connection, Dataset dataset, int conversation) throws SQLException {
            UUID user = actAsOwner(connection, dataset, conversation);
            query(connection, "select id, title, status, last_message_at from public.conversations where user_id = ? order by created_at desc limit 20", user);
            query(connection, "select id, role, content, created_at from public.messages where conversation_id = ? order by created_at", Dataset.conversation(conversation));
        }
    },
    READ_AS_SERVICE("read, service_role") {
        @Override
        void runOn(Connection connection, Dataset dataset, int conversation) throws SQLException {
            act(connection, "service_role", null);
            query(connection, "select id, title, message_count from public.conversations where id = ?", Dataset.conversation(conversation));
            query(connection, "select id, role, content, created_at from public.messages where conversation_id = ? order by created_at desc limit 50", Dataset.conversation(conversation));
        }
    },
    WRITE_AS_USER("insert message, signed-in user (RLS)") {
        @Override
        void runOn(Connection connection, Dataset dataset, int conversation) throws SQLException {
            actAsOwner(connection, dataset, conversation);
            insertMessage(connection, conversation);
        }
    },
    WRITE_AS_SERVICE("insert message, service_role") {
        @Override
        void runOn(Connection connection, Dataset dataset, int conversation) throws SQLException {
            act(connection, "service_role", null);
            insertMessage(connection, conversation);
        }
    };

    private final String description;

    LoadOperation(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    /** The operation on a random personal conversation. */
    @Override
    public void run(Connection connection, Dataset dataset, Random random) throws SQLException {
        runOn(connection, dataset, dataset.personalConversation(random.nextInt(dataset.conversations())));
    }

    abstract void runOn(Connection connection, Dataset dataset, int conversation) throws SQLException;

    private static UUID actAsOwner(Connection connection, Dataset dataset, int conversation) throws SQLException {
        UUID user = Dataset.user(dataset.ownerOf(conversation));
        act(connection, "authenticated", "{\"sub\":\"" + user + "\",\"role\":\"authenticated\"}");
        return user;
    }

    private static void act(Connection connection, String role, String claims) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("set local role " + role);
        }
        if (claims != null) {
            try (PreparedStatement set = connection.prepareStatement("select set_config('request.jwt.claims', ?, true)")) {
                set.setString(1, claims);
                set.executeQuery().close();
            }
        }
    }

    private static void query(Connection connection, String sql, UUID parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rows.getObject(1);
                }
            }
        }
    }

    private static void insertMessage(Connection connection, int conversation) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into public.messages (conversation_id, role, content) values (?, 'user', 'a message written under load')")) {
            insert.setObject(1, Dataset.conversation(conversation));
            insert.executeUpdate();
        }
    }
}
