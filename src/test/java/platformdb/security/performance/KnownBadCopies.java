package platformdb.security.performance;

import platformdb.postgres.FreshDatabase;

/**
 * Known-bad copies of public.memories (same rows, owner and created_at; no embeddings), each with one policy
 * fault the RLS cost check exists to catch. Created in the loaded database only, never in the changelog.
 */
final class KnownBadCopies {

    static final String PER_ROW = "perf_bad_memories_per_row_auth";
    static final String UNINDEXED = "perf_bad_memories_unindexed";

    private KnownBadCopies() {
    }

    /**
     * The owner's index is there, but the policy compares the JWT's sub as text with user_id::text: the auth
     * call is evaluated for every row and no index matches the expression, so every read scans the table.
     */
    static void perRowAuthCall(FreshDatabase database) {
        copy(database, PER_ROW, true, "(auth.jwt() ->> 'sub') = user_id::text");
    }

    /** The policy is written well ((select auth.uid()), an initPlan), but no index leads with user_id. */
    static void unindexedOwner(FreshDatabase database) {
        copy(database, UNINDEXED, false, "user_id = (select auth.uid())");
    }

    private static void copy(FreshDatabase database, String table, boolean withOwnerIndex, String policy) {
        database.execute("create table public." + table + " (id uuid primary key, user_id uuid not null, content text not null, created_at timestamptz not null)");
        if (withOwnerIndex) {
            database.execute("create index on public." + table + " (user_id, created_at desc)");
        }
        database.execute("insert into public." + table + " select id, user_id, content, created_at from public.memories");
        database.execute("alter table public." + table + " enable row level security");
        database.execute("create policy " + table + "_owner on public." + table + " for select to authenticated using (" + policy + ")");
        database.execute("grant select on public." + table + " to authenticated, service_role");
        database.execute("analyze public." + table);
    }
}
