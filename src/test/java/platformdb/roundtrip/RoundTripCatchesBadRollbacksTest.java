package platformdb.roundtrip;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import platformdb.liquibase.FixtureChangelog;
import platformdb.postgres.FreshDatabase;

/** The harness proves itself: each known-bad rollback is caught, with its changeset and object named. */
class RoundTripCatchesBadRollbacksTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            index-left-behind.yaml           | create-index-fixture-a              | unexpected: index public.fixture_a_idx
            column-default-not-restored.yaml | change-default-fixture-a            | changed:    column public.fixture.a
            policy-not-dropped.yaml          | create-policy-fixture-positive      | unexpected: policy public.fixture.fixture_positive
            function-body-not-restored.yaml  | replace-function-fixture-answer     | changed:    function public.fixture_answer()
            enum-label-left-behind.yaml      | add-enum-label-fixture-kind-sticker | changed:    enum public.fixture_kind
            grant-not-revoked.yaml           | grant-select-fixture-public         | unexpected: grant on table public.fixture to PUBLIC
            trigger-left-disabled.yaml       | disable-trigger-fixture-touch       | changed:    trigger public.fixture.fixture_touch
            rls-left-enabled.yaml            | enable-rls-fixture                  | changed:    relation public.fixture
            comment-left-behind.yaml         | comment-on-fixture                  | unexpected: comment on table public.fixture
            default-privilege-left-behind.yaml | default-privileges-fixture        | unexpected: default privileges of CURRENT_USER in schema public on tables to PUBLIC
            view-option-not-restored.yaml    | replace-view-fixture-positive       | changed:    relation public.fixture_positive
            """)
    void badRollbackIsCaughtAndNamed(String fixture, String badChangeSet, String differingObject) {
        String path = "fixtures/roundtrip/" + fixture;
        AssertionError failure = assertThrows(AssertionError.class, () -> new RoundTrip(FixtureChangelog.of(path)).prove());
        String message = failure.getMessage();
        assertTrue(message.contains("changeset " + path + "::" + badChangeSet + "::fixture"),
                "the failure should name the changeset " + badChangeSet + " of " + path + ", but said:\n" + message);
        assertTrue(message.contains("its rollback did not restore the catalog"),
                "the failure should say the rollback did not restore the catalog, but said:\n" + message);
        assertTrue(message.contains(differingObject), "the diff should show " + differingObject + ", but said:\n" + message);
    }

    /**
     * The refreshed snapshots' blind spot (a change no event trigger reports) is caught by the whole one at the tag.
     * The deploys run as postgres, which may not write the catalog: a superuser's definer function does it for them.
     */
    @Test
    void aChangeTheDdlProbeCannotSeeIsCaughtAtTheNextTag() throws SQLException {
        String path = "fixtures/roundtrip/change-unseen-by-the-probe.yaml";
        AssertionError failure;
        try (FreshDatabase database = FreshDatabase.create()) {
            try (Connection superuser = database.connectAsAdmin(); Statement sql = superuser.createStatement()) {
                sql.execute("""
                        create function public.set_row_security_in_the_catalog(relation regclass, enabled boolean) returns void
                          language sql security definer set search_path = ''
                          as $$ update pg_catalog.pg_class set relrowsecurity = enabled where oid = relation $$""");
                sql.execute("grant execute on function public.set_row_security_in_the_catalog(regclass, boolean) to " + database.server().username());
            }
            failure = assertThrows(AssertionError.class, () -> new RoundTrip(FixtureChangelog.of(path)).prove(database));
        }
        String message = failure.getMessage();
        assertTrue(message.contains("the step-by-step snapshots up to tag fixture-tag") && message.contains("missed a change that a whole snapshot sees")
                && message.contains("changed:    relation public.fixture"), "the failure should name the tag and the relation, but said:\n" + message);
    }

    @Test
    void goodFixturePasses() {
        assertDoesNotThrow(() -> new RoundTrip(FixtureChangelog.of("fixtures/roundtrip/good.yaml")).prove());
    }
}
