package platformdb.lint;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import platformdb.liquibase.Declarations;

/**
 * Rules on the changelog files themselves, read as YAML: every file declares its own path as logicalFilePath;
 * every changeset has an explicit, non-empty rollback (tag changesets excepted) and a comment; ids are unique;
 * every include exists; every changelog file under the changelog folder is included exactly once, and the declarations
 * folder ({@link Declarations}) holds no changelog; a reshaping changelog under adoption/ is linted on its own, never included. Each problem names the file and the changeset id.
 */
public final class ChangelogLint {

    /** Reshaping changelogs of the seeds' databases, run on their own before an adoption. */
    static final String RESHAPING_FOLDER = "adoption";
    /** The changelog an adopted database deploys with: its reshaping, then the master. */
    static final String ADOPTED_SUFFIX = "-adopted.yaml";

    private final Path root;
    private final String master;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> inclusions = new LinkedHashMap<>();
    private final Map<String, String> fileOfId = new HashMap<>();

    private ChangelogLint(Path root, String master) {
        this.root = root;
        this.master = master;
    }

    /** The problems of the changelog whose master file is {@code master}, relative to {@code root}. */
    public static List<String> check(Path root, String master) {
        ChangelogLint lint = new ChangelogLint(root, master);
        lint.run();
        return List.copyOf(lint.problems);
    }

    private void run() {
        inclusions.put(master, 1);
        visit(master);
        inclusions.forEach((file, count) -> {
            if (count > 1) {
                problems.add(file + ": included " + count + " times; include every changelog file exactly once");
            }
        });
        Path folder = root.resolve(master).getParent();
        Path declarations = folder.resolve(Declarations.FOLDER_NAME);
        Path reshapings = folder.resolve(RESHAPING_FOLDER);
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted()
                    .forEach(path -> {
                        String file = relative(path);
                        if (path.startsWith(declarations)) {
                            declaration(file, relative(declarations));
                        } else if (path.startsWith(reshapings)) {
                            reshaping(file);
                        } else if (!inclusions.containsKey(file)) {
                            problems.add(file + ": not included by " + master + "; add an include for it or delete it");
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A reshaping changelog (docs/adoption.md) runs on its own on one seed's database before its adoption: never
     * included by the master (its changesets would run on every database), linted by the same rules as if it were.
     */
    private void reshaping(String file) {
        if (file.endsWith(ADOPTED_SUFFIX)) {
            adoptedChangelog(file);
            return;
        }
        if (inclusions.containsKey(file)) {
            problems.add(file + ": included by " + master + "; a reshaping changelog in " + RESHAPING_FOLDER + "/ runs on its own, before an adoption");
            return;
        }
        inclusions.put(file, 1);
        visit(file);
    }

    /**
     * The changelog an adopted database deploys with ({@code <point>-adopted.yaml}) includes its reshaping, then the
     * master, and nothing else: any other content would be changesets only adopted databases run.
     */
    private void adoptedChangelog(String file) {
        String reshaping = file.substring(0, file.length() - ADOPTED_SUFFIX.length()) + ".yaml";
        List<Object> expected = List.of(Map.of("include", Map.of("file", reshaping)), Map.of("include", Map.of("file", master)));
        Object content;
        try (Reader reader = Files.newBufferedReader(root.resolve(file))) {
            content = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            content = null;
        }
        if (!(content instanceof Map<?, ?> map) || !expected.equals(map.get("databaseChangeLog"))) {
            problems.add(file + ": the changelog of an adopted database includes " + reshaping + ", then " + master + ", and nothing else");
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    /**
     * The declarations folder holds what the schema must be (access matrix, catalog lint rules, ledger), not
     * changesets: its files need no include, and a changelog there would escape the include check, so none may be one.
     */
    private void declaration(String file, String folder) {
        if (inclusions.containsKey(file) || declaresChangelog(file)) {
            problems.add(file + ": a changelog in " + folder + "/, which holds declarations only; move it to a domain"
                    + " folder and include it from " + master);
        }
    }

    private boolean declaresChangelog(String file) {
        try (Reader reader = Files.newBufferedReader(root.resolve(file))) {
            return new Yaml().load(reader) instanceof Map<?, ?> map && map.containsKey("databaseChangeLog");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return false;  // not YAML Liquibase could read as a changelog; its own reader reports it
        }
    }

    private void visit(String file) {
        List<Map<String, Object>> entries = entries(file);
        logicalFilePath(file, entries);
        for (Map<String, Object> entry : entries) {
            if (entry.containsKey("include")) {
                include(file, asMap(entry.get("include")));
            } else if (entry.containsKey("includeAll")) {
                problems.add(file + ": includeAll hides the deployment order; include each file explicitly");
            } else if (entry.containsKey("changeSet")) {
                changeSet(file, asMap(entry.get("changeSet")));
            }
        }
    }

    /**
     * Liquibase identifies a changeset by file path, id and author. The first entry pins the file path, so moving
     * the file cannot re-run its changesets; it must be the file's own path, so a copied file cannot claim another
     * file's identities. Without it, a file's changesets are recorded under the including file's logicalFilePath.
     */
    private void logicalFilePath(String file, List<Map<String, Object>> entries) {
        Object declared = entries.isEmpty() ? null : entries.get(0).get("logicalFilePath");
        if (declared == null) {
            problems.add(file + ": no logicalFilePath; make the first entry of databaseChangeLog `- logicalFilePath: " + file
                    + "` (it pins the identity of the file's changesets)");
        } else if (!file.equals(declared.toString())) {
            problems.add(file + ": logicalFilePath is " + declared + ", not the file's own path; set it to " + file
                    + " (a copied file must not claim another file's changeset identities)");
        }
    }

    private void include(String from, Map<String, Object> include) {
        Object target = include.get("file");
        if (target == null) {
            problems.add(from + ": an include without a file");
            return;
        }
        boolean relative = Boolean.TRUE.equals(include.get("relativeToChangelogFile"));
        Path resolved = relative ? root.resolve(from).getParent().resolve(target.toString()) : root.resolve(target.toString());
        String file = root.relativize(resolved.normalize()).toString().replace('\\', '/');
        if (!Files.isRegularFile(resolved)) {
            problems.add(from + ": includes " + target + ", which does not exist (" + file + ")");
            return;
        }
        int count = inclusions.merge(file, 1, Integer::sum);
        if (count == 1) {
            visit(file);
        }
    }

    private void changeSet(String file, Map<String, Object> changeSet) {
        Object id = changeSet.get("id");
        if (id == null || id.toString().isBlank()) {
            problems.add(file + ": a changeset without an id");
            return;
        }
        String name = file + ": changeset " + id;
        String earlier = fileOfId.putIfAbsent(id.toString(), file);
        if (earlier != null) {
            problems.add(name + ": id already used in " + earlier + "; ids must be unique in the whole changelog");
        }
        Object comment = changeSet.get("comment");
        if (comment == null || comment.toString().isBlank()) {
            problems.add(name + ": no comment; say why it exists and which seed objects it serves");
        }
        if (!isTagOnly(changeSet) && isEmpty(changeSet.get("rollback"))) {
            problems.add(name + ": no explicit rollback; every changeset but a tag needs a non-empty rollback block");
        }
    }

    private static boolean isTagOnly(Map<String, Object> changeSet) {
        Object changes = changeSet.get("changes");
        return changes instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(change -> change instanceof Map<?, ?> map && map.containsKey("tagDatabase"));
    }

    private static boolean isEmpty(Object rollback) {
        if (rollback == null) {
            return true;
        }
        if (rollback instanceof String text) {
            return text.isBlank();
        }
        if (rollback instanceof List<?> list) {
            return list.isEmpty() || list.stream().allMatch(ChangelogLint::isEmptyChange);
        }
        if (rollback instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        return false;
    }

    /** A rollback change such as {@code - sql: {sql: ""}} that would run nothing. */
    private static boolean isEmptyChange(Object change) {
        if (!(change instanceof Map<?, ?> map) || map.isEmpty()) {
            return true;
        }
        return map.values().stream().allMatch(body -> body == null
                || (body instanceof Map<?, ?> fields && fields.containsKey("sql") && String.valueOf(fields.get("sql")).isBlank()));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(String file) {
        try (Reader reader = Files.newBufferedReader(root.resolve(file))) {
            Object document = new Yaml().load(reader);
            if (!(document instanceof Map<?, ?> map) || !(map.get("databaseChangeLog") instanceof List<?> list)) {
                problems.add(file + ": not a YAML changelog (no databaseChangeLog list)");
                return List.of();
            }
            return list.stream().filter(Map.class::isInstance).map(entry -> (Map<String, Object>) entry).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            problems.add(file + ": unreadable YAML: " + e.getMessage());
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }
}
