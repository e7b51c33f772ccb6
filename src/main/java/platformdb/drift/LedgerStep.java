package platformdb.drift;

import java.util.SortedMap;
import java.util.SortedSet;

/**
 * What one changeset does to the catalog: the entries it sets (created or redefined, with their new description)
 * and the entries it removes, computed on a scratch database with every earlier changeset applied.
 *
 * @param changeSet the changeset's identity as DATABASECHANGELOG records it: file::id::author
 * @param checkSum  Liquibase's checksum of the changeset the step was computed from ("9:...")
 * @param contexts  the changeset's context expression ("" when it has none)
 */
public record LedgerStep(String changeSet, String checkSum, String contexts,
                         SortedMap<String, String> set, SortedSet<String> removed) {

    /** A changeset of the local Supabase-compatibility layer, never applied on Supabase itself. */
    public boolean plainPostgresOnly() {
        return contexts.replace(" ", "").contains("!supabase");
    }
}
