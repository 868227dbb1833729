package kvmsh.hostnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import kvmsh.host.CommandResult;
import kvmsh.host.CommandRunner;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkFields;
import kvmsh.model.NetworkMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realizes a {@link NetworkDef} on a host without libvirt — the robust replacement for
 * {@code qemu -net tap,script=/etc/qemu-natup} scripts: a bridge (STP settings the kernel accepts,
 * see {@link BridgeSettings}), the gateway address, {@code ip_forward} for NAT and routed networks,
 * this network's chains in kvmsh's own nft table ({@link NftRuleset}) and a dnsmasq of its own
 * ({@link DnsmasqConfig}), tracked by its pid file.
 * <p>
 * Every host command goes through the {@link CommandRunner} (give it {@code runner.inNetns(ns)} to
 * work inside a network namespace); files live under a {@link RunDirectory}. {@code up} and
 * {@code down} are idempotent and hold a per-network file lock, so concurrent callers — threads or
 * processes — end up with one bridge, one rule set and one dnsmasq. What kvmsh made is marked
 * (bridge alias {@code kvmsh:<network>}, our table, our pid file, tap markers) and {@code down}
 * removes exactly that: never another table, never a bridge it did not create.
 */
public final class HostNetworkDriver {

    private static final Logger LOG = LoggerFactory.getLogger(HostNetworkDriver.class);

    private final CommandRunner runner;
    private final RunDirectory run;
    private final Links links;
    private final NftTable nft;
    private final DnsmasqProcess dnsmasq;

    public HostNetworkDriver(CommandRunner runner, RunDirectory run) {
        this.runner = runner;
        this.run = run;
        this.links = new Links(runner);
        this.nft = new NftTable(runner);
        this.dnsmasq = new DnsmasqProcess(runner, run);
    }

    /** The alias kvmsh gives a bridge it creates: how it recognizes its own bridges. */
    public static String bridgeAlias(String network) {
        return "kvmsh:" + Names.network(network);
    }

    /** {@link #up(NetworkDef, String)} of a declaration no script owns (tests, tools). */
    public HostNetworkStatus up(NetworkDef def) {
        return up(def, null);
    }

    /**
     * Makes the host hold {@code def}, changing only what differs; running it again changes
     * nothing. A bridged network only checks that its bridge exists. The network boot the
     * declaration asks for ({@code pxe}) is served by its dnsmasq.
     *
     * @param script the declaring script recorded for a network not recorded yet, or null
     * @throws HostNetworkException when the declaration cannot be realized (the message says why)
     */
    public HostNetworkStatus up(NetworkDef def, String script) {
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(Names.network(def.name())), "network '" + def.name() + "'")) {
            upHeld(def, script, links.table(Names.ifname(Names.network(def.name()), def.bridge())));
            return status(def.name());
        }
    }

    /**
     * Records {@code def} as network {@code def.name()}'s declaration, declared by {@code script},
     * without changing the host: {@link #start} realizes it. What is up stays up as it is (its
     * record keeps the mode and bridge realized, so a later start or stop knows what to take down).
     */
    public void define(NetworkDef def, String script, String project) {
        String name = Names.network(def.name());
        String bridge = Names.ifname(name, def.bridge());
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(name), "network '" + name + "'")) {
            Optional<NetworkRecord> previous = NetworkRecord.read(run, name);
            NetworkRecord fresh = NetworkRecord.of(def, bridge, false, script, project);
            previous.map(p -> new NetworkRecord(name, p.mode(), p.bridge(), p.active(), script, fresh.digest(), def,
                            project))
                    .orElse(fresh).write(run);
        }
    }

    /**
     * Records network {@code name} as {@code script}'s under {@code project} (taken over from another, or its
     * project's script moved): nothing else changes.
     */
    public void reown(String name, String script, String project) {
        Names.network(name);
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(name), "network '" + name + "'")) {
            NetworkRecord r = NetworkRecord.read(run, name)
                    .orElseThrow(() -> new HostNetworkException("network '" + name + "' has no record to take over"));
            new NetworkRecord(r.name(), r.mode(), r.bridge(), r.active(), script, r.digest(), r.def(), project)
                    .write(run);
        }
    }

    /** Realizes the declaration recorded for network {@code name} ({@link #define}); up already is fine. */
    public void start(String name) {
        Names.network(name);
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(name), "network '" + name + "'")) {
            NetworkDef def = recorded(name);
            upHeld(def, null, links.table(Names.ifname(name, def.bridge())));
        }
    }

    /**
     * Stops and starts network {@code name}, then plugs the taps that were on its bridge back in:
     * the stop deletes the bridge from under them, the start makes an empty one. A tap that went
     * away meanwhile (its guest stopped) is not made again.
     */
    public void restart(String name) {
        List<String> before = ports(name);
        stop(name);
        start(name);
        if (before.isEmpty()) {
            return;
        }
        NetworkDef def = recorded(name);
        String bridge = Names.ifname(name, def.bridge());
        Links.Table now = links.table(before.toArray(String[]::new));
        for (String tap : before) {
            if (now.link(tap).isPresent()) {
                links.plugUp(tap, bridge);
            }
        }
    }

    /**
     * What is broken in up network {@code def} that {@link #start} would put right: for now its
     * dnsmasq (wanted for DHCP, DNS or router advertisements) not running — killed, or crashed —
     * which leaves new guests without a lease while the bridge looks fine.
     */
    public List<String> faults(NetworkDef def) {
        if (def.ownsBridge() && DnsmasqConfig.wanted(def) && dnsmasq.pid(def.name()).isEmpty()) {
            return List.of(kvmsh.plan.NetworkState.DNSMASQ_DEAD);
        }
        return List.of();
    }

    /** Takes network {@code name} down (as {@link #down}) but keeps its declaration for a later {@link #start}. */
    public void stop(String name) {
        Names.network(name);
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(name), "network '" + name + "'")) {
            Optional<NetworkRecord> record = NetworkRecord.read(run, name);
            teardown(name, record);
            record.ifPresent(r -> r.withActive(false).write(run));
        }
    }

    /**
     * Puts back the record {@link #recordText} gave (a rollback): realized as it was when it was
     * up then, otherwise taken down and only recorded.
     */
    public void restore(String name, String recordText) {
        Names.network(name);
        NetworkRecord was = NetworkRecord.parse(name, recordText);
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(name), "network '" + name + "'")) {
            if (was.active() && was.def() != null) {
                upHeld(was.def(), was.script(), links.table(Names.ifname(name, was.def().bridge())));
            } else {
                teardown(name, NetworkRecord.read(run, name));
            }
            was.write(run);
        }
    }

    /** The text of network {@code name}'s record, kept by a plan to {@link #restore} it; empty when none. */
    public Optional<String> recordText(String name) {
        return NetworkRecord.read(run, Names.network(name)).map(NetworkRecord::text);
    }

    private NetworkDef recorded(String name) {
        return NetworkRecord.read(run, name).map(NetworkRecord::def).orElseThrow(() -> new HostNetworkException(
                "network '" + name + "' has no declaration recorded in " + run.network(name) + " — run its script"));
    }

    /**
     * What a qemu {@code script=} hook does: brings network {@code def} up if needed and plugs
     * {@code tap} into it, under one hold of the network's lock, so a concurrent {@link #leave}
     * of the last other tap cannot take the network down in between; {@code script} is recorded as
     * the network's declaring file when it was not recorded yet. When the network was not up
     * before and this fails, what was made is removed again: nothing is left half-made.
     */
    public void join(NetworkDef def, String script, String tap) {
        String name = Names.network(def.name());
        Names.ifname(name, tap);
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(name), "network '" + name + "'")) {
            Optional<NetworkRecord> record = NetworkRecord.read(run, name);
            requireSameOrOwn(record, def, script);
            boolean existed = record.isPresent();
            try {
                // One read of the links serves both steps when bringing the network up changed none
                // (the usual case: the network is up and this is one more VM starting).
                String bridge = Names.ifname(name, def.bridge());
                Links.Table before = links.table(bridge, tap);
                attachHeld(tap, name, upHeld(def, script, before) ? links.table(bridge, tap) : before);
            } catch (RuntimeException e) {
                if (!existed) {
                    try {
                        teardown(name, NetworkRecord.read(run, name));
                        forget(lock);
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                throw e;
            }
        }
    }

    /**
     * A hook joins a network another script declared (a kvmsh run, another hook file) only as that
     * script declares it: redefining it would change the network under the other script's guests.
     * Its own script may change it (the file was edited), and a record without a declaration or
     * owner (an older kvmsh's) is taken as it is.
     */
    private static void requireSameOrOwn(Optional<NetworkRecord> record, NetworkDef def, String script) {
        if (record.isEmpty() || record.get().script() == null || script == null || record.get().def() == null
                || record.get().script().equals(script)) {
            return;
        }
        if (!NetworkFields.encode(record.get().def(), false).equals(NetworkFields.encode(def, false))) {
            throw new HostNetworkException("network '" + def.name() + "' belongs to " + record.get().script()
                    + ", which declares it differently from " + script + " — declare it the same way in both, use"
                    + " another network name, or take it down with the other script first (kvmsh down)");
        }
    }

    /**
     * What a qemu {@code downscript=} hook does: unplugs {@code tap} from network {@code network}
     * (deleting it if kvmsh created it; a tap that is gone is fine) and, unless {@code keep}, takes
     * the network down when no port is left on its bridge.
     *
     * @return ports left on the network's bridge (0 when the network is down or was taken down)
     */
    public int leave(String tap, String network, boolean keep) {
        String name = Names.network(network);
        Names.ifname(name, tap);
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(name), "network '" + name + "'")) {
            Optional<NetworkRecord> record = NetworkRecord.read(run, name);
            if (record.isEmpty()) {
                forget(lock); // taking the lock made its file: a down for nothing leaves nothing
                return 0;
            }
            String bridge = record.get().bridge();
            Optional<Map<?, ?>> link = links.link(tap);
            Path marker = run.tapMarker(name, tap);
            if (RunFiles.isOurs(marker)) {
                links.deleteTap(tap);
                RunFiles.deleteIfExists(marker);
            } else if (link.isPresent() && bridge.equals(Links.master(link.get()))) {
                links.unplug(tap);
            }
            int left = links.ports(bridge).size();
            if (left == 0 && !keep) {
                teardown(name, record);
                forget(lock);
            }
            return left;
        }
    }

    /** A tap as the kernel has it: whether it exists, whether it is up, and the bridge it is plugged into. */
    public TapState tapState(String tap) {
        Names.ifname("tap " + tap, tap);
        Optional<Map<?, ?>> link = links.link(tap);
        return link.map(l -> new TapState(true, Links.isUp(l), Links.master(l)))
                .orElse(new TapState(false, false, null));
    }

    /**
     * @param exists the device exists
     * @param up     it is administratively up
     * @param master the bridge it is plugged into, or null
     */
    public record TapState(boolean exists, boolean up, String master) {
    }

    /**
     * Brings network {@code def} up, reading the links from {@code before} (read under the lock),
     * and records it ({@code script} as its declaring file when it has no record yet).
     *
     * @return true when it changed a link (so {@code before} no longer holds), false when the
     *         network was up as declared
     */
    private boolean upHeld(NetworkDef def, String script, Links.Table before) {
        String name = Names.network(def.name());
        String bridge = Names.ifname(name, def.bridge());
        // Render everything first: an invalid declaration must fail before the host is touched.
        BridgeSettings stp = def.ownsBridge() ? BridgeSettings.of(def) : null;
        Subnet subnet = def.ownsBridge() ? Subnet.ofOptional(def) : null;
        Subnet6 subnet6 = def.ownsBridge() ? Subnet6.of(def) : null;
        String rules = def.ownsBridge() ? NftRuleset.render(def) : null;
        String conf = DnsmasqConfig.wanted(def) ? DnsmasqConfig.render(def, run, true) : null;
        String dhcpOnly = conf == null ? null : DnsmasqConfig.render(def, run, false);

        // Before anything is recorded: a foreign device must not become ours on down, and a
        // bridged network whose bridge is missing is not up.
        if (def.ownsBridge()) {
            requireNotForeign(name, bridge, before.link(bridge));
        } else {
            requireBridge(name, bridge, true, before.link(bridge));
        }
        boolean changed = false;
        Optional<NetworkRecord> previous = NetworkRecord.read(run, name);
        // Fields compared by hand: a record's equals links an invokedynamic call site, which costs
        // a fresh JVM (a hook) more than the comparison itself.
        boolean same = previous.isPresent() && previous.get().mode() == def.mode()
                && previous.get().bridge().equals(bridge);
        if (previous.isPresent() && !same) {
            LOG.warn("network '{}' changes from {} on {} to {} on {}: taking the old one down first", name,
                    previous.get().mode().keyword(), previous.get().bridge(), def.mode().keyword(), bridge);
            teardown(name, previous);
            changed = true;
        }
        if (!same || !previous.get().active() || previous.get().def() == null
                || !NetworkFields.encode(previous.get().def(), false).equals(NetworkFields.encode(def, false))) {
            String owner = previous.map(NetworkRecord::script).orElse(script);
            NetworkRecord.of(def, bridge, true, owner == null ? script : owner,
                    previous.map(NetworkRecord::project).orElse(null)).write(run);
        }
        if (!def.ownsBridge()) {
            return changed;
        }
        Links.Table now = changed ? links.table(bridge) : before;
        boolean wasUp = ensureBridge(name, bridge, stp, now.link(bridge));
        if (!wasUp) {
            now = links.table(bridge); // created or adjusted just now: read its addresses again
        }
        boolean readdressed = ensureAddress(bridge, subnet == null ? null : subnet.gatewayWithPrefix(),
                now.ipv4Addresses(bridge));
        changed |= !wasUp || readdressed;
        if (subnet6 == null) {
            // A network without an IPv6 subnet: the bridge gets no IPv6 at all (no link-local
            // address the host answers on, no route), checked on every call rather than assumed.
            changed |= disableIpv6(name, bridge);
        } else {
            changed |= enableIpv6(name, bridge, subnet6, now);
        }
        if (!wasUp) {
            links.setUp(bridge);
        }
        boolean forwards = def.mode() == NetworkMode.NAT || def.mode() == NetworkMode.ROUTED;
        if (forwards && subnet != null && !"1".equals(runner.sysctl("net.ipv4.ip_forward"))) {
            // Per network namespace; never set back to 0 on down: other users may rely on it.
            runner.check("sysctl", "-w", "net.ipv4.ip_forward=1");
        }
        if (forwards && subnet6 != null && !"1".equals(runner.sysctl("net/ipv6/conf/all/forwarding"))) {
            // Likewise for IPv6 (as libvirt does; the host then takes no router advertisements itself).
            runner.check("sysctl", "-q", "-w", "net/ipv6/conf/all/forwarding=1");
        }
        try (NetworkLock table = NetworkLock.acquire(run.tableLock(), "kvmsh's nft table")) {
            // Checked on every call: this also restores our chains after a firewall reload flushed them.
            nft.ensure(name, rules, run.nftState(name));
        }
        ensureDnsmasq(name, conf, dhcpOnly, subnet, subnet6);
        return changed;
    }

    /**
     * Removes what {@code up} made for network {@code name}: its dnsmasq, its chains (and our
     * table once it is empty), the taps kvmsh created for it, its bridge, its run directory.
     * Nothing else; a network that is not up is fine.
     */
    public void down(String name) {
        Names.network(name);
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(name), "network '" + name + "'")) {
            teardown(name, NetworkRecord.read(run, name));
            forget(lock);
        }
    }

    /** After a teardown: the network's lock file, and the run directory when nothing else is in it. */
    private void forget(NetworkLock lock) {
        lock.deleteFile();
        NetworkLock.deleteIfEmpty(run.root());
    }

    /** What the host holds of network {@code name} right now. */
    public HostNetworkStatus status(String name) {
        Names.network(name);
        Optional<NetworkRecord> record = NetworkRecord.read(run, name);
        List<String> ours = NftRuleset.chains(name);
        List<String> chains = nft.chains().stream().filter(ours::contains).toList();
        OptionalLong pid = dnsmasq.pid(name);
        if (record.isEmpty()) {
            return new HostNetworkStatus(name, null, null, false, false, false, -1, List.of(), chains, pid,
                    List.of());
        }
        String bridge = record.get().bridge();
        Links.Table now = links.table(bridge);
        Optional<Map<?, ?>> link = now.link(bridge);
        if (link.isEmpty()) {
            return new HostNetworkStatus(name, record.get().mode(), bridge, false, false, false, -1, List.of(),
                    chains, pid, List.of());
        }
        Links.StpState stp = Links.stpState(link.get());
        return new HostNetworkStatus(name, record.get().mode(), bridge, true, Links.isUp(link.get()), stp.stp(),
                stp.forwardDelayCentis(), now.ipv4Addresses(bridge), chains, pid, links.ports(bridge));
    }

    /**
     * Plugs {@code tap} into the bridge of network {@code network} (which must be up) and sets it
     * up; creates the tap first when it does not exist (and then deletes it on {@link #detachTap}).
     * What a qemu {@code script=} would do for {@code -net tap,ifname=vnet1}.
     */
    public void attachTap(String tap, String network) {
        Names.ifname(network, tap);
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(Names.network(network)), "network '" + network + "'")) {
            attachHeld(tap, network, null);
        }
    }

    /** @param known the bridge and the tap as read under this hold of the lock, or null to read them */
    private void attachHeld(String tap, String network, Links.Table known) {
        NetworkRecord record = NetworkRecord.read(run, network).orElseThrow(() -> new HostNetworkException(
                "network '" + network + "' is not up: cannot attach tap " + tap));
        Links.Table now = known != null ? known : links.table(record.bridge(), tap);
        requireBridge(network, record.bridge(), record.mode() == NetworkMode.BRIDGE, now.link(record.bridge()));
        Optional<Map<?, ?>> link = now.link(tap);
        boolean created = link.isEmpty();
        if (created) {
            links.createTap(tap);
            RunFiles.touch(run.tapMarker(network, tap));
        }
        try {
            if (link.isEmpty() || !record.bridge().equals(Links.master(link.get()))) {
                links.plugUp(tap, record.bridge());
            } else if (!Links.isUp(link.get())) {
                links.setUp(tap);
            }
        } catch (RuntimeException e) {
            if (created) {
                // Half a tap is worse than none.
                links.deleteTap(tap);
                RunFiles.deleteIfExists(run.tapMarker(network, tap));
            }
            throw e;
        }
    }

    /**
     * Unplugs {@code tap} from its bridge, deleting it when {@link #attachTap} created it.
     *
     * @return how many ports are left on that bridge: 0 when this was the last tap (or the tap was
     *         plugged nowhere), which is when a caller may take a network nobody uses down
     */
    public int detachTap(String tap) {
        Names.ifname("tap " + tap, tap);
        Optional<Map<?, ?>> link = links.link(tap);
        String master = link.map(Links::master).orElse(null);
        Optional<NetworkRecord> owner = NetworkRecord.all(run)
                .filter(r -> RunFiles.isOurs(run.tapMarker(r.name(), tap)) || r.bridge().equals(master))
                .findFirst();
        if (owner.isEmpty()) {
            if (master != null) {
                links.unplug(tap);
                return links.ports(master).size();
            }
            return 0;
        }
        String network = owner.get().name();
        try (NetworkLock lock = NetworkLock.acquire(run.networkLock(network), "network '" + network + "'")) {
            Path marker = run.tapMarker(network, tap);
            if (RunFiles.isOurs(marker)) {
                links.deleteTap(tap);
                RunFiles.deleteIfExists(marker);
            } else if (master != null) {
                links.unplug(tap);
            }
            return master == null ? 0 : links.ports(master).size();
        }
    }

    /** Interfaces plugged into the bridge of network {@code network}; empty when it is not up. */
    public List<String> ports(String network) {
        return NetworkRecord.read(run, network).map(r -> links.ports(r.bridge())).orElse(List.of());
    }

    private void teardown(String name, Optional<NetworkRecord> record) {
        dnsmasq.stop(name);
        if (record.isEmpty() || record.get().mode() != NetworkMode.BRIDGE) {
            // Even without a record: the chains are named after the network, so they are ours.
            try (NetworkLock table = NetworkLock.acquire(run.tableLock(), "kvmsh's nft table")) {
                if (nft.removeNetwork(name)) {
                    table.deleteFile();
                }
            }
        }
        if (record.isPresent()) {
            for (String tap : createdTaps(name)) {
                links.deleteTap(tap);
            }
            if (record.get().mode() != NetworkMode.BRIDGE) {
                String bridge = record.get().bridge();
                Optional<Map<?, ?>> link = links.link(bridge);
                if (link.isPresent() && bridgeAlias(name).equals(Links.alias(link.get()))) {
                    links.delete(bridge);
                } else if (link.isPresent()) {
                    LOG.warn("network '{}': bridge {} is not marked as kvmsh's; left in place", name, bridge);
                }
            }
        }
        RunFiles.deleteTree(run.network(name));
    }

    private static void requireBridge(String network, String bridge, boolean usersBridge,
                                      Optional<Map<?, ?>> link) {
        if (link.isEmpty() || !Links.isBridge(link.get())) {
            throw new HostNetworkException("network '" + network + "': " + (link.isEmpty()
                    ? "bridge " + bridge + " does not exist" : bridge + " is not a bridge")
                    + (usersBridge ? " — create it first (e.g. br0 enslaving the physical NIC)" : ""));
        }
    }

    private static void requireNotForeign(String network, String bridge, Optional<Map<?, ?>> link) {
        if (link.isPresent() && (!Links.isBridge(link.get())
                || !bridgeAlias(network).equals(Links.alias(link.get())))) {
            throw new HostNetworkException("network '" + network + "': device " + bridge + " already exists "
                    + "and is not kvmsh's bridge for this network — choose another bridge name (device '...')");
        }
    }

    /**
     * Creates or adjusts the bridge, which is {@code link} now; returns true when it was found up
     * with the wanted settings.
     */
    private boolean ensureBridge(String network, String bridge, BridgeSettings want, Optional<Map<?, ?>> link) {
        if (link.isPresent()) {
            requireNotForeign(network, bridge, link);
            if (Links.stpState(link.get()).matches(want)) {
                // As wanted, read from the kernel just now: nothing to change or check (hooks run this per VM start).
                return Links.isUp(link.get());
            }
            links.configure(bridge, want);
        } else {
            links.createBridge(bridge, want, bridgeAlias(network));
        }
        // Read back: the kernel has the last word on STP settings.
        Links.StpState got = links.link(bridge).map(Links::stpState).orElseThrow(() ->
                new HostNetworkException("network '" + network + "': bridge " + bridge + " vanished"));
        if (!got.matches(want)) {
            throw new HostNetworkException("network '" + network + "': the kernel holds stp " + got.stp()
                    + ", forward delay " + got.forwardDelayCentis() + "/100 s on " + bridge + ", not " + want);
        }
        return false;
    }

    /**
     * Makes sure IPv6 is off on {@code bridge}, as libvirt does for networks without IPv6, and
     * reads it back. The key uses sysctl's {@code /} separator: a bridge name may hold a dot.
     *
     * @return true when it had to turn it off
     */
    private boolean disableIpv6(String network, String bridge) {
        String key = "net/ipv6/conf/" + bridge + "/disable_ipv6";
        String now;
        try {
            now = runner.sysctl(key);
        } catch (RuntimeException e) {
            if (!runner.run("sysctl", "-n", "net/ipv6/conf/all/disable_ipv6").ok()) {
                return false; // the kernel has no IPv6 at all
            }
            throw new HostNetworkException("network '" + network + "': cannot read " + key + ": " + e.getMessage(), e);
        }
        if ("1".equals(now)) {
            return false;
        }
        runner.check("sysctl", "-q", "-w", key + "=1");
        String after = runner.sysctl(key);
        if (!"1".equals(after)) {
            throw new HostNetworkException("network '" + network + "': IPv6 stays on on bridge " + bridge + " ("
                    + key + " = " + after + "); kvmsh isolates only IPv4 there — not bringing it up");
        }
        return true;
    }

    /**
     * Turns IPv6 on on {@code bridge} (read back) and gives it the IPv6 gateway as its only global
     * IPv6 address; the kernel adds the link-local address router advertisements come from.
     *
     * @return true when it changed anything
     */
    private boolean enableIpv6(String network, String bridge, Subnet6 subnet6, Links.Table now) {
        String key = "net/ipv6/conf/" + bridge + "/disable_ipv6";
        boolean changed = false;
        if (!"0".equals(runner.sysctl(key))) {
            runner.check("sysctl", "-q", "-w", key + "=0");
            if (!"0".equals(runner.sysctl(key))) {
                throw new HostNetworkException("network '" + network + "': IPv6 stays off on bridge " + bridge
                        + " (" + key + "); is IPv6 disabled on this host (ipv6.disable=1)?");
            }
            changed = true;
        }
        List<String> current = changed ? links.table(bridge).ipv6Addresses(bridge) : now.ipv6Addresses(bridge);
        return ensureAddress(bridge, subnet6.gatewayWithPrefix(), current, true) || changed;
    }

    /** Gives the bridge {@code gateway} as its only IPv4 address; returns true when that changed anything. */
    private boolean ensureAddress(String bridge, String gateway, List<String> current) {
        return ensureAddress(bridge, gateway, current, false);
    }

    /**
     * Gives the bridge {@code gateway} as its only address of its family ({@code current} holds
     * them); returns true when that changed anything.
     */
    private boolean ensureAddress(String bridge, String gateway, List<String> current, boolean ipv6) {
        boolean changed = false;
        if (gateway != null && !current.contains(gateway)) {
            if (ipv6) {
                links.addAddress6(bridge, gateway);
            } else {
                links.addAddress(bridge, gateway);
            }
            changed = true;
        }
        for (String other : current) {
            if (!other.equals(gateway)) {
                // Our own bridge: an address from an earlier subnet is stale.
                links.deleteAddress(bridge, other);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Runs the network's dnsmasq with {@code conf}; when another DNS server holds port 53 on the
     * gateway address (a system dnsmasq listening on the wildcard address), falls back to
     * {@code dhcpOnly} rather than leaving guests without DHCP.
     */
    private void ensureDnsmasq(String name, String conf, String dhcpOnly, Subnet subnet, Subnet6 subnet6) {
        Path file = run.dnsmasqConf(name);
        if (conf == null) {
            dnsmasq.stop(name);
            RunFiles.deleteIfExists(file);
            return;
        }
        String current = RunFiles.readOrNull(file);
        if (dnsmasq.pid(name).isPresent() && (conf.equals(current) || dhcpOnly.equals(current))) {
            return;
        }
        // dnsmasq rereads only its host files on SIGHUP, not its config: restart it.
        dnsmasq.stop(name);
        RunFiles.write(file, conf);
        long pid;
        try {
            pid = dnsmasq.start(name);
        } catch (DnsmasqProcess.NotStarted e) {
            if (!port53Taken(subnet, subnet6)) {
                throw e;
            }
            LOG.warn("network '{}': port 53 on the gateway is taken by another DNS server; serving DHCP only "
                    + "(configure that server with bind-interfaces to give guests DNS)", name);
            RunFiles.write(file, dhcpOnly);
            pid = dnsmasq.start(name);
        }
        LOG.debug("network '{}': dnsmasq {} started", name, pid);
    }

    /**
     * Whether another program listens on port 53 where the network's dnsmasq would (on a gateway
     * address of the network, or on a wildcard address): what explains a failed start, read from
     * the host's sockets ({@code ss}) rather than from dnsmasq's wording. Asked only after a start
     * failed; ours was stopped before it, so a listener found is another program's.
     */
    private boolean port53Taken(Subnet subnet, Subnet6 subnet6) {
        List<String> ours = new ArrayList<>(List.of("0.0.0.0", "::", "*"));
        for (String g : new String[] {subnet == null ? null : subnet.gatewayWithPrefix(),
                subnet6 == null ? null : subnet6.gatewayWithPrefix()}) {
            if (g != null) {
                ours.add(g.substring(0, g.indexOf('/')));
            }
        }
        CommandResult r = runner.run("ss", "-H", "-l", "-n", "-t", "-u", "sport", "=", ":53");
        if (!r.ok()) {
            return false;
        }
        // Columns: netid state recv-q send-q local:port peer:port; a local address may carry
        // %interface and IPv6 ones come in brackets.
        return r.stdout().lines().map(l -> l.trim().split("\\s+")).filter(f -> f.length >= 5).anyMatch(f -> {
            String local = f[4].substring(0, f[4].lastIndexOf(':'));
            int scope = local.indexOf('%');
            local = scope < 0 ? local : local.substring(0, scope);
            return ours.contains(local.replace("[", "").replace("]", ""));
        });
    }

    /** Taps kvmsh created for {@code network}: those with a marker this user wrote in the network's (trusted) directory. */
    private List<String> createdTaps(String network) {
        if (!RunFiles.existsTrusted(run.network(network))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(run.network(network))) {
            return files.filter(RunFiles::isOurs)
                    .map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith("tap."))
                    .map(f -> f.substring("tap.".length()))
                    .filter(Names::isIfname)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
