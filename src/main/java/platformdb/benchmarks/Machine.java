package platformdb.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the numbers were taken on, and what else was running (load average, other JVMs and PostgreSQL servers). */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format("%d cores (%s), %s GiB RAM, %s, Java %s", Runtime.getRuntime().availableProcessors(),
                firstValue("/proc/cpuinfo", "model name").orElse("cpu model unknown"),
                firstValue("/proc/meminfo", "MemTotal").map(kb -> String.valueOf(Math.round(Long.parseLong(kb.replaceAll("\\D", "")) / 1024.0 / 1024.0))).orElse("?"),
                firstValue("/etc/os-release", "PRETTY_NAME").map(name -> name.replace("\"", "")).orElse("OS unknown"),
                System.getProperty("java.version"));
    }

    /** The 1-, 5- and 15-minute load averages, and the other java processes and PostgreSQL servers running now. */
    static String otherActivity(String ownClusterDirectory) {
        long javas = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).count();
        long servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("-D")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> !String.join(" ", a).contains(ownClusterDirectory)).orElse(true)).count();
        return String.format("load average %s; %d other java processes, %d other PostgreSQL servers", loadAverage(), javas, servers);
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1/5/15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> firstValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
