package platformdb.behaviour.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Seed 001 004_ai_cost_tracking: the view ai_usage_daily_costs sums calls, tokens and cost per UTC day, provider
 * and model, and (security_invoker) shows each caller only the figures of rows they may read.
 */
class AiUsageDailyCostsTest {

    private static final String DAILY = "select usage_date || ' ' || provider || ' ' || model || ' calls=' || calls || ' in=' || input_tokens"
            + " || ' out=' || output_tokens || ' usd=' || cost_usd from public.ai_usage_daily_costs order by 1";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static UUID maria;
    private static UUID juan;

    @BeforeAll
    static void callsOfTwoUsersAndTheSystem() {
        maria = personas.create("maria").id();
        juan = personas.create("juan").id();
        call(maria, "openai", "gpt-4o-mini", 1000, 200, "0.000270", "2025-03-01T08:00:00Z");
        call(maria, "openai", "gpt-4o-mini", 500, 100, "0.000135", "2025-03-01T20:00:00Z");
        // 23:30 in Bogota on 1 March is 04:30 UTC on 2 March: the view's days are UTC days.
        call(maria, "anthropic", "claude-3-5-haiku", 300, 50, "0.000440", "2025-03-01T23:30:00-05:00");
        call(juan, "openai", "gpt-4o-mini", 9000, 9000, "0.006750", "2025-03-01T09:00:00Z");
        call(null, "openai", "text-embedding-3-small", 7000, 0, "0.000140", "2025-03-01T10:00:00Z");
    }

    @Test
    void aUserSeesTheDailyFiguresOfTheirOwnCallsOnly() throws SQLException {
        try (ApiRequest asMaria = personas.actAs("maria")) {
            assertEquals(List.of(
                    "2025-03-01 openai gpt-4o-mini calls=2 in=1500 out=300 usd=0.000405",
                    "2025-03-02 anthropic claude-3-5-haiku calls=1 in=300 out=50 usd=0.000440"), Sql.column(asMaria.sql(), DAILY));
        }
    }

    @Test
    void anotherUserSeesOnlyTheirs() throws SQLException {
        try (ApiRequest asJuan = personas.actAs("juan")) {
            assertEquals(List.of("2025-03-01 openai gpt-4o-mini calls=1 in=9000 out=9000 usd=0.006750"), Sql.column(asJuan.sql(), DAILY));
        }
    }

    @Test
    void theServerSeesEveryCallIncludingTheSystemsOwn() throws SQLException {
        try (ApiRequest server = personas.asServiceRole()) {
            assertEquals(List.of(
                    "2025-03-01 openai gpt-4o-mini calls=3 in=10500 out=9300 usd=0.007155",
                    "2025-03-01 openai text-embedding-3-small calls=1 in=7000 out=0 usd=0.000140",
                    "2025-03-02 anthropic claude-3-5-haiku calls=1 in=300 out=50 usd=0.000440"), Sql.column(server.sql(), DAILY));
        }
    }

    @Test
    void anAnonymousCallerSeesNoFigures() throws SQLException {
        try (ApiRequest anon = personas.asAnon()) {
            assertEquals(List.of(), Sql.column(anon.sql(), DAILY));
        }
    }

    private static void call(UUID user, String provider, String model, int in, int out, String usd, String at) {
        Sql.update(personas.server(), "insert into public.ai_usage_costs (user_id, provider, model, input_tokens, output_tokens, cost_usd, created_at)"
                + " values (?, ?, ?, ?, ?, ?::numeric, ?::timestamptz)", user, provider, model, in, out, usd, at);
    }
}
