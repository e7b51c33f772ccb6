package platformdb.seeds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import platformdb.seeds.SeedGuide.SqlBlock;

/**
 * How a seed's guide becomes its production database at one point of its history: which {@code ```sql} blocks run, in
 * which order, with which literal edits, and what SQL the guide does not give but the seed needs (with its source).
 * Every block of the guide is either run or skipped with a reason, and every edit must apply: a guide that no longer
 * fits its recipe fails loudly instead of building something else.
 */
public record Recipe(String seedFile, String sha256, String point, SeedRun.Style style, List<Step> steps) {

    /** One step of a recipe. */
    public sealed interface Step permits GuideBlocks, Added, Skipped {
    }

    /** The blocks under a heading (all of them, or the one at {@code ordinal}, 1-based), with edits applied in order. */
    public record GuideBlocks(String heading, int ordinal, List<Edit> edits) implements Step {
    }

    /** SQL the guide does not give, with where its shape comes from and why the seed's database has it. */
    public record Added(String name, String sql, String source, String reason) implements Step {
    }

    /** Blocks under a heading that a production database never ran (templates, diagnostics), and why. */
    public record Skipped(String heading, String reason) implements Step {
    }

    /** A literal (or, for a mechanical rewrite of a whole layout, regular-expression) replacement, with its reason. */
    public record Edit(String find, String replacement, boolean regex, String reason) {

        public static Edit literal(String find, String replacement, String reason) {
            return new Edit(find, replacement, false, reason);
        }

        public static Edit regex(String find, String replacement, String reason) {
            return new Edit(find, replacement, true, reason);
        }

        String apply(String sql, String where) {
            Matcher matcher = (regex ? Pattern.compile(find, Pattern.MULTILINE) : Pattern.compile(Pattern.quote(find))).matcher(sql);
            if (!matcher.find()) {
                throw new IllegalStateException("recipe edit no longer applies to " + where + ": '" + find + "' not found (" + reason + ")");
            }
            return matcher.replaceAll(regex ? replacement : Matcher.quoteReplacement(replacement));
        }
    }

    public static GuideBlocks blocks(String heading, Edit... edits) {
        return new GuideBlocks(heading, 0, List.of(edits));
    }

    public static GuideBlocks block(String heading, int ordinal, Edit... edits) {
        return new GuideBlocks(heading, ordinal, List.of(edits));
    }

    public static Added added(String name, String sql, String source, String reason) {
        return new Added(name, sql, source, reason);
    }

    public static Skipped skipped(String heading, String reason) {
        return new Skipped(heading, reason);
    }

    /** The guide this recipe was written for (checked by SHA-256). */
    public SeedGuide guide() {
        return SeedGuide.load(seedFile, sha256);
    }

    /** The scripts to run, in order, each named by its origin; fails when a block is unaccounted for or an edit misses. */
    public List<Script> scripts(SeedGuide guide) {
        Map<SqlBlock, Boolean> accounted = new LinkedHashMap<>();
        guide.blocks().forEach(b -> accounted.put(b, false));
        List<Script> scripts = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof GuideBlocks run) {
                for (SqlBlock block : matching(guide, run.heading(), run.ordinal())) {
                    markOnce(accounted, block);
                    String sql = block.sql();
                    for (Edit edit : run.edits()) {
                        sql = edit.apply(sql, block.describe());
                    }
                    scripts.add(new Script(block.describe(), sql));
                }
            } else if (step instanceof Skipped skip) {
                matching(guide, skip.heading(), 0).forEach(b -> markOnce(accounted, b));
            } else if (step instanceof Added add) {
                scripts.add(new Script("added: " + add.name(), add.sql()));
            }
        }
        List<String> left = accounted.entrySet().stream().filter(e -> !e.getValue()).map(e -> e.getKey().describe()).toList();
        if (!left.isEmpty()) {
            throw new IllegalStateException("recipe " + point + " of " + seedFile + " neither runs nor skips " + left);
        }
        return scripts;
    }

    private static List<SqlBlock> matching(SeedGuide guide, String heading, int ordinal) {
        List<SqlBlock> found = guide.blocks().stream()
                .filter(b -> b.heading().equals(heading) && (ordinal == 0 || b.ordinal() == ordinal)).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no sql block under heading \"" + heading + "\"" + (ordinal == 0 ? "" : " #" + ordinal) + " in " + guide.fileName());
        }
        return found;
    }

    private static void markOnce(Map<SqlBlock, Boolean> accounted, SqlBlock block) {
        if (accounted.put(block, true)) {
            throw new IllegalStateException(block.describe() + " is named twice by the recipe");
        }
    }

    /** SQL to run and where it comes from (a guide block or an added step). */
    public record Script(String origin, String sql) {
    }
}
