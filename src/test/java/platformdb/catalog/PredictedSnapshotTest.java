package platformdb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import platformdb.postgres.FreshDatabase;

/**
 * A catalog predicted from a read one ({@link CatalogSnapshot#with}), as adoption predicts what a reshaping leaves: set
 * and removed entries change the descriptions, and every new entry belongs to the object a real snapshot would give it
 * (a column or policy to its table, an index to the table its definition names, a grant to its function, a new table to
 * itself), so that the planner's dependencies are those of the real catalog. Checked against the snapshot PostgreSQL
 * gives once the same change really ran.
 */
class PredictedSnapshotTest {

    @Test
    void aPredictionHasTheEntriesAndOwnersOfTheCatalogTheChangeReallyLeaves() {
        try (FreshDatabase database = FreshDatabase.create()) {
            database.execute("create table public.t (id int primary key, note text); create function public.f() returns int language sql as 'select 1'");
            CatalogSnapshot before = CatalogSnapshot.of(database);
            database.execute("""
                    alter table public.t add column extra int default 0;
                    alter table public.t drop column note;
                    create index t_extra on public.t (extra);
                    create table public.u (id int);
                    alter table public.t enable row level security;
                    create policy p on public.t using (true);
                    grant execute on function public.f() to public;
                    comment on table public.u is 'new'""");
            CatalogSnapshot after = CatalogSnapshot.of(database);
            SnapshotDiff change = before.diffTo(after);
            Map<String, String> set = new java.util.TreeMap<>();
            change.onlyAfter().forEach(key -> set.put(key, after.objects().get(key)));
            change.changed().forEach(key -> set.put(key, after.objects().get(key)));
            Set<String> removed = Set.copyOf(change.onlyBefore());
            assertFalse(set.isEmpty() || removed.isEmpty(), "the change sets and removes entries: " + change.describe());

            CatalogSnapshot predicted = before.with(set, removed);
            assertEquals("", after.diffTo(predicted).describe(), "the predicted entries are the real ones");
            assertEquals(after.owningObjects(), predicted.owningObjects(), "and each belongs to the same object");
        }
    }
}
