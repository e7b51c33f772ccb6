package platformdb.tooling;

import platformdb.postgres.FreshDatabase;

/** Rows a user cares about, in tables of the base layer and of the last release. */
final class RunbookData {

    static final String ALICE = "00000000-0000-4000-8000-00000000a11c";

    private RunbookData() {
    }

    static void insert(FreshDatabase database) {
        database.execute("insert into auth.users (id, email) values ('" + ALICE + "', 'alice@example.com');"
                + " insert into public.user_journeys (user_id, session_id, journey_type)"
                + " values ('" + ALICE + "', 'session-1', 'onboarding')");
    }
}
