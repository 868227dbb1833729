package kvmsh.hostnet;

import java.nio.file.Path;

/**
 * Where the host network driver keeps its files: one directory per network (dnsmasq config, pid
 * and lease files, the record of what {@code up} made) and a lock directory.
 * <pre>
 * /run/kvmsh/net/
 *   .locks/lan.lock, .locks/nft.lock    deleted only by their holder, marked dead first (see NetworkLock)
 *   lan/network.properties              mode and bridge, so {@code down 'lan'} needs no script
 *   lan/dnsmasq.conf, dnsmasq.pid, dnsmasq.leases, dnsmasq.log
 *   lan/tap.vnet1                       marks a tap {@code attachTap} created (and so deletes)
 * </pre>
 * The root is configurable because {@code /run} may be a private mount in a sandbox and tests put
 * it in a temporary directory. Every directory in it is made {@code 0755} whatever the umask, and
 * nothing in it is read or written unless it belongs to this user alone ({@link RunFiles}): a
 * planted {@code tap.victim0} must never make root delete {@code victim0}.
 */
public record RunDirectory(Path root) {

    /** The default root on a real host. */
    public static final Path DEFAULT_ROOT = Path.of("/run/kvmsh/net");

    public RunDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public static RunDirectory standard() {
        return new RunDirectory(DEFAULT_ROOT);
    }

    /** {@code KVMSH_RUN_DIR} from {@code env} when it is set, else {@link #standard()}. */
    public static RunDirectory fromEnv(java.util.Map<String, String> env) {
        String dir = env.get("KVMSH_RUN_DIR");
        return dir == null || dir.isBlank() ? standard() : new RunDirectory(Path.of(dir));
    }

    /** The directory of network {@code name}. */
    public Path network(String name) {
        return root.resolve(Names.network(name));
    }

    public Path dnsmasqConf(String name) {
        return network(name).resolve("dnsmasq.conf");
    }

    public Path dnsmasqPid(String name) {
        return network(name).resolve("dnsmasq.pid");
    }

    public Path dnsmasqLeases(String name) {
        return network(name).resolve("dnsmasq.leases");
    }

    public Path dnsmasqLog(String name) {
        return network(name).resolve("dnsmasq.log");
    }

    /** The rules last loaded for network {@code name}, and how nft listed its chains right after. */
    public Path nftState(String name) {
        return network(name).resolve("nft.state");
    }

    Path record(String name) {
        return network(name).resolve("network.properties");
    }

    Path tapMarker(String name, String tap) {
        return network(name).resolve("tap." + tap);
    }

    Path locks() {
        return root.resolve(".locks");
    }

    Path networkLock(String name) {
        return locks().resolve(Names.network(name) + ".lock");
    }

    /** Serializes changes to the shared nft table (deleting it when empty races with adding chains). */
    Path tableLock() {
        return locks().resolve("nft.lock");
    }
}
