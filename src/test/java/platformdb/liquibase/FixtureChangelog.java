package platformdb.liquibase;

import java.nio.file.Path;

/** The known-bad (and good) fixture changelogs under src/test/resources, with identities relative to that folder. */
public final class FixtureChangelog {

    public static final Path RESOURCES = Changelog.PROJECT_ROOT.resolve("src/test/resources");

    private FixtureChangelog() {
    }

    /** The fixture changelog {@code path}, relative to src/test/resources. */
    public static Changelog of(String path) {
        return Changelog.at(RESOURCES, path);
    }
}
