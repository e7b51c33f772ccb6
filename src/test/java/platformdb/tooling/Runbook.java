package platformdb.tooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of a Markdown runbook: every line of every ```bash block, in order. A block announced by
 * {@code <!-- runbook-test: refuses ... -->} on the line before it is one whose commands must be refused with
 * "rollback refused:". All commands run in one bash session, as a person follows the runbook in one terminal.
 */
final class Runbook {

    record Command(int index, String line, boolean mustRefuse) {
    }

    record Outcome(Command command, int exitCode, String output) {

        boolean asExpected() {
            return command.mustRefuse() ? exitCode != 0 && output.contains("rollback refused:") : exitCode == 0;
        }

        String describe() {
            return "$ " + command.line() + (command.mustRefuse() ? "   (must refuse)" : "") + "\n  exit " + exitCode + "\n" + output;
        }
    }

    private static final Pattern MARKER = Pattern.compile("^::runbook (\\d+) exit (\\d+)::$");

    private Runbook() {
    }

    static List<Command> commands(Path markdown) throws IOException {
        return commands(Files.readString(markdown));
    }

    static List<Command> commands(String markdown) {
        List<Command> commands = new ArrayList<>();
        boolean inBlock = false;
        boolean refuses = false;
        String previous = "";
        for (String line : markdown.lines().toList()) {
            if (!inBlock && line.strip().equals("```bash")) {
                inBlock = true;
                refuses = previous.strip().startsWith("<!-- runbook-test: refuses");
            } else if (inBlock && line.strip().equals("```")) {
                inBlock = false;
            } else if (inBlock && !line.isBlank() && !line.strip().startsWith("#")) {
                commands.add(new Command(commands.size(), line.strip(), refuses));
            }
            if (!line.isBlank()) {
                previous = line;
            }
        }
        return commands;
    }

    /** Runs the commands in one bash session from the repository root; one outcome per command. */
    static List<Outcome> run(List<Command> commands, Cli cli) {
        StringBuilder script = new StringBuilder("exec 2>&1\ncd '" + Cli.ROOT + "'\n");
        for (Command command : commands) {
            script.append(command.line()).append('\n')
                    .append("echo \"::runbook ").append(command.index()).append(" exit $?::\"\n");
        }
        Cli.Result result = cli.timeoutMinutes(2L * commands.size()).run(List.of("bash", "-c", script.toString()));
        List<Outcome> outcomes = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        for (String line : result.stdout().lines().toList()) {
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                outcomes.add(new Outcome(commands.get(Integer.parseInt(marker.group(1))), Integer.parseInt(marker.group(2)), output.toString()));
                output.setLength(0);
            } else {
                output.append(line).append('\n');
            }
        }
        if (outcomes.size() != commands.size()) {
            throw new AssertionError("the runbook session ended after " + outcomes.size() + " of " + commands.size()
                    + " commands:\n" + result.describe());
        }
        return outcomes;
    }
}
