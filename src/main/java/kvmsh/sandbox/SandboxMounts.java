package kvmsh.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kvmsh.host.CommandRunner;

/**
 * The sandbox host's persisted mount namespace. {@code unshare --mount=<file>} creates it from the
 * root's mounts and keeps it alive through an nsfs bind mount on {@code <file>}; every later step
 * enters it with {@code nsenter --mount=<file> --net=/run/netns/<host>}, so no shell ever builds
 * a command line and mounts done once are seen by all daemons and by {@code exec}.
 *
 * <p>Propagation is {@code slave}: nothing mounted inside leaks out, and when a network namespace
 * of another sandbox is deleted (its nsfs unmounted from the shared /run/netns) that unmount
 * reaches our copy too, so we never keep a deleted namespace alive.
 */
final class SandboxMounts {

    /** Source name of our sysfs, so we can tell it from the root's sysfs in mountinfo. */
    static final String SYSFS_SOURCE = "kvmsh-sysfs";

    private final CommandRunner host;
    private final SandboxLayout layout;

    SandboxMounts(CommandRunner host, SandboxLayout layout) {
        this.host = host;
        this.layout = layout;
    }

    boolean exists() {
        MountInfo.Mount m = MountInfo.ofSelf().top(layout.mountNs());
        return m != null && m.fsType().equals("nsfs");
    }

    /** The prefix that runs a command inside the sandbox host: its mount and network namespace. */
    List<String> enter() {
        return List.of("nsenter", "--mount=" + layout.mountNs(),
                "--net=" + SandboxLayout.netnsFile(layout.hostNetns()), "--");
    }

    List<String> inside(String... command) {
        List<String> all = new ArrayList<>(enter());
        all.addAll(List.of(command));
        return all;
    }

    void ensure() throws IOException {
        if (!exists()) {
            create();
        }
        ensureSysfs();
        ensureBinds();
    }

    private void create() throws IOException {
        Path nsDir = layout.nsDir();
        Files.createDirectories(nsDir);
        // The kernel refuses an nsfs bind mount of a mount namespace on a shared mount; give the
        // file a private mount of its own (on systemd hosts / is shared).
        if (!MountInfo.ofSelf().isMountPoint(nsDir)) {
            host.check("mount", "--bind", nsDir.toString(), nsDir.toString());
        }
        host.check("mount", "--make-private", nsDir.toString());
        if (!Files.exists(layout.mountNs())) {
            Files.createFile(layout.mountNs());
        }
        host.check("unshare", "--mount=" + layout.mountNs(), "--propagation", "slave", "true");
    }

    /**
     * A sysfs mounted from inside the host netns shows that namespace's devices. libvirt reads and
     * writes /sys/class/net/&lt;bridge&gt;/...; with the root's sysfs it could touch a root device
     * of the same name. The root's /sys (with its cgroup mounts) is detached first, so libvirtd
     * finds no cgroup hierarchy and leaves no cgroup directories behind.
     */
    private void ensureSysfs() {
        MountInfo inside = MountInfo.parse(host.run(inside("cat", "/proc/self/mountinfo")).orThrow().stdout());
        MountInfo.Mount sys = inside.top(Path.of("/sys"));
        if (sys != null && sys.fsType().equals("sysfs") && sys.source().equals(SYSFS_SOURCE)) {
            return;
        }
        host.run(inside("umount", "--lazy", "/sys"));
        host.run(inside("mount", "-t", "sysfs", SYSFS_SOURCE, "/sys")).orThrow();
    }

    /** Bind mounts, each checked by comparing device and inode of target (inside) and source. */
    private void ensureBinds() throws IOException {
        Map<Path, Path> binds = layout.binds();
        for (Map.Entry<Path, Path> b : binds.entrySet()) {
            Files.createDirectories(b.getValue());
            if (!Files.isDirectory(b.getKey())) {
                // The mount point must exist; it is an empty directory the packages normally ship.
                Files.createDirectories(b.getKey());
            }
        }
        List<String> stat = new ArrayList<>(List.of("stat", "--format=%n %d %i", "--"));
        binds.keySet().forEach(t -> stat.add(t.toString()));
        Map<String, String> seen = new HashMap<>();
        for (String line : host.run(inside(stat.toArray(String[]::new))).orThrow().stdout().split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                seen.put(line.substring(0, sp), line.substring(sp + 1).strip());
            }
        }
        for (Map.Entry<Path, Path> b : binds.entrySet()) {
            String want = Files.getAttribute(b.getValue(), "unix:dev") + " " + Files.getAttribute(b.getValue(), "unix:ino");
            if (!want.equals(seen.get(b.getKey().toString()))) {
                host.run(inside("mount", "--bind", b.getValue().toString(), b.getKey().toString())).orThrow();
            }
        }
    }

    /** Unmounts the namespace file (the namespace dies with its last process) and its private mount. */
    void remove() {
        for (Path p : List.of(layout.mountNs(), layout.nsDir())) {
            if (MountInfo.ofSelf().isMountPoint(p)) {
                host.check("umount", p.toString());
            }
        }
        // Anything else still mounted under the state dir (should not happen) goes lazily, so the
        // recursive delete below can never walk into a mounted file system.
        for (Path p : MountInfo.ofSelf().under(layout.dir())) {
            host.run("umount", "--lazy", p.toString());
        }
    }
}
