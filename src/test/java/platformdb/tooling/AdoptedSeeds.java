package platformdb.tooling;

import platformdb.postgres.FreshDatabase;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.Seed001;
import platformdb.seeds.Seed002;
import platformdb.seeds.Seed003;
import platformdb.seeds.Seed004;
import platformdb.seeds.SeedPoint;

/**
 * Seeds' production databases after their team adopted them, for tests that must hold on an adopted database as on a
 * clean deploy (issue 21: "the seed's client contract tests pass" after adoption). Each is built from the seed's own
 * SQL with the fixture's rows, fixed as the reshaping's refusals say, then adopted as an operator adopts it
 * ({@link SeedAdoption}, once per test JVM, shared with the command tests that prove the adoption itself, such as
 * {@link Seed000AdoptCommandTest}); each caller gets a copy of its own.
 */
public final class AdoptedSeeds {

    private AdoptedSeeds() {
    }

    /**
     * Seed 000's database at its final point, adopted: in Supabase mode (Supabase's roles, auth.users, schema
     * extensions), holding the seed fixture's rows and the team's own tables. Close it to drop it.
     */
    public static FreshDatabase seed000() {
        return adopted(new Seed000Final(), "/seeds/000-final/fixes-for-the-reshaping.sql");
    }

    /** Seed 001's database right after its migration 001_optimize_rls_indexes, adopted, likewise. Close it to drop it. */
    public static FreshDatabase seed001AfterOptimizeRlsIndexes() {
        return adopted(Seed001.afterOptimizeRlsIndexes(), "/seeds/001/fixes-for-the-reshaping.sql");
    }

    /** Seed 001's database at its final point, adopted, likewise. Close it to drop it. */
    public static FreshDatabase seed001() {
        return adopted(Seed001.atFinalPoint(), "/seeds/001/fixes-for-the-reshaping.sql");
    }

    /** Seed 002's database after its Solution 1 migration, adopted, likewise. Close it to drop it. */
    public static FreshDatabase seed002() {
        return adopted(new Seed002(), null);
    }

    /** Seed 003's database right after its migration ai_integration, adopted, likewise. Close it to drop it. */
    public static FreshDatabase seed003AfterAiIntegration() {
        return adopted(Seed003.afterAiIntegration(), null);
    }

    /** Seed 003's database at its final point, adopted, likewise. Close it to drop it. */
    public static FreshDatabase seed003() {
        return adopted(Seed003.atFinalPoint(), null);
    }

    /** Seed 004's database (the unified schema v3) at its final point, adopted, likewise. Close it to drop it. */
    public static FreshDatabase seed004() {
        return adopted(new Seed004(), null);
    }

    private static FreshDatabase adopted(SeedPoint point, String fixes) {
        return SeedAdoption.of(point, fixes).adoptedCopy();
    }
}
