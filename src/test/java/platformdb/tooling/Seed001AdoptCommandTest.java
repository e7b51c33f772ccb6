package platformdb.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import platformdb.catalog.CatalogSnapshot;
import platformdb.fixtures.Sql;
import platformdb.seeds.Seed001;
import platformdb.seeds.SeedDatabase;

/**
 * Seed 001's production database (migue.ai) at its final point, built by the seed's own SQL with the team's table and
 * rows, adopted with {@code scripts/liquibase adopt}: the preview names the row the reshaping cannot hold and changes
 * nothing; with it fixed as the refusal says, the point is recognised, the SQL the preview writes is what --apply runs,
 * the apply keeps every row where the unified schema moved it (users in user_profiles, each with an auth account,
 * messages_v2 in messages, user_memory in memories), nothing is left to run, and rolling back to the adoption tag
 * returns the seed's catalog and every row exactly, the auth accounts it created gone.
 */
class Seed001AdoptCommandTest {

    private static SeedAdoption adoption;

    @BeforeAll
    static void theSeedsDatabaseAdopted() {
        adoption = SeedAdoption.of(Seed001.atFinalPoint(), "/seeds/001/fixes-for-the-reshaping.sql");
    }

    @Test
    void theRowTheReshapingCannotHoldIsNamedByThePreviewAndNothingChanges() {
        try (SeedDatabase unfixed = SeedDatabase.build(Seed001.atFinalPoint())) {
            CatalogSnapshot before = CatalogSnapshot.of(unfixed.database());
            Cli.Result preview = Cli.against(unfixed.database()).liquibase("adopt");
            assertEquals(1, preview.exitCode(), preview.describe());
            assertTrue(preview.stdout().contains("Reshaping: the database is at seed point seed-001-final"), preview.describe());
            assertTrue(preview.stdout().contains("Rows in the way (1)") && preview.stdout().contains("public.messages_v2"), preview.describe());
            assertEquals("", before.diffTo(CatalogSnapshot.of(unfixed.database())).describe(), "the refused preview changes nothing");
        }
    }

    @Test
    void everyRowIsKeptWhereTheUnifiedSchemaMovedItAndTheWayBackIsExact() throws SQLException {
        try (Connection connection = adoption.adopted.connect()) {
            assertEquals("seed-001-final", Sql.one(connection, "select max(reshaping) from liquibase.adopted_changesets"));
            assertEquals(List.of("+5215512345678 |", "+573001112233 María|es", "+573004445566 Juan|"), Sql.column(connection,
                    "select p.phone_number || ' ' || coalesce(p.name, '') || '|' || coalesce(p.preferences ->> 'language', '')"
                            + " from public.user_profiles p join auth.users a on a.id = p.id and '+' || a.phone = p.phone_number order by 1"),
                    "each seed user is a profile of an auth account with the user's id and phone");
            assertEquals("0", Sql.one(connection, "select count(*)::text from pg_class where relname in ('users', 'messages_v2', 'user_memory')"
                    + " and relnamespace = 'public'::regnamespace"), "the seed's names are gone");
        }
        adoption.assertEveryRowKeptNothingToRunAndTheWayBackExact(List.of("public.broadcast_opt_outs"), wayBack -> {
            try (Connection connection = wayBack.connect()) {
                assertEquals("0", Sql.one(connection, "select count(*)::text from auth.users"), "the auth accounts the adoption created are gone");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theSqlThePreviewWroteRunByPsqlDoesWhatApplyDid() {
        adoption.assertThePreviewsSqlDoesWhatApplyDid();
    }
}
