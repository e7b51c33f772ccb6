package platformdb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Supabase's transaction-mode pooler is refused by its port before any connection is opened; every other URL is left
 * to the behaviour probe. (No test listens on 6543: the port may be anyone's on a shared machine.)
 */
class TransactionPoolerUrlTest {

    @Test
    void supabasesTransactionPortIsRefusedWithTheSessionModeWay() {
        Optional<String> refusal = TransactionPooler.refusalForUrl(
                "jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require");
        assertTrue(refusal.isPresent());
        String line = refusal.get();
        assertTrue(line.contains("port 6543 is Supabase's transaction-mode pooler"), line);
        assertTrue(line.contains("session-mode pooler instead (the same pooler host, port 5432, user postgres.<project-ref>)"), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void anyHostOfAMultiHostUrlOnThatPortIsRefused() {
        assertTrue(TransactionPooler.refusalForUrl("jdbc:postgresql://a.example:5432,b.example:6543/postgres").isPresent());
        assertTrue(TransactionPooler.refusalForUrl("jdbc:postgresql://[::1]:6543/postgres").isPresent());
    }

    @Test
    void sessionModeAndDirectConnectionsPass() {
        for (String url : List.of(
                "jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:5432/postgres",
                "jdbc:postgresql://db.abcdefghijklmnop.supabase.co/postgres",
                "jdbc:postgresql://localhost:65430/postgres",
                "jdbc:postgresql://[::1]/postgres?options=-c%20port=6543",
                "jdbc:postgresql:platform")) {
            assertEquals(Optional.empty(), TransactionPooler.refusalForUrl(url), url);
        }
    }

    @Test
    void portsOfEachHostWithPostgresDefault() {
        assertEquals(List.of(5432, 6543, 5433), TransactionPooler.ports("jdbc:postgresql://a,b:6543,[::1]:5433/db?x=1"));
        assertEquals(List.of(5432), TransactionPooler.ports("jdbc:postgresql://host/db"));
        assertEquals(List.of(), TransactionPooler.ports("jdbc:mysql://host:6543/db"));
    }
}
