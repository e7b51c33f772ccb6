package platformdb.lint;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import liquibase.changelog.ChangeSet;
import platformdb.history.LandedChangesets;
import platformdb.history.Ledger;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Declarations;

/**
 * The changelog's rules as one command, {@code scripts/lint [<project folder>]} (the pull-request workflow runs it):
 * the changelog lint, the History rules, re-runnability and the ledger of landed changesets
 * ({@code changelog/declarations/landed-changesets.tsv}), on the master changelog of the project folder (default:
 * the current one). Prints each finding on one line, naming the file and the changeset. Exit status: 0 nothing
 * found, 1 findings, 2 could not run (no changelog, an unreadable ledger, a changelog Liquibase cannot parse).
 */
public final class LintCommand {

    public static final int CLEAN = 0;
    public static final int FINDINGS = 1;
    public static final int COULD_NOT_RUN = 2;

    private LintCommand() {
    }

    public static void main(String[] arguments) {
        System.exit(run(arguments, System.out, System.err));
    }

    /** Runs the lint as the command does: findings on {@code out}, the summary and any failure on {@code err}. */
    public static int run(String[] arguments, PrintStream out, PrintStream err) {
        if (arguments.length > 1 || arguments.length == 1 && arguments[0].startsWith("-")) {
            err.println("usage: scripts/lint [<project folder>]   (default: the current folder)");
            return COULD_NOT_RUN;
        }
        Path root = arguments.length == 0 ? Changelog.PROJECT_ROOT : Path.of(arguments[0]).toAbsolutePath().normalize();
        List<String> findings;
        try {
            findings = findings(root);
        } catch (RuntimeException e) {
            err.println("lint: could not run on " + root + ": " + oneLine(String.valueOf(e.getMessage())));
            return COULD_NOT_RUN;
        }
        findings.forEach(finding -> out.println(oneLine(finding)));
        err.println("lint: " + (findings.isEmpty() ? "no findings" : findings.size() + " finding(s)") + " in " + root.resolve(Changelog.MASTER));
        return findings.isEmpty() ? CLEAN : FINDINGS;
    }

    /** Every finding of every rule on the project folder's changelog; throws when the lint cannot run. */
    public static List<String> findings(Path root) {
        if (!Files.isRegularFile(root.resolve(Changelog.MASTER))) {
            throw new IllegalArgumentException("no changelog " + root.resolve(Changelog.MASTER));
        }
        List<String> findings = new ArrayList<>(ChangelogLint.check(root, Changelog.MASTER));
        List<ChangeSet> changeSets;
        try {
            changeSets = Changelog.at(root, Changelog.MASTER).changeSets();
        } catch (RuntimeException e) {
            if (findings.isEmpty()) {
                throw e;
            }
            // The findings above (a missing include, unreadable YAML) are why Liquibase cannot parse it.
            findings.add(Changelog.MASTER + ": Liquibase cannot parse the changelog, so the History, re-runnability and"
                    + " ledger rules did not run (fix the findings above): " + e.getMessage());
            return findings;
        }
        Ledger ledger = Ledger.read(root.resolve(Declarations.LANDED_CHANGESETS));
        findings.addAll(HistoryLint.check(changeSets, ledger));
        findings.addAll(RerunnableLint.check(changeSets));
        findings.addAll(LandedChangesets.problems(changeSets, ledger, Declarations.LANDED_CHANGESETS));
        return findings;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
