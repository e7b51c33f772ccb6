package platformdb.behaviour.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** Seed 001 chk_phone_e164: a WhatsApp number is stored in E.164 (+, country code, 8 to 15 digits in all) or not at all. */
class PhoneE164Test {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"3001234567", "573001234567", "+0573001234567", "+1234567", "+1234567890123456",
            "+57 300 123 4567", "+57-300-1234567", "+57300abc4567", "++573001234567", "+", "", "+573001234567\n"})
    void aProfileRejectsANumberThatIsNotE164(String number) throws SQLException {
        UUID user = personas.createNumbered("bad-number").id();
        try (Connection server = database.connect()) {
            SQLException refused = Sql.failure(server, "insert into public.user_profiles (id, phone_number) values (?, ?)"
                    + " on conflict (id) do update set phone_number = excluded.phone_number", user, number);
            assertTrue(refused.getMessage().contains("chk_phone_e164"), "expected chk_phone_e164 to reject \"" + number + "\", got: " + refused.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+573001234567", "+12025550123", "+447911123456", "+12345678", "+123456789012345"})
    void aProfileAcceptsAnE164Number(String number) throws SQLException {
        UUID user = personas.createNumbered("good-number").id();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.user_profiles (id, phone_number) values (?, ?)"
                    + " on conflict (id) do update set phone_number = excluded.phone_number", user, number);
            assertEquals(number, Sql.one(server, "select phone_number from public.user_profiles where id = ?", user));
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"3001234567", "+0573001234567", "+57 300 123 4567"})
    void aMessagingWindowRejectsANumberThatIsNotE164(String number) throws SQLException {
        UUID user = personas.createNumbered("window").id();
        try (Connection server = database.connect()) {
            SQLException refused = Sql.failure(server, "insert into public.messaging_windows (user_id, phone_number, window_opened_at, window_expires_at)"
                    + " values (?, ?, now(), now() + interval '24 hours')", user, number);
            assertTrue(refused.getMessage().contains("chk_messaging_windows_phone_e164"), "got: " + refused.getMessage());
        }
    }
}
