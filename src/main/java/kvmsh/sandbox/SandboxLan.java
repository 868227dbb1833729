package kvmsh.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kvmsh.host.CommandRunner;

/**
 * A "physical LAN" that several sandboxes share ({@code kvmsh sandbox up NAME --lan LAN}): network
 * namespace {@code kvmshlan-LAN} holding a bridge {@value #BRIDGE} with the gateway
 * {@value Sandbox#LAN_GATEWAY}/24. Each member sandbox's {@code eth0} is a veth whose peer
 * {@code mN} is a port of that bridge, and its address is {@code 172.16.0.N}: the members reach
 * each other (and a migration between them crosses this link). The peers' names are the record of
 * which addresses are taken, so nothing else needs to be kept; the namespace is deleted when its
 * last member leaves.
 *
 * <p>Joins and leaves hold a lock file under the sandbox state root's sibling {@code lan/}, so two
 * sandboxes brought up at once get different addresses.
 */
final class SandboxLan {

    static final String BRIDGE = "lan";
    private static final String PREFIX = "172.16.0.";
    private static final String GATEWAY_MAC = "02:6b:76:6d:00:01";
    private static final Pattern PEER = Pattern.compile("^\\d+: m(\\d+)[@:]", Pattern.MULTILINE);
    private static final Pattern INET = Pattern.compile("inet (" + Pattern.quote(PREFIX) + "\\d+)/24");

    private final String name;
    private final CommandRunner host;
    private final Path lockFile;

    SandboxLan(String name, CommandRunner host, Path stateRoot) {
        this.name = name;
        this.host = host;
        this.lockFile = stateRoot.resolveSibling("lan").resolve(name + ".lock");
    }

    String name() {
        return name;
    }

    /** Distinct from every sandbox's own namespaces, which all start with {@code kvmsh-}. */
    String netns() {
        return "kvmshlan-" + name;
    }

    /**
     * Plugs the sandbox whose host namespace is {@code hostNetns} into this LAN (creating the LAN
     * if needed) and returns its address there; a member already plugged in keeps its address.
     */
    String join(String hostNetns, String hostIf) {
        return locked(() -> {
            ensureNetns();
            CommandRunner inHost = host.inNetns(hostNetns);
            CommandRunner inLan = host.inNetns(netns());
            var existing = address(inHost, hostIf);
            if (existing != null) {
                return existing;
            }
            int n = freeNumber(inLan);
            String peer = "m" + n;
            inHost.check("ip", "link", "add", hostIf, "type", "veth", "peer", "name", peer, "netns", netns());
            inLan.check("ip", "link", "set", peer, "master", BRIDGE, "up");
            return PREFIX + n;
        });
    }

    /** Deletes the LAN's namespace once no member is plugged in; returns true when it is gone. */
    boolean removeIfUnused() {
        return locked(() -> {
            var id = NamespaceProcesses.identity("net", SandboxLayout.netnsFile(netns()));
            if (id.isPresent() && !members(host.inNetns(netns())).isEmpty()) {
                return false;
            }
            id.ifPresent(i -> NamespaceProcesses.killAll(Set.of(i), 5000));
            if (Files.exists(SandboxLayout.netnsFile(netns()))) {
                host.check("ip", "netns", "delete", netns());
            }
            try {
                Files.deleteIfExists(lockFile);
            } catch (IOException e) {
                throw new SandboxException("LAN " + name + ": cannot remove " + lockFile + ": " + e.getMessage(), e);
            }
            return true;
        });
    }

    /** The address of {@code dev} on this LAN inside {@code inHost}, or null when it has none. */
    static String address(CommandRunner inHost, String dev) {
        var r = inHost.run("ip", "-o", "-4", "address", "show", "dev", dev);
        if (!r.ok()) {
            return null;
        }
        Matcher m = INET.matcher(r.stdout());
        return m.find() ? m.group(1) : null;
    }

    private void ensureNetns() {
        var file = SandboxLayout.netnsFile(netns());
        if (NamespaceProcesses.identity("net", file).isEmpty()) {
            if (Files.exists(file)) {
                host.run("ip", "netns", "delete", netns());
            }
            host.check("ip", "netns", "add", netns());
        }
        CommandRunner inLan = host.inNetns(netns());
        inLan.check("ip", "link", "set", "lo", "up");
        if (!inLan.run("ip", "link", "show", "dev", BRIDGE).ok()) {
            inLan.check("ip", "link", "add", BRIDGE, "type", "bridge", "stp_state", "0", "forward_delay", "0");
            // A bridge without an address of its own takes its lowest port's, so the gateway's MAC
            // would change under the members' ARP caches whenever a member leaves.
            inLan.check("ip", "link", "set", BRIDGE, "address", GATEWAY_MAC);
        }
        inLan.check("ip", "address", "replace", Sandbox.LAN_GATEWAY + "/24", "dev", BRIDGE);
        inLan.check("ip", "link", "set", BRIDGE, "up");
    }

    private static Set<Integer> members(CommandRunner inLan) {
        Set<Integer> taken = new TreeSet<>();
        Matcher m = PEER.matcher(inLan.run("ip", "-o", "link", "show").stdout());
        while (m.find()) {
            taken.add(Integer.parseInt(m.group(1)));
        }
        return taken;
    }

    private int freeNumber(CommandRunner inLan) {
        Set<Integer> taken = members(inLan);
        for (int n = 2; n < 255; n++) {
            if (!taken.contains(n)) {
                return n;
            }
        }
        throw new SandboxException("LAN " + name + " is full: 253 sandboxes are on it");
    }

    /** Runs {@code body} holding the LAN's lock file (re-opened if a leaving member deleted it meanwhile). */
    private <T> T locked(Supplier<T> body) {
        try {
            Files.createDirectories(lockFile.getParent());
            while (true) {
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                     FileLock ignored = ch.lock()) {
                    if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                        return body.get();
                    }
                }
            }
        } catch (IOException e) {
            throw new SandboxException("LAN " + name + ": cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }
}
