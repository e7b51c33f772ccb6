package platformdb.security.performance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import platformdb.postgres.FreshDatabase;

/**
 * The hot reads of issue 5, item 5, as the app and a Supabase client send them, over {@link ManyUsersDataset}:
 * a user's conversations and messages, a user's memories by vector similarity, a tenant's pages and page chunks.
 * Shared by the test of the deployed schema and the test that the check catches the policies this schema had
 * before release rls-hot-reads.
 */
final class HotReads {

    static final UUID ALICE = ManyUsersDataset.user(420);      // an end user, not a tenant
    static final int TENANT_USER = 7;                          // owns customer 7 and its site
    static final UUID TENANT = ManyUsersDataset.user(TENANT_USER);
    private static final String TENANT_SITES = "(select cc.id from public.customer_configs cc join public.customers c on c.id = cc.customer_id where c.auth_user_id = '" + TENANT + "')";

    private final RlsCostCheck check;

    HotReads(RlsCostCheck check) {
        this.check = check;
    }

    /**
     * Loads batch 0 of {@link ManyUsersDataset} into the database, measures every hot read, loads batch 1 (other
     * owners' rows doubling every table), measures again: each read at the two scales, by name.
     */
    static Map<String, ReadAtTwoScales> measureAtTwoScales(FreshDatabase database) {
        HotReads reads = new HotReads(new RlsCostCheck(database));
        ManyUsersDataset.loadAndReport(database, 0);
        Map<String, ReadCost> withOneBatch = reads.measureAll();
        ManyUsersDataset.loadAndReport(database, 1);
        Map<String, ReadCost> withTwoBatches = reads.measureAll();
        Map<String, ReadAtTwoScales> measured = new LinkedHashMap<>();
        withOneBatch.forEach((read, cost) -> measured.put(read, new ReadAtTwoScales(cost, withTwoBatches.get(read))));
        return measured;
    }

    /** Every hot read, measured now, by name. */
    Map<String, ReadCost> measureAll() {
        Map<String, ReadCost> measured = new LinkedHashMap<>();
        Stream.<Function<HotReads, ReadCost>>of(HotReads::usersConversations, HotReads::usersConversationsRlsAlone,
                        HotReads::tenantsConversationsRlsAlone, HotReads::messagesOfAConversation,
                        HotReads::messagesOfAWidgetConversationAsItsTenant, HotReads::usersLatestMessages,
                        HotReads::usersMemoriesNearestAQueryEmbedding, HotReads::usersMemoriesRlsAlone,
                        HotReads::tenantsPagesLatestFirst, HotReads::tenantsPageChunksNearestAQueryEmbedding)
                .map(read -> read.apply(this))
                .forEach(cost -> measured.put(cost.read(), cost));
        return measured;
    }

    ReadCost usersConversations() {
        return check.measure("user's conversations", ALICE,
                "select id, title, status, created_at from public.conversations where user_id = '" + ALICE + "' order by created_at desc limit 20",
                "conversations");
    }

    /**
     * A Supabase client reading its conversations with no owner filter
     * ({@code from('conversations').select().order('created_at', desc).limit(20)}): the policy is the filter.
     */
    ReadCost usersConversationsRlsAlone() {
        return check.measureRlsAlone("user's conversations, RLS alone", ALICE,
                "select id, title, status, created_at from public.conversations where user_id = '" + ALICE + "' order by created_at desc limit 20",
                "select id, title, status, created_at from public.conversations order by created_at desc limit 20",
                "conversations");
    }

    /** The same from the tenant's dashboard: its site's widget conversations (and its own, as a user). */
    ReadCost tenantsConversationsRlsAlone() {
        return check.measureRlsAlone("tenant's conversations, RLS alone", TENANT,
                "select * from (select id, title, status, created_at from public.conversations where user_id = '" + TENANT + "'"
                        + " union select id, title, status, created_at from public.conversations where customer_id in " + TENANT_SITES + ") own order by created_at desc limit 20",
                "select id, title, status, created_at from public.conversations order by created_at desc limit 20",
                "conversations");
    }

    ReadCost messagesOfAConversation() {
        return check.measure("messages of a conversation", ALICE,
                "select id, role, content, created_at from public.messages where conversation_id = '" + ManyUsersDataset.conversationOf(420, 3) + "' order by created_at",
                "messages", "conversations");
    }

    ReadCost messagesOfAWidgetConversationAsItsTenant() {
        return check.measure("messages of a widget conversation, tenant", TENANT,
                "select id, role, content, created_at from public.messages where conversation_id = '" + ManyUsersDataset.widgetConversationOf(TENANT_USER, 2) + "' order by created_at",
                "messages", "conversations");
    }

    ReadCost usersLatestMessages() {
        return check.measure("user's latest messages", ALICE,
                "select m.id, m.role, m.content, m.created_at from public.messages m join public.conversations cv on cv.id = m.conversation_id where cv.user_id = '" + ALICE + "' order by m.created_at desc limit 50",
                "messages", "conversations");
    }

    /**
     * public.search_memories_semantic is not measured through EXPLAIN: it is declared with
     * {@code set search_path = ''}, so PostgreSQL cannot inline it and EXPLAIN shows one opaque Function Scan; the
     * read measured is the query of its body (user_id filter, deleted_at is null, order by {@code <=>}, limit 10).
     */
    ReadCost usersMemoriesNearestAQueryEmbedding() {
        return check.measure("user's memories by similarity", ALICE,
                "select id, content from public.memories where user_id = '" + ALICE + "' and deleted_at is null and embedding is not null order by embedding operator(extensions.<=>) " + ManyUsersDataset.queryEmbedding() + " limit 10",
                "memories");
    }

    ReadCost usersMemoriesRlsAlone() {
        return check.measureRlsAlone("user's memories, RLS alone", ALICE,
                "select id, content, created_at from public.memories where user_id = '" + ALICE + "' order by created_at desc limit 20",
                "select id, content, created_at from public.memories order by created_at desc limit 20",
                "memories");
    }

    ReadCost tenantsPagesLatestFirst() {
        return check.measure("tenant's pages", TENANT,
                "select id, url, title, last_scraped_at from public.scraped_pages where customer_id in " + TENANT_SITES + " order by last_scraped_at desc limit 50",
                "scraped_pages");
    }

    ReadCost tenantsPageChunksNearestAQueryEmbedding() {
        return check.measure("tenant's page chunks by similarity", TENANT,
                "select pe.id, pe.chunk_text from public.page_embeddings pe join public.scraped_pages sp on sp.id = pe.page_id where sp.customer_id in " + TENANT_SITES + " order by pe.embedding operator(extensions.<=>) " + ManyUsersDataset.queryEmbedding() + " limit 10",
                "page_embeddings", "scraped_pages");
    }
}
