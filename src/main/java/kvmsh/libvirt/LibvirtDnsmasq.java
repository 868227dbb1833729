package kvmsh.libvirt;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the dnsmasq libvirt started for a network still runs. libvirt writes its pid to
 * {@code RUNDIR/network/NAME.pid} when it starts the network and does not notice when that process
 * dies (killed, crashed): the network still counts as active, and new guests get no lease. kvmsh
 * looks where it can read libvirt's run directory (a connection to this machine's daemon, or a
 * sandbox's); on any other host it cannot tell.
 */
final class LibvirtDnsmasq {

    private final Path runDirectory;

    private LibvirtDnsmasq(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    /**
     * For {@code uri}'s daemon: its run directory is beside its socket ({@code ?socket=…/libvirt-sock},
     * as a sandbox's URI names it) or {@code /run/libvirt} for {@code qemu:///system}; null for a
     * remote host, a session daemon or the test driver.
     */
    static LibvirtDnsmasq of(String uri) {
        int q = uri.indexOf('?');
        String base = q < 0 ? uri : uri.substring(0, q);
        if (!base.equals("qemu:///system") && !base.equals("qemu+unix:///system")) {
            return null;
        }
        String socket = null;
        for (String param : q < 0 ? new String[0] : uri.substring(q + 1).split("&")) {
            if (param.startsWith("socket=")) {
                socket = URLDecoder.decode(param.substring("socket=".length()), StandardCharsets.UTF_8);
            }
        }
        Path dir = socket == null ? Path.of("/run/libvirt") : Path.of(socket).getParent();
        return dir == null ? null : new LibvirtDnsmasq(dir);
    }

    /**
     * True when libvirt started a dnsmasq for {@code network} (its pid file is there) and no
     * dnsmasq of that network runs under that pid any more. A network without dnsmasq (no pid
     * file) is not dead.
     */
    boolean dead(String network) {
        Path pidFile = runDirectory.resolve("network").resolve(network + ".pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return false;
            }
            String pid = Files.readString(pidFile).strip();
            if (!pid.matches("[1-9][0-9]{0,9}")) {
                return false;
            }
            Path cmdline = Path.of("/proc", pid, "cmdline");
            if (!Files.exists(cmdline)) {
                return true;
            }
            String args = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            return !(args.contains("dnsmasq") && args.contains("/" + network + ".conf"));
        } catch (IOException e) {
            return false; // gone while read, or unreadable: not a finding
        }
    }
}
