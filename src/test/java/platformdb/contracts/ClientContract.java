package platformdb.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads client contracts: the markdown tables whose header is exactly {@link #HEADER}. Other tables and text
 * in the file are prose for people and are not read.
 */
public final class ClientContract {

    public static final String HEADER = "| seed object | kind | status | now | shape | client change |";

    private ClientContract() {
    }

    /** Every contract row of every markdown file in the folder, files in name order. */
    public static List<ContractRow> readFolder(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.toString().endsWith(".md")).sorted()
                    .flatMap(path -> read(path).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ContractRow> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ContractRow> rows = new ArrayList<>();
        boolean inContract = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.equals(HEADER)) {
                inContract = true;
                i++; // the separator row
                continue;
            }
            if (!line.startsWith("|")) {
                inContract = false;
                continue;
            }
            if (inContract) {
                rows.add(row(file.getFileName().toString(), i + 1, line));
            }
        }
        return rows;
    }

    private static ContractRow row(String file, int lineNumber, String line) {
        String[] cells = Arrays.stream(line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1))
                .map(cell -> cell.trim().replace("`", "")).toArray(String[]::new);
        if (cells.length != 6) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": a contract row has 6 cells, found " + cells.length + ": " + line);
        }
        return new ContractRow(file, lineNumber, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
    }
}
