package platformdb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which catalog entries a pending changeset's entry relates to: itself, and the table it is a part of. */
class UpdateDriftGuardTest {

    @Test
    void aPartOfATableRelatesToTheTable() {
        assertEquals(Set.of("column public.t.c", "relation public.t"), UpdateDriftGuard.relatedObjects("column public.t.c"));
        assertEquals(Set.of("policy public.t.p", "relation public.t"), UpdateDriftGuard.relatedObjects("policy public.t.p"));
        assertEquals(Set.of("trigger public.t.trg", "relation public.t"), UpdateDriftGuard.relatedObjects("trigger public.t.trg"));
        assertEquals(Set.of("grant on column public.t.c to anon", "relation public.t"),
                UpdateDriftGuard.relatedObjects("grant on column public.t.c to anon"));
        assertEquals(Set.of("grant on table public.t to anon", "relation public.t"), UpdateDriftGuard.relatedObjects("grant on table public.t to anon"));
    }

    @Test
    void anObjectOfItsOwnRelatesToItselfOnly() {
        assertEquals(Set.of("function public.f(uuid)"), UpdateDriftGuard.relatedObjects("function public.f(uuid)"));
        assertEquals(Set.of("relation public.t"), UpdateDriftGuard.relatedObjects("relation public.t"));
    }
}
