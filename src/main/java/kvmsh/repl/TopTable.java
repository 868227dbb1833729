package kvmsh.repl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table {@code :top} shows: per running domain, CPU % over the last interval (from the growth
 * of its CPU time, 100 % = one host CPU, as in top and virt-manager's graph) and memory. Pure, so
 * the arithmetic is tested without a hypervisor.
 */
final class TopTable {

    private TopTable() {
    }

    /** CPU % of a domain between two samples; 0 when the interval is empty or the counter went back. */
    static double cpuPercent(DomainSample before, DomainSample now) {
        long wall = now.takenNanos() - before.takenNanos();
        long cpu = now.cpuTime() - before.cpuTime();
        return wall <= 0 || cpu < 0 ? 0 : 100.0 * cpu / wall;
    }

    static String render(List<DomainSample> before, List<DomainSample> now) {
        Map<String, DomainSample> previous = new HashMap<>();
        before.forEach(s -> previous.put(s.name(), s));
        List<String[]> rows = new ArrayList<>();
        List<DomainSample> sorted = new ArrayList<>(now);
        sorted.sort(Comparator.comparing(DomainSample::name));
        for (DomainSample s : sorted) {
            DomainSample p = previous.get(s.name());
            String cpu = p == null ? "-" : String.format("%.1f", cpuPercent(p, s));
            rows.add(new String[] {s.name(), cpu, String.valueOf(s.vcpus()), String.valueOf(s.memoryKiB() / 1024),
                String.valueOf(s.maxMemKiB() / 1024)});
        }
        StringBuilder sb = new StringBuilder(String.format("%-24s %7s %6s %10s %10s%n", "VM", "CPU %", "VCPUS",
                "MEM MiB", "MAX MiB"));
        for (String[] r : rows) {
            sb.append(String.format("%-24s %7s %6s %10s %10s%n", (Object[]) r));
        }
        if (rows.isEmpty()) {
            sb.append("(no running VMs)\n");
        }
        return sb.toString();
    }
}
