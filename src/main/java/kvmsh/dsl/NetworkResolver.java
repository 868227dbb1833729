package kvmsh.dsl;

import kvmsh.model.Ipv4;
import kvmsh.model.Ipv6;
import kvmsh.model.Ipv6Def;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import kvmsh.model.DhcpRange;
import kvmsh.model.HostNames;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.Origin;
import kvmsh.model.PxeDef;
import kvmsh.model.StaticHost;

/**
 * Turns one {@link NetworkSpec} into a {@link NetworkDef}: checks the settings against each other
 * (mode, subnet, DHCP range, gateway, static hosts, bridge name) and fills in the defaults.
 * Reports every problem it finds; returns null only when there is no usable mode or subnet.
 */
final class NetworkResolver {

    /** Linux IFNAMSIZ is 16 including the terminating NUL. */
    static final int MAX_IFNAME = 15;

    private final Problems problems;
    private final ValidationEnv env;

    NetworkResolver(Problems problems) {
        this(problems, null);
    }

    /** With {@code env}, network boot is checked against the host's files (null: not checked). */
    NetworkResolver(Problems problems, ValidationEnv env) {
        this.problems = problems;
        this.env = env;
    }

    NetworkDef resolve(NetworkSpec s) {
        NetworkDef def = resolveDef(s);
        if (def != null && def.driver() == NetworkDef.Driver.HOST) {
            checkHostNames(def.name(), def.bridge(), s.origin);
        }
        return def;
    }

    /**
     * The names the host network driver would put into {@code ip}, {@code nft} and dnsmasq
     * ({@link HostNames}), checked when the script is loaded rather than refused when it runs.
     */
    void checkHostNames(String network, String bridge, Origin at) {
        if (!HostNames.isNetworkName(network)) {
            problems.add(at, "network name '" + network + "' cannot be used by kvmsh's host network driver",
                    HostNames.NETWORK_RULE);
        }
        // A bridge named after a bad network name would only repeat the problem.
        if (bridge != null && !HostNames.isIfname(bridge) && (HostNames.isNetworkName(network) || !bridge.equals(network))) {
            problems.add(at, "bridge name '" + bridge + "' cannot be used by kvmsh's host network driver",
                    HostNames.IFNAME_RULE);
        }
    }

    private NetworkDef resolveDef(NetworkSpec s) {
        // Checked first: its problem is reported even when the network fails for another reason.
        NetworkDef.Driver driver = driver(s);
        if (s.modes.isEmpty()) {
            problems.add(s.origin, "network '" + s.name + "' has no mode",
                    "add one of: nat '10.0.0.0/24', isolated '192.168.50.0/24', routed '10.20.0.0/16', bridge 'br0'");
            return null;
        }
        Located<NetworkSpec.Mode> mode = s.modes.get(0);
        for (Located<NetworkSpec.Mode> extra : s.modes.subList(1, s.modes.size())) {
            problems.add(extra.origin(), "network '" + s.name + "' has two modes: "
                            + mode.value().mode().keyword() + " and " + extra.value().mode().keyword(),
                    "keep only one of nat, isolated, routed, bridge");
        }
        boolean stp = s.stp != null && s.stp;
        int delay = s.delay == null ? (stp ? 2 : 0) : s.delay.value();
        // libvirt sets the delay before it turns STP on, so its networks may keep its own default of
        // stp on with delay 0 (libvirt's 'default' network has it; kvmsh import writes it).
        boolean libvirtDefault = delay == 0 && driver == NetworkDef.Driver.LIBVIRT;
        if (stp && s.delay != null && (delay < 2 || delay > 30) && !libvirtDefault) {
            // The kernel's own answer would be "Numerical result out of range".
            problems.add(s.delay.origin(), "with stp on, Linux accepts a forward delay of 2 to 30 seconds, not " + delay,
                    "use delay 2 (or stp false for no delay)");
        }
        boolean autostart = s.autostart == null || s.autostart;
        if (mode.value().mode() == NetworkMode.BRIDGE) {
            return bridged(s, mode, stp, delay, autostart, driver);
        }
        if (mode.value().argument() == null) {
            return guestsOnly(s, stp, delay, autostart, driver);
        }
        String argument = mode.value().argument();
        // nat 'fd00:10::/64': an IPv6-only network; nat '10.0.0.0/24' (plus ipv6 '…' for dual stack).
        boolean ipv6Only = Ipv6.looksLike(argument);
        Ipv4.Subnet subnet = null;
        Located<String> ipv6 = s.ipv6;
        if (ipv6Only) {
            if (s.ipv6 != null) {
                problems.add(s.ipv6.origin(), "network '" + s.name + "' already has the IPv6 subnet " + argument
                        + " from " + mode.value().mode().keyword(), "remove this ipv6 line, or give "
                        + mode.value().mode().keyword() + " an IPv4 subnet for dual stack");
            }
            ipv6 = new Located<>(argument.trim(), mode.origin());
            refuseIpv4Settings(s);
        } else {
            subnet = Ipv4.subnet(argument);
            if (subnet.problem() != null) {
                problems.add(mode.origin(), subnet.problem(), subnet.fix());
                // The device name is checked all the same: report everything at once.
                device(s);
                return null;
            }
        }
        DhcpRange dhcp = subnet == null ? null : dhcp(s.dhcp, subnet);
        List<StaticHost> hosts = hosts(s.hosts, subnet);
        String gateway = subnet == null ? null : gateway(s, subnet, dhcp, hosts);
        if (gateway != null) {
            for (StaticHost h : hosts) {
                if (gateway.equals(h.ip())) {
                    problems.add(h.origin(), "static host '" + h.name() + "' has the gateway's address " + gateway,
                            "give it another address");
                }
            }
        }
        Ipv6Def v6 = new Ipv6Resolver(problems).resolve(s, ipv6, hosts);
        if (ipv6Only && v6 == null) {
            device(s);
            return null;
        }
        String device = device(s);
        PxeDef pxe = pxe(s, dhcp != null || hosts.stream().anyMatch(h -> h.ip() != null));
        return new NetworkDef(s.name, mode.value().mode(), subnet == null ? null : subnet.cidr(), gateway,
                subnet == null ? 0 : subnet.prefix(), device, stp, delay, dhcp, hosts, autostart, pxe, driver, s.origin, v6,
                domain(s, hosts));
    }

    /** A DNS domain: labels of letters, digits and '-' (not first or last), dot-separated, at most 253 characters. */
    private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** The {@code domain} setting, lowercase; its static hosts' names must be DNS labels. */
    private String domain(NetworkSpec s, List<StaticHost> hosts) {
        if (s.domain == null) {
            return null;
        }
        String d = s.domain.value();
        if (!DOMAIN.matcher(d).matches()) {
            problems.add(s.domain.origin(), "bad DNS domain '" + d + "'",
                    "use labels of letters, digits and '-' joined by dots, e.g. domain 'lab.local'");
            return null;
        }
        for (StaticHost h : hosts) {
            if (!h.name().matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
                problems.add(h.origin(), "static host name '" + h.name() + "' cannot be a DNS name in domain " + d,
                        "use letters, digits and '-' (not first or last), at most 63 characters");
            }
        }
        return d.toLowerCase(java.util.Locale.ROOT);
    }

    /** An IPv6-only network has no IPv4 subnet for gateway, dhcp and ip: to be in. */
    private void refuseIpv4Settings(NetworkSpec s) {
        if (s.gateway != null) {
            problems.add(s.gateway.origin(), "gateway is for an IPv4 subnet, and network '" + s.name + "' has none",
                    "use gateway6 for its IPv6 gateway, or give it an IPv4 subnet");
        }
        if (s.dhcp != null) {
            problems.add(s.dhcp.origin(), "dhcp is for an IPv4 subnet, and network '" + s.name + "' has none",
                    "use dhcp6 for a DHCPv6 range, or give it an IPv4 subnet");
        }
        for (StaticHost h : s.hosts) {
            if (h.ip() != null) {
                problems.add(h.origin(), "static host '" + h.name() + "' has ip: but network '" + s.name
                        + "' has no IPv4 subnet", "use ip6: for its IPv6 address");
            }
        }
    }

    /** The {@code driver} setting: host or libvirt; none leaves the choice to kvmsh. */
    private NetworkDef.Driver driver(NetworkSpec s) {
        if (s.driver == null) {
            return NetworkDef.Driver.AUTO;
        }
        for (NetworkDef.Driver d : List.of(NetworkDef.Driver.HOST, NetworkDef.Driver.LIBVIRT)) {
            if (d.keyword().equals(s.driver.value())) {
                return d;
            }
        }
        problems.add(s.driver.origin(), "unknown driver '" + s.driver.value() + "'",
                "driver 'host' (kvmsh's host network driver) or driver 'libvirt'");
        return NetworkDef.Driver.AUTO;
    }

    /** Network boot needs our DHCP server to name the boot file, and the files to exist. */
    private PxeDef pxe(NetworkSpec s, boolean servesDhcp) {
        Origin at = s.pxe != null ? s.pxe.origin() : s.pxeGuest != null ? s.pxeGuest.origin() : null;
        if (at == null) {
            return null;
        }
        if (!servesDhcp) {
            problems.add(at, "pxe needs the network's DHCP server to hand out the boot file",
                    "add a dhcp range, e.g. dhcp '10.0.0.100'..'10.0.0.200'");
            return null;
        }
        if (s.pxeGuest != null) {
            var guest = env == null ? java.util.Optional.<TestGuest>empty() : env.testGuest();
            if (guest.isEmpty()) {
                problems.add(at, "the test guest is not available here",
                        "run the script with bin/kvmsh as root on Debian, or use pxe root:, file:");
                return null;
            }
            return new PxeDef(guest.get().pxeRoot(), TestGuest.PXE_BOOT_FILE, at);
        }
        PxeDef pxe = s.pxe.value();
        if (env != null && !env.fileExists(pxe.tftpRoot())) {
            problems.add(at, "TFTP root " + pxe.tftpRoot() + " does not exist",
                    "create it (relative paths are relative to the script's directory)");
        } else if (env != null && !env.fileExists(pxe.tftpRoot() + "/" + pxe.bootFile())) {
            problems.add(at, "boot file " + pxe.bootFile() + " is not in " + pxe.tftpRoot(),
                    "put it there (Debian: pxelinux.0 from the pxelinux package), or name another file:");
        }
        return pxe;
    }

    private NetworkDef bridged(NetworkSpec s, Located<NetworkSpec.Mode> mode, boolean stp, int delay,
                               boolean autostart, NetworkDef.Driver driver) {
        String why = "bridge mode joins an existing bridge whose subnet kvmsh does not manage";
        String fix = "remove it, or use nat/isolated/routed for a network of kvmsh's own";
        refuseSubnetSettings(s, why, fix);
        if (s.device != null) {
            problems.add(s.device.origin(), "device is not allowed in bridge mode",
                    "the bridge is named by bridge '" + mode.value().argument() + "'");
        }
        checkIfName("bridge", mode.value().argument(), mode.origin(), "use the host bridge's real name");
        if (s.pxe != null || s.pxeGuest != null) {
            problems.add((s.pxe != null ? s.pxe : s.pxeGuest).origin(), "pxe is not allowed: " + why, fix);
        }
        return new NetworkDef(s.name, NetworkMode.BRIDGE, null, null, 0, mode.value().argument(), stp, delay, null,
                List.of(), autostart, null, driver, s.origin);
    }

    /** A network without a subnet of kvmsh's has no gateway, DHCP, static hosts, IPv6 or DNS to set. */
    private void refuseSubnetSettings(NetworkSpec s, String why, String fix) {
        if (s.domain != null) {
            problems.add(s.domain.origin(), "domain is not allowed: " + why, fix);
        }
        if (s.ipv6 != null) {
            problems.add(s.ipv6.origin(), "ipv6 is not allowed: " + why, fix);
        }
        if (s.gateway6 != null) {
            problems.add(s.gateway6.origin(), "gateway6 is not allowed: " + why, fix);
        }
        if (s.dhcp6 != null) {
            problems.add(s.dhcp6.origin(), "dhcp6 is not allowed: " + why, fix);
        }
        if (s.gateway != null) {
            problems.add(s.gateway.origin(), "gateway is not allowed: " + why, fix);
        }
        if (s.dhcp != null) {
            problems.add(s.dhcp.origin(), "dhcp is not allowed: " + why, fix);
        }
        for (StaticHost h : s.hosts) {
            problems.add(h.origin(), "host is not allowed: " + why, fix);
        }
    }

    /** {@code isolated()}: a bridge of ours with no subnet, so no gateway, DHCP or static hosts. */
    private NetworkDef guestsOnly(NetworkSpec s, boolean stp, int delay, boolean autostart, NetworkDef.Driver driver) {
        String why = "isolated() gives the host no address on the bridge";
        String fix = "remove it, or give the subnet: isolated '192.168.50.0/24'";
        refuseSubnetSettings(s, why, fix);
        return new NetworkDef(s.name, NetworkMode.ISOLATED, null, null, 0, device(s), stp, delay, null, List.of(),
                autostart, null, driver, s.origin);
    }

    private DhcpRange dhcp(DhcpRange range, Ipv4.Subnet subnet) {
        if (range == null) {
            return null;
        }
        OptionalLong start = Ipv4.address(range.start());
        OptionalLong end = Ipv4.address(range.end());
        if (start.isEmpty() || end.isEmpty()) {
            String bad = start.isEmpty() ? range.start() : range.end();
            problems.add(range.origin(), "bad DHCP range address '" + bad + "'", "write IPv4 addresses like '10.0.0.100'");
            return null;
        }
        String first = Ipv4.format(subnet.network() + 1);
        String last = Ipv4.format(subnet.broadcast() - 1);
        if (!subnet.isHost(start.getAsLong()) || !subnet.isHost(end.getAsLong())) {
            problems.add(range.origin(), "DHCP range " + range.start() + ".." + range.end() + " is outside subnet "
                    + subnet.cidr(), "use addresses from " + first + " to " + last);
            return null;
        }
        if (start.getAsLong() > end.getAsLong()) {
            problems.add(range.origin(), "DHCP range " + range.start() + ".." + range.end() + " is reversed",
                    "write '" + range.end() + "'..'" + range.start() + "'");
            return null;
        }
        return new DhcpRange(Ipv4.format(start.getAsLong()), Ipv4.format(end.getAsLong()), range.origin());
    }

    /**
     * The static hosts with their IPv4 addresses checked against {@code subnet} (null: an IPv6-only
     * network, whose hosts' ip: {@link #refuseIpv4Settings} reported); their ip6: is the IPv6 half's.
     */
    private List<StaticHost> hosts(List<StaticHost> declared, Ipv4.Subnet subnet) {
        List<StaticHost> hosts = new ArrayList<>();
        Set<String> macs = new HashSet<>();
        Set<Long> ips = new HashSet<>();
        for (StaticHost h : declared) {
            if (h.ip() == null || subnet == null) {
                if (!macs.add(h.mac())) {
                    problems.add(h.origin(), "MAC " + h.mac() + " is reserved twice in this network", "keep one host line per MAC");
                }
                if (h.ip6() != null) {
                    hosts.add(new StaticHost(h.name(), h.mac(), null, h.ip6(), h.origin()));
                }
                continue;
            }
            OptionalLong ip = Ipv4.address(h.ip());
            if (ip.isEmpty()) {
                problems.add(h.origin(), "bad address '" + h.ip() + "' for static host '" + h.name() + "'",
                        Ipv6.looksLike(h.ip()) ? "ip: takes the IPv4 address; give the IPv6 one as ip6:"
                                : "write an IPv4 address like '10.0.0.10'");
                continue;
            }
            if (!subnet.isHost(ip.getAsLong())) {
                problems.add(h.origin(), "static host '" + h.name() + "' address " + h.ip() + " is outside subnet "
                        + subnet.cidr(), "use an address from " + Ipv4.format(subnet.network() + 1) + " to "
                        + Ipv4.format(subnet.broadcast() - 1));
                continue;
            }
            if (!macs.add(h.mac())) {
                problems.add(h.origin(), "MAC " + h.mac() + " is reserved twice in this network", "keep one host line per MAC");
            }
            if (!ips.add(ip.getAsLong())) {
                problems.add(h.origin(), "address " + h.ip() + " is reserved twice in this network",
                        "give each static host its own address");
            }
            hosts.add(new StaticHost(h.name(), h.mac(), Ipv4.format(ip.getAsLong()), h.ip6(), h.origin()));
        }
        return hosts;
    }

    private String gateway(NetworkSpec s, Ipv4.Subnet subnet, DhcpRange dhcp, List<StaticHost> hosts) {
        long dhcpStart = dhcp == null ? -1 : Ipv4.address(dhcp.start()).getAsLong();
        long dhcpEnd = dhcp == null ? -1 : Ipv4.address(dhcp.end()).getAsLong();
        if (s.gateway != null) {
            Origin at = s.gateway.origin();
            OptionalLong gw = Ipv4.address(s.gateway.value());
            if (gw.isEmpty()) {
                problems.add(at, "bad gateway address '" + s.gateway.value() + "'", "write an IPv4 address like '10.0.0.1'");
                return null;
            }
            long g = gw.getAsLong();
            if (!subnet.contains(g)) {
                problems.add(at, "gateway " + s.gateway.value() + " is outside subnet " + subnet.cidr(),
                        "use an address inside it, e.g. " + Ipv4.format(subnet.network() + 1));
                return null;
            }
            if (g == subnet.network() || g == subnet.broadcast()) {
                problems.add(at, "gateway " + s.gateway.value() + " is the "
                                + (g == subnet.network() ? "network" : "broadcast") + " address of " + subnet.cidr(),
                        "use a host address, e.g. " + Ipv4.format(subnet.network() + 1));
                return null;
            }
            if (g >= dhcpStart && g <= dhcpEnd) {
                problems.add(at, "gateway " + s.gateway.value() + " is inside the DHCP range " + dhcp.start() + ".."
                        + dhcp.end(), "move the gateway or the range so they do not meet");
                return null;
            }
            return Ipv4.format(g);
        }
        Set<String> taken = new HashSet<>();
        hosts.forEach(h -> taken.add(h.ip()));
        for (long a = subnet.network() + 1; a < subnet.broadcast(); a++) {
            if ((a < dhcpStart || a > dhcpEnd) && !taken.contains(Ipv4.format(a))) {
                return Ipv4.format(a);
            }
        }
        problems.add(s.origin, "network '" + s.name + "' has no free address for the gateway",
                "shrink the DHCP range or set gateway explicitly");
        return null;
    }

    private String device(NetworkSpec s) {
        if (s.device != null) {
            checkIfName("bridge", s.device.value(), s.device.origin(), "use device 'shorter'");
            return s.device.value();
        }
        checkIfName("bridge", s.name, s.origin, "add device 'shorter' to the network block");
        return s.name;
    }

    /** Interface names the kernel accepts and tools cannot misread: at most 15 characters, no '/', ':' or whitespace, a letter or digit first. */
    void checkIfName(String what, String ifName, Origin at, String fix) {
        if (ifName.length() > MAX_IFNAME) {
            problems.add(at, what + " name '" + ifName + "' is " + ifName.length()
                    + " characters; the kernel allows " + MAX_IFNAME + " (\"Numerical result out of range\")", fix);
        } else if (ifName.isEmpty() || ifName.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
            problems.add(at, what + " name '" + ifName + "' is not a valid interface name",
                    "use letters, digits, '-', '_' or '.'");
        } else if (!Character.isLetterOrDigit(ifName.charAt(0))) {
            // 'ip link add -n …' reads it as an option: refused before anything runs.
            problems.add(at, what + " name '" + ifName + "' does not start with a letter or digit",
                    "start it with a letter or digit");
        }
    }
}
