package platformdb.schemadocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What differs between the files of docs/schema/ as generated now and as found in a folder. */
final class StaleDocs {

    private StaleDocs() {
    }

    /** One line per file that is missing, differs (with its first differing line) or is generated no more. */
    static List<String> find(Map<String, String> generated, Path folder) {
        List<String> problems = new ArrayList<>();
        generated.forEach((name, content) -> {
            Path file = folder.resolve(name);
            if (!Files.exists(file)) {
                problems.add(name + ": missing");
            } else {
                String committed = read(file);
                if (!committed.equals(content)) {
                    problems.add(name + ": " + firstDifference(committed, content));
                }
            }
        });
        for (String name : filesIn(folder)) {
            if (!generated.containsKey(name)) {
                problems.add(name + ": generated no more (no such domain now), delete it");
            }
        }
        return problems;
    }

    /** The message a stale folder fails with: what to run, then what differs. */
    static String message(String folder, List<String> problems) {
        return folder + "/ does not match the deployed changelog: run " + SchemaDocs.COMMAND + " and commit " + folder
                + "/ (" + problems.size() + " file(s) stale):\n  - " + String.join("\n  - ", problems);
    }

    /** The files the generator owns: Markdown pages and structure.sql. */
    static List<String> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".md") || name.endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifference(String committed, String generated) {
        List<String> before = committed.lines().toList();
        List<String> now = generated.lines().toList();
        for (int line = 0; line < Math.max(before.size(), now.size()); line++) {
            String was = line < before.size() ? before.get(line) : "(end of file)";
            String is = line < now.size() ? now.get(line) : "(end of file)";
            if (!was.equals(is)) {
                return "differs from line " + (line + 1) + ": committed `" + was + "`, now `" + is + "`";
            }
        }
        return "differs in line endings or the final newline";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
