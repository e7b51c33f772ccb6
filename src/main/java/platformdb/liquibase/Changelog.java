package platformdb.liquibase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import platformdb.postgres.FreshDatabase;

/**
 * A changelog parsed once, with the changesets a deployment in the given context runs, in order. The path is
 * resolved against a root folder exactly as the Maven plugin and the CLI resolve it from the project root, so
 * the changeset identities (file::id::author) and checksums it reports are the ones a deployment records.
 */
public final class Changelog {

    public static final Path PROJECT_ROOT = Path.of("").toAbsolutePath();
    public static final String MASTER = "changelog/db.changelog-master.yaml";
    /** Where the reshaping changelogs of adoptions live (docs/adoption.md): never part of the master. */
    public static final String RESHAPING_FOLDER = "changelog/adoption/";

    /** Liquibase's INFO lines for every changeset would bury a tool's or a test's report: warnings and errors only. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private final Path root;
    private final String path;
    private final String contexts;
    private final ResourceAccessor resources;
    private final DatabaseChangeLog parsed;
    private final List<ChangeSet> changeSets;

    private Changelog(Path root, String path, String contexts) {
        this.root = root;
        this.path = path;
        this.contexts = contexts;
        try {
            this.resources = new DirectoryResourceAccessor(root);
        } catch (Exception e) {
            throw new IllegalArgumentException("no folder " + root, e);
        }
        this.parsed = inScope(() -> {
            ChangeLogParameters parameters = new ChangeLogParameters();
            parameters.setContexts(new Contexts(contexts));
            parameters.setLabels(new LabelExpression());
            return ChangeLogParserFactory.getInstance().getParser(path, resources).parse(path, parameters, resources);
        });
        ContextChangeSetFilter filter = new ContextChangeSetFilter(new Contexts(contexts));
        this.changeSets = parsed.getChangeSets().stream().filter(changeSet -> filter.accepts(changeSet).isAccepted()).toList();
    }

    /** The project's master changelog, deployed to plain PostgreSQL (no context). */
    public static Changelog master() {
        return new Changelog(PROJECT_ROOT, MASTER, "");
    }

    public static Changelog master(String contexts) {
        return new Changelog(PROJECT_ROOT, MASTER, contexts);
    }

    /** The changelog {@code path} (relative to {@code root}, which its identities are recorded against), no context. */
    public static Changelog at(Path root, String path) {
        if (!Files.exists(root.resolve(path))) {
            throw new IllegalArgumentException("no changelog " + root.resolve(path));
        }
        return new Changelog(root, path, "");
    }

    public String path() {
        return path;
    }

    public String contexts() {
        return contexts;
    }

    public List<ChangeSet> changeSets() {
        return changeSets;
    }

    DatabaseChangeLog parsed() {
        return parsed;
    }

    /** Opens a deployment of this changelog on the database: nothing is applied until asked. */
    public Deployment deployTo(FreshDatabase database) {
        return new Deployment(this, database);
    }

    /** Whether a changeset (file::id::author) or file belongs to an adoption's reshaping changelog, not to the master. */
    public static boolean isReshaping(String changeSetOrFile) {
        return changeSetOrFile.startsWith(RESHAPING_FOLDER);
    }

    /** The changeset's identity as Liquibase records it, for messages. */
    public static String name(ChangeSet changeSet) {
        return changeSet.getFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor();
    }

    <T> T inScope(Scope.ScopedRunnerWithReturn<T> action) {
        try {
            return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources,
                    Scope.Attr.ui.name(), new LoggerUIService()), action);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseFailure(e);
        }
    }

    Path root() {
        return root;
    }
}
