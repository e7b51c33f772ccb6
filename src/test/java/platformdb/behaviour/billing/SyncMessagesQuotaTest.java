package platformdb.behaviour.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.fixtures.Personas;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** sync_messages_quota (seed 003): a plan's message quota follows its tier (FREE 50, BASIC 500, PRO 5000, ENTERPRISE unlimited). */
class SyncMessagesQuotaTest {

    private static final String QUOTA = "select coalesce(messages_quota::text, 'unlimited') from public.user_plans where user_id = ?";

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;

    @ParameterizedTest(name = "a new {0} plan gets a quota of {1}")
    @CsvSource({"FREE, 50", "BASIC, 500", "PRO, 5000", "ENTERPRISE, unlimited"})
    void aNewPlanGetsTheQuotaOfItsTier(String tier, String quota) throws SQLException {
        UUID user = personas.createNumbered(tier.toLowerCase()).id();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.user_plans (user_id, plan, billing_cycle, messages_quota) values (?, ?::public.plan_tier_v2, 'mensal', 7)", user, tier);
            assertEquals(quota, Sql.one(server, QUOTA, user), "the quota given on insert is overridden by the plan's");
        }
    }

    @Test
    void upgradingAndDowngradingThePlanMovesTheQuota() throws SQLException {
        UUID user = personas.create("mover").id();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.user_plans (user_id) values (?)", user);
            assertEquals("50", Sql.one(server, QUOTA, user), "the default plan is FREE");
            Sql.update(server, "update public.user_plans set plan = 'PRO', billing_cycle = 'anual' where user_id = ?", user);
            assertEquals("5000", Sql.one(server, QUOTA, user));
            Sql.update(server, "update public.user_plans set plan = 'ENTERPRISE' where user_id = ?", user);
            assertEquals("unlimited", Sql.one(server, QUOTA, user));
            Sql.update(server, "update public.user_plans set plan = 'BASIC' where user_id = ?", user);
            assertEquals("500", Sql.one(server, QUOTA, user));
        }
    }

    @Test
    void updatesThatLeaveThePlanAloneLeaveTheQuotaAlone() throws SQLException {
        UUID user = personas.create("custom").id();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.user_plans (user_id, plan, billing_cycle) values (?, 'BASIC', 'mensal')", user);
            Sql.update(server, "update public.user_plans set messages_quota = 750 where user_id = ?", user);
            Sql.update(server, "update public.user_plans set messages_used = 10 where user_id = ?", user);
            assertEquals("750", Sql.one(server, QUOTA, user), "a quota granted by hand survives updates of other columns");
        }
    }
}
