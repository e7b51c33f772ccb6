package platformdb.seeds;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seed migration guide exactly as the seed wrote it (a copy in {@code src/main/resources/seeds/}), refused when its
 * bytes are not the ones its recipe was written for, and its {@code ```sql} blocks in order, each under the nearest
 * markdown heading before it and numbered among the blocks under headings of that text (a guide may repeat a heading).
 */
public final class SeedGuide {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*(\\w*)\\s*$");

    private final String fileName;
    private final List<SqlBlock> blocks;

    private SeedGuide(String fileName, List<SqlBlock> blocks) {
        this.fileName = fileName;
        this.blocks = blocks;
    }

    /** The guide from the resources ({@code seeds/<fileName>}), checked against the expected SHA-256. */
    public static SeedGuide load(String fileName, String expectedSha256) {
        String resource = "/seeds/" + fileName;
        try (InputStream in = SeedGuide.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed guide " + resource + " is not on the class path");
            }
            return of(fileName, in.readAllBytes(), expectedSha256);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The guide from these bytes, refused unless their SHA-256 is the expected one. */
    public static SeedGuide of(String fileName, byte[] content, String expectedSha256) {
        String actual = sha256(content);
        if (!actual.equals(expectedSha256)) {
            throw new ModifiedSeedException(fileName, actual, expectedSha256);
        }
        return new SeedGuide(fileName, sqlBlocks(new String(content, StandardCharsets.UTF_8)));
    }

    public String fileName() {
        return fileName;
    }

    public List<SqlBlock> blocks() {
        return blocks;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fences toggle code; a heading counts only outside one (bash blocks hold '# comments'). */
    private static List<SqlBlock> sqlBlocks(String text) {
        List<SqlBlock> blocks = new ArrayList<>();
        String heading = "";
        Map<String, Integer> blocksUnderHeading = new HashMap<>();
        StringBuilder body = null;
        boolean inFence = false;
        for (String line : text.split("\n", -1)) {
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                if (!inFence) {
                    inFence = true;
                    body = fence.group(1).equalsIgnoreCase("sql") ? new StringBuilder() : null;
                } else {
                    inFence = false;
                    if (body != null) {
                        blocks.add(new SqlBlock(blocks.size() + 1, heading, blocksUnderHeading.merge(heading, 1, Integer::sum), body.toString()));
                    }
                    body = null;
                }
                continue;
            }
            if (inFence) {
                if (body != null) {
                    body.append(line).append('\n');
                }
                continue;
            }
            Matcher title = HEADING.matcher(line);
            if (title.matches()) {
                heading = title.group(1);
            }
        }
        return List.copyOf(blocks);
    }

    /** A {@code ```sql} block: its position in the guide, the heading it sits under, its place under that heading. */
    public record SqlBlock(int index, String heading, int ordinal, String sql) {

        public String describe() {
            return "block " + index + " (\"" + heading + "\" #" + ordinal + ")";
        }
    }

    /** The seed file is not the one the recipe was written for: a silent edit, or a new version to review. */
    public static final class ModifiedSeedException extends IllegalStateException {

        ModifiedSeedException(String fileName, String actual, String expected) {
            super("seed guide " + fileName + " is not the one its recipe was written for: SHA-256 " + actual + ", expected " + expected
                    + ". A seed is copied verbatim from ../shared/seeds; review the change and its recipe before updating the checksum.");
        }
    }
}
