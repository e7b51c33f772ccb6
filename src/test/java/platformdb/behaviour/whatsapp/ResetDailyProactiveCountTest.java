package platformdb.behaviour.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Seed 001 reset_daily_proactive_count (trigger t_messaging_windows_reset_daily): the proactive-message counter
 * counts the current America/Bogota day. Times are placed around today's Bogota midnight (05:00 UTC), relative
 * to now, so the tests hold at any hour.
 */
class ResetDailyProactiveCountTest {

    /** The first instant of today in Bogota. */
    private static final String BOGOTA_MIDNIGHT =
            "(date_trunc('day', now() at time zone 'America/Bogota') at time zone 'America/Bogota')";
    private static final String LAST_SECOND_OF_YESTERDAY_IN_BOGOTA = BOGOTA_MIDNIGHT + " - interval '1 second'";
    private static final AtomicLong PHONES = new AtomicLong(573005550000L);

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @Test
    void anUpdateAfterBogotaMidnightResetsYesterdaysCount() throws SQLException {
        UUID window = windowWith(5, LAST_SECOND_OF_YESTERDAY_IN_BOGOTA);
        assertEquals(0, countAfter("update public.messaging_windows set window_expires_at = window_expires_at + interval '1 hour' where id = ?", window),
                "the last proactive message was sent yesterday (Bogota): today's count starts at 0");
    }

    @Test
    void anUpdateOnTheSameBogotaDayKeepsTheCount() throws SQLException {
        UUID window = windowWith(5, BOGOTA_MIDNIGHT);
        assertEquals(5, countAfter("update public.messaging_windows set window_expires_at = window_expires_at + interval '1 hour' where id = ?", window),
                "the last proactive message was sent today (Bogota, at midnight): the count stands");
    }

    @Test
    void theFirstProactiveMessageOfANewBogotaDayCountsOne() throws SQLException {
        UUID window = windowWith(7, LAST_SECOND_OF_YESTERDAY_IN_BOGOTA);
        assertEquals(1, countAfter("update public.messaging_windows set proactive_messages_sent_today = proactive_messages_sent_today + 1,"
                + " last_proactive_sent_at = now() where id = ?", window), "yesterday's 7 must not carry over");
    }

    @Test
    void anotherProactiveMessageOnTheSameBogotaDayIsAdded() throws SQLException {
        UUID window = windowWith(2, BOGOTA_MIDNIGHT);
        assertEquals(3, countAfter("update public.messaging_windows set proactive_messages_sent_today = proactive_messages_sent_today + 1,"
                + " last_proactive_sent_at = now() where id = ?", window));
    }

    @Test
    void aWindowThatNeverSentAProactiveMessageKeepsItsCount() throws SQLException {
        UUID window = windowWith(0, "null");
        assertEquals(0, countAfter("update public.messaging_windows set window_expires_at = window_expires_at + interval '1 hour' where id = ?", window));
    }

    @Test
    void aBackdatedSendOnAnEarlierBogotaDayResetsTheCount() throws SQLException {
        UUID window = windowWith(4, BOGOTA_MIDNIGHT);
        assertEquals(0, countAfter("update public.messaging_windows set last_proactive_sent_at = " + LAST_SECOND_OF_YESTERDAY_IN_BOGOTA
                + " where id = ?", window), "the seed rule: a last send on an earlier Bogota day means nothing was sent today");
    }

    /** A messaging window whose counter and last proactive send are as given, inserted as the server (no trigger on insert). */
    private static UUID windowWith(int sentToday, String lastSentAt) {
        UUID user = personas.createNumbered("window").id();
        return UUID.fromString(Sql.one(personas.server(),
                "insert into public.messaging_windows (user_id, phone_number, window_opened_at, window_expires_at,"
                        + " proactive_messages_sent_today, last_proactive_sent_at)"
                        + " values (?, ?, now() - interval '1 hour', now() + interval '23 hours', ?, " + lastSentAt + ") returning id",
                user, "+" + PHONES.incrementAndGet(), sentToday));
    }

    private static int countAfter(String update, UUID window) throws SQLException {
        try (Connection server = database.connect()) {
            assertEquals(1, Sql.update(server, update, window));
            return Integer.parseInt(Sql.one(server, "select proactive_messages_sent_today from public.messaging_windows where id = ?", window));
        }
    }
}
