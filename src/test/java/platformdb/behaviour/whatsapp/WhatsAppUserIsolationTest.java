package platformdb.behaviour.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.Personas;
import platformdb.fixtures.RowRecipes;
import platformdb.fixtures.Rows;
import platformdb.fixtures.Sql;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * What the access matrix does not play for a WhatsApp user (seed 001): the rows the server keeps without a user
 * (a dead letter, an embedding's cost) are read by no user and no visitor, and a user cannot create the profile
 * of an account that has none yet. Reads and writes of the users' own rows are the matrix's.
 */
class WhatsAppUserIsolationTest {

    @Deployed
    private static FreshDatabase database;
    @Deployed
    private static Personas personas;
    private static final Map<String, UUID> mariasRows = new HashMap<>();

    @BeforeAll
    static void twoWhatsAppUsersAndTheServersOwnRows() {
        UUID maria = personas.create("maria").id();
        UUID juan = personas.create("juan").id();
        Rows rows = new Rows(personas.server());
        RowRecipes recipes = RowRecipes.load();
        for (String table : List.of("dead_letter_queue", "ai_usage_costs")) {
            mariasRows.put(table, UUID.fromString(rows.make(recipes.of(table), maria, true, "id")));
            rows.make(recipes.of(table), juan, false, "id");
        }
        Sql.update(personas.server(), "insert into public.dead_letter_queue (source, payload, error_message) values ('ai_processing', '{}', 'no user')");
        Sql.update(personas.server(), "insert into public.ai_usage_costs (provider, model, operation) values ('openai', 'text-embedding-3-small', 'embedding')");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dead_letter_queue", "ai_usage_costs"})
    void aUserSeesOnlyTheirOwnRowsNotTheServersRowsWithoutAUser(String table) {
        try (ApiRequest asMaria = personas.actAs("maria")) {
            assertEquals(List.of(mariasRows.get(table).toString()), Sql.column(asMaria.sql(), "select id::text from public." + table),
                    "maria should see exactly her own row of " + table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dead_letter_queue", "ai_usage_costs"})
    void anAnonymousCallerReadsNothing(String table) {
        try (ApiRequest anon = personas.asAnon()) {
            assertEquals("0", Sql.one(anon.sql(), "select count(*)::text from public." + table));
        }
    }

    @Test
    void aUserCannotCreateSomeoneElsesProfile() {
        UUID newcomer = personas.create("newcomer").id();
        Sql.update(personas.server(), "delete from public.user_profiles where id = ?", newcomer);
        try (ApiRequest asMaria = personas.actAs("maria")) {
            SQLException refused = Sql.failure(asMaria.sql(), "insert into public.user_profiles (id, name) values (?, 'planted')", newcomer);
            assertTrue(refused.getMessage().contains("row-level security"), "expected an RLS refusal, got: " + refused.getMessage());
        }
    }
}
