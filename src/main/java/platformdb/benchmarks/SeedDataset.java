package platformdb.benchmarks;

import java.util.UUID;

/**
 * The size and the row names of seed 000's database at a scale (1 = 100 000 conversations, 1 000 000 messages), as
 * the seed's widget product would have them: a tenant (customer, owner account) per site, and per site its domains,
 * crawled pages with an embedding each, unified content, AI-optimised pages, extraction results, refresh jobs, URL
 * patterns and feature requests; the conversations spread over the sites, ten messages each, a support ticket per
 * hundred conversations, a widget event per conversation. Conversation g (1-based) is site {@code g % sites + 1}'s,
 * with session id {@code sess_g}; ids are md5 of a name, so the load can name any row without asking the database.
 */
record SeedDataset(double scale, int sites, int conversations, int messagesPerConversation) {

    static final int DOMAINS_PER_SITE = 2;
    static final int PAGES_PER_SITE = 10;
    static final int CONTENT_PER_SITE = 10;
    static final int OPTIMIZED_PER_SITE = 2;
    static final int REFRESH_JOBS_PER_SITE = 5;
    static final int FEATURE_REQUESTS_PER_SITE = 3;
    static final int CONVERSATIONS_PER_TICKET = 100;
    static final int PAGES_PER_EXTRACTION = 5;

    static SeedDataset atScale(double scale) {
        return new SeedDataset(scale, scaled(1_000, scale), scaled(100_000, scale), 10);
    }

    private static int scaled(int count, double scale) {
        return Math.max(10, (int) Math.round(count * scale));
    }

    int messages() {
        return conversations * messagesPerConversation;
    }

    int siteOf(int conversation) {
        return conversation % sites + 1;
    }

    static UUID conversation(int g) {
        return Dataset.md5Uuid("bench-seed-conversation-" + g);
    }

    static String sessionId(int g) {
        return "sess_" + g;
    }

    static String domain(int site) {
        return "site-" + site + ".example.test";
    }
}
