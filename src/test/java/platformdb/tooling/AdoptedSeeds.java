package platformdb.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import platformdb.postgres.FreshDatabase;
import platformdb.seeds.Seed000Final;
import platformdb.seeds.Seed001;
import platformdb.seeds.Seed002;
import platformdb.seeds.Seed003;
import platformdb.seeds.Seed004;
import platformdb.seeds.SeedPoint;
import platformdb.seeds.SeedDatabase;

/**
 * Seeds' production databases after their team adopted them, for tests that must hold on an adopted database as on a
 * clean deploy (issue 21: "the seed's client contract tests pass" after adoption). Each is built from the seed's own
 * SQL with the fixture's rows, fixed as the reshaping's refusals say, then adopted as an operator adopts it: the
 * preview of {@code scripts/liquibase adopt}, then {@code --apply} with the fingerprint it printed. That runs once per
 * test JVM into a template; each caller gets a copy of its own ({@link Seed000AdoptCommandTest} and
 * {@link Seed001AdoptCommandTest} prove the adoption
 * itself).
 */
public final class AdoptedSeeds {

    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: (\\w+)");

    private static final Map<String, FreshDatabase> TEMPLATES = new HashMap<>();

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

    private static synchronized FreshDatabase adopted(SeedPoint point, String fixes) {
        FreshDatabase template = TEMPLATES.get(point.name());
        if (template == null) {
            SeedDatabase seed = SeedDatabase.build(point);
            try {
                if (fixes != null) {
                    seed.run(fixes);
                }
                adopt(seed.database());
            } catch (RuntimeException e) {
                seed.close();
                throw e;
            }
            template = seed.database().droppedAtExit();
            TEMPLATES.put(point.name(), template);
        }
        return FreshDatabase.copyOf(template);
    }

    private static void adopt(FreshDatabase database) {
        Cli.Result preview = Cli.against(database).liquibase("adopt");
        Matcher printed = FINGERPRINT.matcher(preview.stdout());
        if (preview.exitCode() != 0 || !printed.find()) {
            throw new IllegalStateException("the adoption's preview printed no plan: " + preview.describe());
        }
        Path acceptedDifferences = temporaryFile("accepted-differences", ".yaml");
        Cli.Result applied = Cli.against(database).liquibase("adopt", "--apply", "--fingerprint=" + printed.group(1),
                "--accepted-differences-file=" + acceptedDifferences);
        if (applied.exitCode() != 0 || !applied.stdout().contains("adopt: done, and verified")) {
            throw new IllegalStateException("the adoption did not finish verified: " + applied.describe());
        }
    }

    /** Where adopt lists what it kept (for drift, which these tests do not run), instead of the repository's file. */
    private static Path temporaryFile(String prefix, String suffix) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
