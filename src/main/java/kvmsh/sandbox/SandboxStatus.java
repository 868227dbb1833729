package kvmsh.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What of a sandbox exists right now, as found on the machine (not as remembered).
 *
 * @param lan the shared LAN the sandbox is on, or null for a LAN of its own
 * @param address the sandbox host's address on its LAN, or null when its namespace is gone
 * @param tcpUri {@code qemu+tcp://ADDRESS/system} when its libvirtd listens on TCP ({@code up --tcp}), else null
 * @param processes every live process in the sandbox's namespaces (daemons, dnsmasq, qemu)
 * @param guestImages cached test-guest image directories (shared by all sandboxes)
 */
public record SandboxStatus(
        String name,
        Path stateDir,
        String uri,
        String hostNetns,
        boolean hostNetnsExists,
        String lan,
        String lanNetns,
        boolean lanNetnsExists,
        String address,
        String tcpUri,
        boolean mountNamespaceExists,
        OptionalLong virtlogdPid,
        OptionalLong libvirtdPid,
        boolean libvirtAnswers,
        List<Long> processes,
        List<Path> guestImages) {

    public SandboxStatus {
        processes = List.copyOf(processes);
        guestImages = List.copyOf(guestImages);
    }

    /** True when every part is there and libvirtd answers on {@link #uri()}. */
    public boolean up() {
        return hostNetnsExists && lanNetnsExists && mountNamespaceExists
                && virtlogdPid.isPresent() && libvirtdPid.isPresent() && libvirtAnswers;
    }

    /** True when nothing of the sandbox is left (no namespace, process or state directory). */
    public boolean gone() {
        // A shared LAN outlives its members but the last one: it is not this sandbox's to be gone.
        return !hostNetnsExists && (lan != null || !lanNetnsExists) && !mountNamespaceExists && processes.isEmpty()
                && !java.nio.file.Files.exists(stateDir);
    }

    /** Human-readable report, one fact per line. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("sandbox " + name + ": " + (up() ? "up" : gone() ? "down" : "partial"));
        out.add("  state dir      " + stateDir + (java.nio.file.Files.exists(stateDir) ? "" : " (absent)"));
        out.add("  host netns     " + hostNetns + (hostNetnsExists ? "" : " (absent)"));
        out.add("  lan netns      " + lanNetns + (lanNetnsExists ? "" : " (absent)")
                + (lan == null ? "" : " (shared LAN " + lan + ")"));
        if (address != null) {
            out.add("  address        " + address + " (on the LAN; migrations arrive here)");
        }
        out.add("  mount ns       " + (mountNamespaceExists ? "present" : "absent"));
        out.add("  virtlogd       " + pid(virtlogdPid));
        out.add("  libvirtd       " + pid(libvirtdPid) + (libvirtAnswers ? ", answering" : ""));
        out.add("  uri            " + uri);
        if (tcpUri != null) {
            out.add("  tcp uri        " + tcpUri + " (no authentication: reachable only on the sandbox's LAN)");
        }
        out.add("  processes      " + processes);
        guestImages.forEach(g -> out.add("  guest image    " + g));
        return out;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }

    private static String pid(OptionalLong pid) {
        return pid.isPresent() ? "pid " + pid.getAsLong() : "not running";
    }
}
