package platformdb.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The size and the row names of the populated database at a scale (1 = 1M messages). Ids are md5 of a name, as
 * PostgreSQL's {@code md5(name)::uuid} gives them, so the load can name any row without asking the database.
 * Conversation g (1-based) belongs to user {@code g % users + 1}, except every tenth, a widget conversation of a site.
 */
record Dataset(double scale, int users, int tenants, int conversations, int messagesPerConversation, int memories,
               int embeddedMemories, int embeddedMessages) {

    static Dataset atScale(double scale) {
        return new Dataset(scale, scaled(10_000, scale), scaled(1_000, scale), scaled(100_000, scale), 10,
                scaled(100_000, scale), scaled(2_000, scale), scaled(1_000, scale));
    }

    private static int scaled(int count, double scale) {
        return Math.max(10, (int) Math.round(count * scale));
    }

    int messages() {
        return conversations * messagesPerConversation;
    }

    /** A personal (not widget) conversation number near {@code n}, 1..conversations. */
    int personalConversation(int n) {
        int g = Math.floorMod(n, conversations) + 1;
        return g % 10 == 0 ? (g == conversations ? g - 1 : g + 1) : g;
    }

    int ownerOf(int personalConversation) {
        return personalConversation % users + 1;
    }

    static UUID user(int n) {
        return md5Uuid("bench-user-" + n);
    }

    static UUID conversation(int g) {
        return md5Uuid("bench-conv-" + g);
    }

    /** {@code md5(name)::uuid}, as PostgreSQL computes it. */
    static UUID md5Uuid(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (digest[i] & 0xff);
                low = (low << 8) | (digest[i + 8] & 0xff);
            }
            return new UUID(high, low);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
