import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What failed, for the end of a red CI log: each failed or errored test of the Surefire/Failsafe XML reports
 * (TEST-*.xml) written since the run began, with the first lines of its failure, and the first lines of any fork-crash
 * dump. Run by .ci/run when the test command fails, as a single-file program (java .ci/FailureSummary.java), so it
 * needs nothing but the JDK the build already needs.
 *
 * <p>Usage: {@code java .ci/FailureSummary.java <run start, epoch seconds> <reports folder>...}. Always exits 0: the
 * summary never changes the run's verdict.
 */
public class FailureSummary {

    static final int MESSAGE_LINES = 10;
    static final int DUMP_LINES = 8;

    public static void main(String[] args) {
        try {
            long since = Long.parseLong(args[0]) * 1000;
            List<Path> folders = Arrays.stream(args).skip(1).map(Path::of).filter(Files::isDirectory).toList();
            System.out.print(summary(since, folders));
        } catch (Exception e) {
            System.out.println("=== .ci/run: could not summarise the test reports (" + e + "); the cause is in the output above");
        }
    }

    static String summary(long sinceMillis, List<Path> folders) throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> dumps = new ArrayList<>();
        for (Path folder : folders) {
            for (Path file : filesSince(folder, sinceMillis)) {
                String name = file.getFileName().toString();
                if (name.startsWith("TEST-") && name.endsWith(".xml")) {
                    failures.addAll(failuresIn(file));
                } else if (name.endsWith(".dump") || name.endsWith(".dumpstream")) {
                    dumps.add(describeDump(file));
                }
            }
        }
        StringBuilder out = new StringBuilder("\n");
        if (failures.isEmpty()) {
            out.append("=== .ci/run: the test command failed, but no test report written by this run records a failed test;"
                    + " the cause is in the output above (a build error, or a test JVM that crashed)\n");
        } else {
            out.append("=== .ci/run: ").append(failures.size()).append(failures.size() == 1 ? " test" : " tests")
                    .append(" failed (from ").append(String.join(", ", folders.stream().map(Path::toString).toList()))
                    .append(")\n");
            failures.forEach(out::append);
        }
        if (!dumps.isEmpty()) {
            out.append("=== fork dumps written by this run (a test JVM crashed, was killed, or wrote to its stdout directly):\n");
            dumps.forEach(out::append);
        }
        return out.toString();
    }

    private static List<Path> filesSince(Path folder, long sinceMillis) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toFile().lastModified() >= sinceMillis).sorted(Comparator.naturalOrder()).toList();
        }
    }

    private static List<String> failuresIn(Path report) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
        List<String> failures = new ArrayList<>();
        NodeList testcases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element problem && (problem.getTagName().equals("failure") || problem.getTagName().equals("error"))) {
                    failures.add(describe(testcase, problem));
                }
            }
        }
        return failures;
    }

    private static String describe(Element testcase, Element problem) {
        String name = testcase.getAttribute("classname") + "." + testcase.getAttribute("name");
        StringBuilder out = new StringBuilder("* ").append(name).append(" (")
                .append(problem.getTagName().equals("failure") ? "FAILED" : "ERROR");
        if (!testcase.getAttribute("time").isEmpty()) {
            out.append(", ").append(testcase.getAttribute("time")).append(" s");
        }
        out.append(")\n");
        List<String> text = problem.getTextContent().strip().lines().map(String::strip).toList();
        List<String> lines = text.isEmpty() ? List.of(problem.getAttribute("type") + ": " + problem.getAttribute("message")) : text;
        // The message (up to its first stack frame), where the test itself failed, and the root cause if any.
        List<String> message = lines.stream().takeWhile(line -> !line.startsWith("at ")).toList();
        message.stream().limit(MESSAGE_LINES).forEach(line -> out.append("    ").append(line).append('\n'));
        if (message.size() > MESSAGE_LINES) {
            out.append("    ... (").append(message.size() - MESSAGE_LINES - 1).append(" more lines in the report)\n");
            out.append("    ").append(message.get(message.size() - 1)).append('\n');
        }
        String testClass = testcase.getAttribute("classname");
        lines.stream().filter(line -> line.startsWith("at " + testClass + ".")).findFirst()
                .or(() -> lines.stream().filter(line -> line.startsWith("at ")).findFirst())
                .ifPresent(line -> out.append("    ").append(line).append('\n'));
        lines.stream().filter(line -> line.startsWith("Caused by:")).reduce((first, last) -> last)
                .ifPresent(line -> out.append("    root cause: ").append(line).append('\n'));
        return out.toString();
    }

    private static String describeDump(Path dump) throws Exception {
        StringBuilder out = new StringBuilder("* ").append(dump).append('\n');
        try (Stream<String> lines = Files.lines(dump)) {
            lines.filter(line -> !line.isBlank()).limit(DUMP_LINES).forEach(line -> out.append("    ").append(line).append('\n'));
        }
        return out.toString();
    }
}
