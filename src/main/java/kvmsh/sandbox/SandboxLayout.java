package kvmsh.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one sandbox keeps its parts. Everything lives under {@code <root>/<name>}, so removing that
 * directory (after unmounting) removes the sandbox's files:
 * <pre>
 *   ns/            private bind mount (a mount-namespace file may only sit on a private mount)
 *   ns/mnt         the persisted mount namespace of the KVM host (nsfs bind mount)
 *   run/           mounted over /run inside it: libvirt sockets, virtlogd.pid, libvirtd.pid
 *   etc/libvirt/   mounted over /etc/libvirt: a private, empty config (no 'default' network)
 *   lib/libvirt/   mounted over /var/lib/libvirt (dnsmasq leases, domain runtime state)
 *   log/libvirt/   mounted over /var/log/libvirt (qemu logs)
 *   cache/libvirt/ mounted over /var/cache/libvirt (qemu capabilities cache)
 * </pre>
 */
final class SandboxLayout {

    private final String name;
    private final Path dir;

    SandboxLayout(Path root, String name) {
        this.name = name;
        this.dir = root.resolve(name);
    }

    String hostNetns() {
        return "kvmsh-" + name;
    }

    String lanNetns() {
        return "kvmsh-" + name + "-lan";
    }

    static Path netnsFile(String netns) {
        return Path.of("/run/netns", netns);
    }

    Path dir() {
        return dir;
    }

    /** The name of the shared LAN the sandbox is on; absent for a LAN of its own. */
    Path lanRecord() {
        return dir.resolve("lan");
    }

    /** Present when the sandbox was brought up with {@code --tcp}: its libvirtd listens on TCP too. */
    Path tcpRecord() {
        return dir.resolve("tcp");
    }

    Path nsDir() {
        return dir.resolve("ns");
    }

    Path mountNs() {
        return nsDir().resolve("mnt");
    }

    Path run() {
        return dir.resolve("run");
    }

    Path socket() {
        return run().resolve("libvirt/libvirt-sock");
    }

    Path pidFile(String daemon) {
        // libvirtd and virtlogd started as root with -d write /run/<daemon>.pid.
        return run().resolve(daemon + ".pid");
    }

    /** Bind mounts inside the mount namespace: target (as seen inside) to source (in the state dir). */
    Map<Path, Path> binds() {
        Map<Path, Path> m = new LinkedHashMap<>();
        m.put(Path.of("/etc/libvirt"), dir.resolve("etc/libvirt"));
        m.put(Path.of("/var/lib/libvirt"), dir.resolve("lib/libvirt"));
        m.put(Path.of("/var/log/libvirt"), dir.resolve("log/libvirt"));
        m.put(Path.of("/var/cache/libvirt"), dir.resolve("cache/libvirt"));
        // Last: after this the root's /run (and /run/netns) is hidden inside.
        m.put(Path.of("/run"), run());
        return m;
    }

    String uri() {
        return "qemu+unix:///system?socket=" + socket();
    }
}
