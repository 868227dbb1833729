package kvmsh.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import kvmsh.host.CommandResult;
import kvmsh.host.CommandRunner;
import kvmsh.host.ProcessRunner;

/**
 * A private KVM host inside network namespaces, for trying kvmsh scripts and for end-to-end tests.
 *
 * <ul>
 *   <li>netns {@code kvmsh-<name>}: the KVM host, with its own libvirtd and virtlogd running in a
 *       persisted private mount namespace (private /run, /etc/libvirt, /var/lib|log|cache/libvirt,
 *       a sysfs of its own). Reach it at {@link #uri()}.</li>
 *   <li>netns {@code kvmsh-<name>-lan}: the "physical LAN" holding the gateway {@value #LAN_GATEWAY}.
 *       The host's {@code eth0} (172.16.0.2/24, default route via the gateway) is a veth to the
 *       LAN's {@code lan0}.</li>
 * </ul>
 * State lives in {@code /var/lib/kvmsh/sandbox/<name>} (see {@link SandboxLayout}): on disk rather
 * than in /run so guest disks of a long-lived sandbox do not eat memory; after a reboot {@link #up()}
 * rebuilds the namespaces around the kept libvirt definitions. Nothing here configures the root
 * network namespace: every network command runs through {@code ip netns exec} or {@code nsenter}.
 *
 * <p>Example: {@code var s = new Sandbox("default"); s.up(); s.exec(List.of("virsh", "list"));}
 */
public final class Sandbox {

    public static final String DEFAULT_NAME = "default";
    public static final Path DEFAULT_STATE_ROOT = Path.of("/var/lib/kvmsh/sandbox");
    /** The LAN gateway address: what guests reach through NAT to prove it works. */
    public static final String LAN_GATEWAY = "172.16.0.1";
    static final String HOST_IF = "eth0";
    static final String LAN_IF = "lan0";
    private static final String HOST_ADDRESS = "172.16.0.2";
    private static final String LAN_ADDRESS = LAN_GATEWAY + "/24";
    // Names end up in namespace names and paths; "-lan" would collide with another sandbox's LAN.
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
    private static final long DAEMON_START_MILLIS = 20_000;
    private static final long LIBVIRT_ANSWER_MILLIS = 120_000;

    private final String name;
    private final CommandRunner host;
    private final SandboxLayout layout;
    private final SandboxMounts mounts;
    private final Path guestCache;
    private final Path stateRoot;
    /** The shared LAN {@code up} should join, or null for the sandbox's own (or the one it is on). */
    private final String requestedLan;
    /** Whether {@code up} should open libvirt's TCP transport on the LAN address ({@code --tcp}). */
    private final boolean requestedTcp;

    /** Sandbox {@code name} with state under {@link #DEFAULT_STATE_ROOT}, running real commands. */
    public Sandbox(String name) {
        this(name, new ProcessRunner(), DEFAULT_STATE_ROOT, GuestImageBuilder.DEFAULT_CACHE);
    }

    public Sandbox(String name, CommandRunner host, Path stateRoot, Path guestCache) {
        this(name, host, stateRoot, guestCache, null, false);
    }

    private Sandbox(String name, CommandRunner host, Path stateRoot, Path guestCache, String lan, boolean tcp) {
        if (name == null || !NAME.matcher(name).matches() || name.endsWith("-lan")) {
            throw new IllegalArgumentException("bad sandbox name '" + name
                    + "' — use 1-32 of [a-z0-9-], not starting/ending with '-', not ending in '-lan'");
        }
        if (lan != null && !NAME.matcher(lan).matches()) {
            throw new IllegalArgumentException("bad LAN name '" + lan
                    + "' — use 1-32 of [a-z0-9-], not starting/ending with '-'");
        }
        this.name = name;
        this.host = host;
        this.layout = new SandboxLayout(stateRoot, name);
        this.mounts = new SandboxMounts(host, layout);
        this.guestCache = guestCache;
        this.stateRoot = stateRoot;
        this.requestedLan = lan;
        this.requestedTcp = tcp;
    }

    /**
     * This sandbox on the shared LAN {@code lan} ({@code sandbox up NAME --lan LAN}): its
     * {@code eth0} gets an address of its own on that LAN's bridge, next to the other sandboxes
     * there, instead of a LAN of its own. A sandbox stays on the LAN it was brought up on until
     * its {@code down}.
     */
    public Sandbox onLan(String lan) {
        return new Sandbox(name, host, stateRoot, guestCache, lan, requestedTcp);
    }

    /**
     * This sandbox with libvirt's plain TCP transport open on its LAN address
     * ({@code sandbox up NAME --tcp}; see {@link SandboxConfig}): reach it from another namespace on
     * the LAN at {@link #tcpUri()}. Kept until the sandbox's {@code down}.
     */
    public Sandbox withTcp() {
        return new Sandbox(name, host, stateRoot, guestCache, requestedLan, true);
    }

    /** Whether the sandbox's libvirtd listens on TCP: brought up with {@code --tcp}, or asked to be. */
    public boolean tcp() {
        return requestedTcp || Files.exists(layout.tcpRecord());
    }

    /** {@code qemu+tcp://ADDRESS/system} when the sandbox listens on TCP and is up, else null. */
    public String tcpUri() {
        String address = tcp() ? address() : null;
        return address == null ? null : "qemu+tcp://" + address + "/system";
    }

    /** The shared LAN this sandbox is on (recorded by its {@code up}), else the one asked for; null for its own. */
    public String lan() {
        try {
            Path record = layout.lanRecord();
            return Files.isRegularFile(record) ? Files.readString(record).strip() : requestedLan;
        } catch (IOException e) {
            throw new SandboxException("sandbox " + name + ": cannot read " + layout.lanRecord() + ": " + e.getMessage(), e);
        }
    }

    private SandboxLan sharedLan() {
        String lan = lan();
        return lan == null ? null : new SandboxLan(lan, host, stateRoot);
    }

    /**
     * The sandbox host's address on its LAN ({@code 172.16.0.N}), where other sandboxes on a shared
     * LAN reach it: its libvirtd's migration address. Null when it is not up.
     */
    public String address() {
        return netnsExists(layout.hostNetns()) ? SandboxLan.address(runner(), HOST_IF) : null;
    }

    public String name() {
        return name;
    }

    /** libvirt URI of the sandbox's daemon, e.g. {@code qemu+unix:///system?socket=/var/lib/kvmsh/sandbox/x/run/libvirt/libvirt-sock}. */
    public String uri() {
        return layout.uri();
    }

    public Path stateDir() {
        return layout.dir();
    }

    public String hostNetns() {
        return layout.hostNetns();
    }

    /** The LAN's namespace: the sandbox's own {@code kvmsh-NAME-lan}, or the shared LAN's. */
    public String lanNetns() {
        SandboxLan shared = sharedLan();
        return shared == null ? layout.lanNetns() : shared.netns();
    }

    /**
     * Runs commands in the sandbox host's network namespace (via {@code ip netns exec}), seeing the
     * root's file system: for kvmsh's host-network code (taps, nft, dnsmasq with files in /run/kvmsh).
     */
    public CommandRunner runner() {
        return host.inNetns(layout.hostNetns());
    }

    /**
     * Runs {@code command} inside the sandbox host: its network and mount namespace, so
     * {@code virsh} with its default URI talks to the sandbox's libvirtd.
     */
    public CommandResult exec(List<String> command) {
        return host.run(execCommand(command));
    }

    /**
     * A runner whose commands run inside the sandbox host as {@link #exec} runs them, attached ones
     * too: for clients that must see the sandbox's guests, such as {@code kvmsh -c sandbox ssh}.
     */
    public CommandRunner shell() {
        return new CommandRunner() {
            @Override
            public CommandResult run(List<String> command) {
                return host.run(execCommand(command));
            }

            @Override
            public CommandResult run(List<String> command, String stdin) {
                return host.run(execCommand(command), stdin);
            }

            @Override
            public int runAttached(List<String> command) {
                return host.runAttached(execCommand(command));
            }
        };
    }

    /**
     * The full argument list {@link #exec} runs ({@code nsenter --mount=… --net=… -- command…}),
     * for callers that must run it with the terminal attached (e.g. {@code virsh console}).
     */
    public List<String> execCommand(List<String> command) {
        if (!mounts.exists()) {
            throw new SandboxException("sandbox " + name + " is not up (run: kvmsh sandbox up " + name + ")");
        }
        List<String> all = new ArrayList<>(mounts.enter());
        all.addAll(command);
        return List.copyOf(all);
    }

    /**
     * Creates whatever part is missing and restarts dead daemons; a no-op for a healthy sandbox.
     * Returns once libvirtd answers on {@link #uri()}.
     */
    public SandboxStatus up() {
        try {
            String recorded = Files.isRegularFile(layout.lanRecord()) ? Files.readString(layout.lanRecord()).strip() : null;
            if (requestedLan != null && !requestedLan.equals(recorded)
                    && (recorded != null || Files.exists(layout.dir()))) {
                throw new SandboxException("sandbox " + name + " is already up on "
                        + (recorded == null ? "a LAN of its own" : "LAN " + recorded)
                        + " — take it down first (kvmsh sandbox down " + name + ") to put it on LAN " + requestedLan);
            }
            if (requestedTcp && !Files.exists(layout.tcpRecord()) && Files.exists(layout.dir())) {
                // libvirtd reads its listen settings once, at its start: a running one would have to restart.
                throw new SandboxException("sandbox " + name + " is already up without --tcp"
                        + " — take it down first (kvmsh sandbox down " + name + ") to bring it up with --tcp");
            }
            Files.createDirectories(layout.dir());
            if (requestedLan != null && recorded == null) {
                Files.writeString(layout.lanRecord(), requestedLan + "\n");
            }
            if (requestedTcp) {
                Files.writeString(layout.tcpRecord(), "libvirtd listens on qemu+tcp:// on the LAN address\n");
            }
            if (ensureNetns(layout.hostNetns()) && mounts.exists()) {
                // The host netns was recreated under a surviving mount namespace, whose sysfs and
                // daemons still belong to the old netns: start that namespace over.
                NamespaceProcesses.identity("mnt", layout.mountNs())
                        .ifPresent(id -> NamespaceProcesses.killAll(Set.of(id), 5000));
                mounts.remove();
            }
            String address = sharedLan() == null ? ensureOwnLan() : sharedLan().join(layout.hostNetns(), HOST_IF);
            ensureHostAddress(address);
            ensurePrivateConfig(address);
            mounts.ensure();
            ensureDaemon("virtlogd");
            if (tcp()) {
                ensureDaemon("libvirtd", "--listen");
            } else {
                ensureDaemon("libvirtd");
            }
            awaitLibvirt();
            ensureDefaultPool();
            guest();
        } catch (IOException e) {
            throw new SandboxException("sandbox " + name + ": " + e.getMessage(), e);
        }
        return status();
    }

    /**
     * Removes every part, also after a crash: kills every process in the namespaces, unmounts,
     * deletes both namespaces (the veth goes with them) and the state directory. Idempotent.
     */
    public void down() {
        SandboxLan shared = sharedLan();
        List<Long> left = NamespaceProcesses.killAll(identities(), 5000);
        if (!left.isEmpty()) {
            throw new SandboxException("sandbox " + name + ": processes survive SIGKILL: " + left);
        }
        mounts.remove();
        // Deleting the host namespace also takes this sandbox's port off a shared LAN's bridge.
        for (String ns : shared == null ? List.of(layout.lanNetns(), layout.hostNetns()) : List.of(layout.hostNetns())) {
            if (Files.exists(SandboxLayout.netnsFile(ns))) {
                host.check("ip", "netns", "delete", ns);
            }
        }
        if (shared != null) {
            shared.removeIfUnused();
        }
        deleteStateDir();
    }

    /** What exists now; cheap except for one {@code virsh version} call when libvirtd runs. */
    public SandboxStatus status() {
        OptionalLong virtlogd = livePid("virtlogd");
        OptionalLong libvirtd = livePid("libvirtd");
        boolean answers = libvirtd.isPresent() && answers();
        return new SandboxStatus(name, layout.dir(), uri(),
                layout.hostNetns(), netnsExists(layout.hostNetns()),
                lan(), lanNetns(), netnsExists(lanNetns()), address(), tcpUri(),
                mounts.exists(), virtlogd, libvirtd, answers,
                NamespaceProcesses.in(identities()), guestImages());
    }

    // --- up -------------------------------------------------------------------------------

    private static boolean netnsExists(String ns) {
        return NamespaceProcesses.identity("net", SandboxLayout.netnsFile(ns)).isPresent();
    }

    /** Returns true when the namespace had to be created. */
    private boolean ensureNetns(String ns) {
        if (netnsExists(ns)) {
            return false;
        }
        if (Files.exists(SandboxLayout.netnsFile(ns))) {
            // A plain file left by an interrupted 'ip netns add': clear it first.
            host.run("ip", "netns", "delete", ns);
        }
        host.check("ip", "netns", "add", ns);
        return true;
    }

    /** The sandbox's own LAN namespace, joined by a veth pair; returns the host's address on it. */
    private String ensureOwnLan() {
        ensureNetns(layout.lanNetns());
        CommandRunner inHost = host.inNetns(layout.hostNetns());
        CommandRunner inLan = host.inNetns(layout.lanNetns());
        inLan.check("ip", "link", "set", "lo", "up");
        if (!inHost.run("ip", "link", "show", "dev", HOST_IF).ok()) {
            inLan.run("ip", "link", "delete", LAN_IF);
            // Created inside the host netns; the peer is created directly in the LAN netns.
            inHost.check("ip", "link", "add", HOST_IF, "type", "veth",
                    "peer", "name", LAN_IF, "netns", layout.lanNetns());
        }
        inLan.check("ip", "address", "replace", LAN_ADDRESS, "dev", LAN_IF);
        inLan.check("ip", "link", "set", LAN_IF, "up");
        return HOST_ADDRESS;
    }

    private void ensureHostAddress(String address) {
        CommandRunner inHost = host.inNetns(layout.hostNetns());
        inHost.check("ip", "link", "set", "lo", "up");
        inHost.check("ip", "address", "replace", address + "/24", "dev", HOST_IF);
        inHost.check("ip", "link", "set", HOST_IF, "up");
        inHost.check("ip", "route", "replace", "default", "via", LAN_GATEWAY, "dev", HOST_IF);
    }

    /**
     * A private, initially empty /etc/libvirt: no host config can point the daemon at shared paths,
     * and libvirt's packaged 'default' network (/etc/libvirt/qemu/networks/default.xml) does not
     * exist here, so it is never defined, let alone autostarted. Kept across {@code up} calls so
     * definitions made in the sandbox survive a daemon restart.
     */
    private void ensurePrivateConfig(String address) throws IOException {
        Path etc = layout.dir().resolve("etc/libvirt");
        Files.createDirectories(etc.resolve("qemu/networks/autostart"));
        Files.createDirectories(etc.resolve("storage/autostart"));
        Files.createDirectories(etc.resolve("hooks"));
        // As the libvirt packages ship it: where qemu's logs (and guests' serial logs) go.
        Files.createDirectories(layout.dir().resolve("log/libvirt/qemu"));
        SandboxConfig.write(etc, address, tcp());
    }

    private void ensureDaemon(String daemon, String... options) {
        if (livePid(daemon).isPresent()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(daemon, "-d"));
        command.addAll(List.of(options));
        host.run(mounts.inside(command.toArray(String[]::new))).orThrow();
        long deadline = System.nanoTime() + DAEMON_START_MILLIS * 1_000_000;
        while (livePid(daemon).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new SandboxException("sandbox " + name + ": " + daemon + " did not start (see "
                        + layout.dir().resolve("log/libvirt") + ")");
            }
            NamespaceProcesses.sleep(100);
        }
    }

    private void awaitLibvirt() {
        long deadline = System.nanoTime() + LIBVIRT_ANSWER_MILLIS * 1_000_000;
        CommandResult last = null;
        while (System.nanoTime() < deadline) {
            last = host.run("timeout", "60", "virsh", "-c", uri(), "version");
            if (last.ok()) {
                return;
            }
            NamespaceProcesses.sleep(250);
        }
        throw new SandboxException("sandbox " + name + ": libvirtd does not answer on " + uri()
                + (last == null ? "" : ": " + last.stderr().strip()));
    }

    /**
     * A fresh virt-manager host has a 'default' directory pool at /var/lib/libvirt/images; so does
     * the sandbox (its /var/lib/libvirt is private), so scripts with {@code disk size:} just work.
     */
    private void ensureDefaultPool() {
        if (host.run("virsh", "-c", uri(), "pool-info", "default").ok()) {
            // Defined but perhaps not running (after the host restarted): starting a running pool fails harmlessly.
            host.run("virsh", "-c", uri(), "pool-start", "default");
            return;
        }
        host.check("virsh", "-c", uri(), "pool-define-as", "default", "dir", "--target", "/var/lib/libvirt/images");
        host.check("virsh", "-c", uri(), "pool-build", "default");
        host.check("virsh", "-c", uri(), "pool-start", "default");
        host.check("virsh", "-c", uri(), "pool-autostart", "default");
    }

    /** The tiny test guest, built into the guest cache when its inputs changed. */
    public GuestImage guest() {
        return new GuestImageBuilder(host).cacheRoot(guestCache).build();
    }

    private boolean answers() {
        return host.run("timeout", "60", "virsh", "-c", uri(), "version").ok();
    }

    /** The daemon's pid if its pid file names a live process of that name inside our host netns. */
    private OptionalLong livePid(String daemon) {
        Path pidFile = layout.pidFile(daemon);
        var netns = NamespaceProcesses.identity("net", SandboxLayout.netnsFile(layout.hostNetns()));
        if (!Files.isRegularFile(pidFile) || netns.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            boolean ours = NamespaceProcesses.isLive(pid)
                    && NamespaceProcesses.comm(pid).equals(daemon)
                    && NamespaceProcesses.namespaceOf(pid, "net").equals(netns.get());
            return ours ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    // --- down -----------------------------------------------------------------------------

    private Set<String> identities() {
        Set<String> ids = new LinkedHashSet<>();
        NamespaceProcesses.identity("net", SandboxLayout.netnsFile(layout.hostNetns())).ifPresent(ids::add);
        if (sharedLan() == null) {
            // A shared LAN's processes are not this sandbox's; its namespace goes with its last member.
            NamespaceProcesses.identity("net", SandboxLayout.netnsFile(layout.lanNetns())).ifPresent(ids::add);
        }
        NamespaceProcesses.identity("mnt", layout.mountNs()).ifPresent(ids::add);
        return ids;
    }

    private void deleteStateDir() {
        Path dir = layout.dir();
        if (!Files.exists(dir)) {
            return;
        }
        if (!MountInfo.ofSelf().under(dir).isEmpty()) {
            throw new SandboxException("sandbox " + name + ": still mounted under " + dir + ": "
                    + MountInfo.ofSelf().under(dir));
        }
        try {
            // walkFileTree does not follow symlinks: a link in the state dir is removed, not its target.
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SandboxException("sandbox " + name + ": cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<Path> guestImages() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(guestCache)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(guestCache)) {
            for (Path d : dirs) {
                if (Files.isRegularFile(d.resolve(GuestImageBuilder.INITRD))) {
                    out.add(d);
                }
            }
        } catch (IOException e) {
            // A status report should not fail over an unreadable cache.
        }
        out.sort(null);
        return out;
    }
}
