package kvmsh.libvirt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainBlockStats;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.LibvirtException;

/**
 * Counters of a running domain, sampled over time the way virt-manager draws its CPU graph: CPU
 * time, memory, and the byte counters of its NICs and disks. Two samples give rates
 * ({@link #cpuPercent}). Used by the {@code stats} statement and the REPL's {@code top}.
 *
 * <p>Example: {@code var a = DomainStats.sample(d); Thread.sleep(1000); var b = DomainStats.sample(d);
 * double cpu = DomainStats.cpuPercent(a, b);}
 */
public final class DomainStats {

    /**
     * One sample.
     *
     * @param name        domain name
     * @param state       running, paused, shut off … (as {@code info} prints it)
     * @param nanos       when it was taken ({@link System#nanoTime()})
     * @param cpuTime     CPU time the guest has used, in nanoseconds
     * @param vcpus       virtual CPUs
     * @param memoryKiB   memory the guest has now
     * @param rxBytes     bytes received over all NICs
     * @param txBytes     bytes sent over all NICs
     * @param readBytes   bytes read from all disks
     * @param writeBytes  bytes written to all disks
     */
    public record Sample(String name, String state, long nanos, long cpuTime, int vcpus, long memoryKiB,
                         long rxBytes, long txBytes, long readBytes, long writeBytes) {
    }

    private DomainStats() {
    }

    /** Samples one domain now; I/O counters are 0 while it is not running. */
    public static Sample sample(Domain d) throws LibvirtException {
        long now = System.nanoTime();
        DomainInfo info = d.getInfo();
        long rx = 0;
        long tx = 0;
        long rd = 0;
        long wr = 0;
        if (d.isActive() == 1) {
            String xml = d.getXMLDesc(0);
            for (DomainFacts.Interface nic : LibvirtXml.domain(xml).interfaces()) {
                if (nic.targetDev() != null) {
                    DomainInterfaceStats s = d.interfaceStats(nic.targetDev());
                    rx += s.rx_bytes;
                    tx += s.tx_bytes;
                }
            }
            for (String disk : LibvirtXml.diskTargets(xml)) {
                DomainBlockStats s = d.blockStats(disk);
                rd += s.rd_bytes;
                wr += s.wr_bytes;
            }
        }
        return new Sample(d.getName(), OpRunner.state(info), now, info.cpuTime, info.nrVirtCpu, info.memory,
                rx, tx, rd, wr);
    }

    /** Samples every running domain (the REPL's {@code top}). */
    public static List<Sample> sampleRunning(Connect conn) throws LibvirtException {
        List<Sample> out = new ArrayList<>();
        for (int id : conn.listDomains()) {
            try {
                out.add(sample(conn.domainLookupByID(id)));
            } catch (LibvirtException e) {
                // It stopped between listing and sampling: nothing to show for it.
            }
        }
        return out;
    }

    /**
     * CPU use between two samples of the same domain, in percent of its vCPUs (100 = all busy),
     * like virt-manager's "Guest CPU usage".
     */
    public static double cpuPercent(Sample before, Sample after) {
        long wall = after.nanos() - before.nanos();
        if (wall <= 0 || after.vcpus() <= 0) {
            return 0;
        }
        double used = Math.max(0, after.cpuTime() - before.cpuTime());
        return Math.min(100.0, 100.0 * used / wall / after.vcpus());
    }

    /** Bytes per second of a counter between two samples. */
    public static long perSecond(long before, long after, Sample a, Sample b) {
        long wall = b.nanos() - a.nanos();
        return wall <= 0 ? 0 : Math.max(0, (long) ((after - before) * 1e9 / wall));
    }

    /**
     * {@code samples} samples {@code interval} apart as a table (the {@code stats} statement): CPU
     * time and %, memory, and NIC/disk byte counters with their rates since the previous row.
     */
    static String table(Domain d, int samples, Duration interval) throws LibvirtException {
        Table t = new Table("TIME", "STATE", "CPU TIME", "CPU %", "MEMORY", "NET RX", "NET TX", "DISK RD", "DISK WR");
        Sample first = sample(d);
        Sample prev = first;
        for (int i = 0; i < samples; i++) {
            Sample s = prev;
            if (i > 0 || samples > 1) {
                sleep(interval);
                s = sample(d);
            }
            String cpu = s == prev ? "-" : String.format("%.1f", cpuPercent(prev, s));
            t.row(String.format("%.1f s", (s.nanos() - first.nanos()) / 1e9), s.state(),
                    String.format("%.2f s", s.cpuTime() / 1e9), cpu, s.memoryKiB() / 1024 + " MiB",
                    bytes(s.rxBytes()), bytes(s.txBytes()), bytes(s.readBytes()), bytes(s.writeBytes()));
            prev = s;
        }
        return t.render();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
