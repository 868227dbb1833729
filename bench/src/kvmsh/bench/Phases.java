package kvmsh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named wall-clock phases of one run, printed as one {@code key=value} line bench/run parses. */
final class Phases {

    private final Map<String, Double> ms = new LinkedHashMap<>();
    private long mark = System.nanoTime();

    /** Ends the current phase under {@code name}. */
    void lap(String name) {
        long now = System.nanoTime();
        ms.merge(name, (now - mark) / 1e6, Double::sum);
        mark = now;
    }

    void put(String name, double value) {
        ms.put(name, value);
    }

    double get(String name) {
        return ms.getOrDefault(name, 0.0);
    }

    /** Peak resident set size of this process so far, in MiB (Linux VmHWM). */
    static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // Not Linux: no peak RSS to report.
        }
        return -1;
    }

    String line() {
        StringBuilder sb = new StringBuilder();
        ms.forEach((k, v) -> sb.append(k).append('=').append(String.format(java.util.Locale.ROOT, "%.2f", v)).append(' '));
        return sb.toString().trim();
    }
}
