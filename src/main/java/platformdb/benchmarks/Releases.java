package platformdb.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release tags of the master changelog in deployment order, read from its includes: each release ends with a
 * changeset {@code tag-release-<name>} whose tagDatabase change names the tag. New releases are found, not listed.
 */
final class Releases {

    private static final Pattern INCLUDE = Pattern.compile("^\\s*-\\s*include:\\s*\\{\\s*file:\\s*([^,}\\s]+)", Pattern.MULTILINE);
    private static final Pattern TAG = Pattern.compile("id:\\s*tag-release-\\S+.*?tagDatabase:\\s*\\n\\s*tag:\\s*(\\S+)", Pattern.DOTALL);

    private Releases() {
    }

    static List<String> inOrder(Path masterChangelog) {
        try {
            List<String> tags = new ArrayList<>();
            Matcher include = INCLUDE.matcher(Files.readString(masterChangelog));
            while (include.find()) {
                Matcher tag = TAG.matcher(Files.readString(masterChangelog.resolveSibling(include.group(1))));
                while (tag.find()) {
                    tags.add(tag.group(1));
                }
            }
            return tags;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the changelog: " + e.getMessage(), e);
        }
    }

    /** The releases applied after {@code tag}, in order. */
    static List<String> after(Path masterChangelog, String tag) {
        List<String> all = inOrder(masterChangelog);
        int index = all.indexOf(tag);
        if (index < 0) {
            throw new IllegalStateException("no release tag " + tag + " in " + masterChangelog + " (found " + all + ")");
        }
        return all.subList(index + 1, all.size());
    }
}
