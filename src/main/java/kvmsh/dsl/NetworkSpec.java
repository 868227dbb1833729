package kvmsh.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvmsh.model.DhcpRange;
import kvmsh.model.NetworkMode;
import kvmsh.model.Origin;
import kvmsh.model.PxeDef;
import kvmsh.model.StaticHost;

/**
 * The settings of a {@code network 'name' { … }} block. Collects values with their statement
 * locations; {@link NetworkResolver} checks them together and resolves defaults.
 */
public final class NetworkSpec extends BlockSpec {

    /** A mode statement: {@code nat '10.0.0.0/8'} → (NAT, "10.0.0.0/8"). */
    record Mode(NetworkMode mode, String argument) {
    }

    /** A forward statement: {@code forward 2222, to: 'web:22'} → (tcp, 2222, web, 22). */
    record Forward(String proto, int port, String target, int toPort) {
    }

    final List<Located<Mode>> modes = new ArrayList<>();
    /** {@code forward}: ports of the host into this network (resolved against the VMs by {@link ForwardResolver}). */
    final List<Located<Forward>> forwards = new ArrayList<>();
    Located<String> gateway;
    Located<String> device;
    DhcpRange dhcp;
    /** {@code ipv6 'fd00:10::/64'}: the IPv6 subnet beside the mode's. */
    Located<String> ipv6;
    Located<String> gateway6;
    DhcpRange dhcp6;
    Located<String> domain;
    final List<StaticHost> hosts = new ArrayList<>();
    Boolean stp;
    Located<Integer> delay;
    Boolean autostart;
    /** {@code adopt true}: take over an existing unmanaged object of this name. */
    boolean adopt;
    Located<String> driver;
    /** {@code pxe root:, file:}: root already absolute. */
    Located<PxeDef> pxe;
    /** {@code pxe guest: true}: serve kvmsh's test guest (resolved against the host by NetworkResolver). */
    Located<Boolean> pxeGuest;

    NetworkSpec(String name, Origin origin, Declarations decl, KvmshScript script) {
        super(name, origin, decl, script);
    }

    @Override
    String blockName() {
        return "network";
    }

    private void mode(NetworkMode mode, String argument) {
        modes.add(new Located<>(new Mode(mode, argument), here()));
    }

    /**
     * NAT mode: a private subnet behind the host, masqueraded to the outside.
     * <pre>{@code nat '10.0.0.0/8'}</pre>
     */
    @Keyword(repeatable = true, summary = "private subnet behind the host with NAT to the outside", example = "nat '10.0.0.0/24'",
            expects = "a subnet like '10.0.0.0/24'")
    public void nat(String cidr) {
        mode(NetworkMode.NAT, cidr);
    }

    /**
     * Host-only mode: guests reach the host and each other, nothing else.
     * <pre>{@code isolated '192.168.50.0/24'}</pre>
     */
    @Keyword(repeatable = true, summary = "host-only subnet, no forwarding to the outside", example = "isolated '192.168.50.0/24'",
            expects = "a subnet like '192.168.50.0/24'")
    public void isolated(String cidr) {
        mode(NetworkMode.ISOLATED, cidr);
    }

    /**
     * Isolated without a subnet: a bare bridge on which guests reach each other and nothing else —
     * not even the host, which gets no address on it (the seed's host-only {@code isolationbr}).
     * No gateway, DHCP or static hosts.
     * <pre>{@code isolated()}</pre>
     */
    @Keyword(repeatable = true, summary = "guests-only bridge: guests reach each other, not the host", example = "isolated()",
            expects = "a subnet like '192.168.50.0/24', or nothing for a bridge without a host address")
    public void isolated() {
        mode(NetworkMode.ISOLATED, null);
    }

    /**
     * Routed mode: the host routes (does not masquerade) the subnet.
     * <pre>{@code routed '10.20.0.0/16'}</pre>
     */
    @Keyword(repeatable = true, summary = "subnet routed by the host without NAT", example = "routed '10.20.0.0/16'",
            expects = "a subnet like '10.20.0.0/16'")
    public void routed(String cidr) {
        mode(NetworkMode.ROUTED, cidr);
    }

    /**
     * Bridge mode: guests join an existing host bridge; no subnet, gateway or DHCP of ours.
     * <pre>{@code bridge 'br0'}</pre>
     */
    @Keyword(repeatable = true, summary = "join an existing host bridge", example = "bridge 'br0'",
            expects = "the name of an existing host bridge, e.g. 'br0'")
    public void bridge(String hostBridge) {
        mode(NetworkMode.BRIDGE, hostBridge);
    }

    /**
     * The host's address on the subnet. Default: the first host address that is neither in the
     * DHCP range nor a static host.
     * <pre>{@code gateway '10.0.0.1'}</pre>
     */
    @Keyword(summary = "the host's address on the subnet", example = "gateway '10.0.0.1'",
            expects = "an IPv4 address like '10.0.0.1'")
    public void gateway(String address) {
        gateway = new Located<>(address.trim(), here());
    }

    /**
     * The range the DHCP server hands out, both ends inclusive.
     * <pre>{@code dhcp '10.0.0.100'..'10.0.0.200'}</pre>
     */
    @Keyword(summary = "DHCP range, both ends inclusive", example = "dhcp '10.0.0.100'..'10.0.0.200'",
            expects = "a range like '10.0.0.100'..'10.0.0.200'",
            options = {"start", "end"})
    public void dhcp(String start, String end) {
        dhcp = new DhcpRange(start.trim(), end.trim(), here());
    }

    /**
     * The DHCP range with named ends.
     * <pre>{@code dhcp start: '10.0.0.100', end: '10.0.0.200'}</pre>
     */
    @Keyword(summary = "DHCP range, both ends inclusive", example = "dhcp start: '10.0.0.100', end: '10.0.0.200'",
            expects = "a range like '10.0.0.100'..'10.0.0.200'",
            options = {"start", "end"})
    public void dhcp(Map<String, ?> range) {
        if (knownOptions("dhcp", range, List.of("end", "start"))) {
            if (range.get("start") == null || range.get("end") == null) {
                problem("dhcp needs both start: and end:", "e.g. dhcp start: '10.0.0.100', end: '10.0.0.200'");
                return;
            }
            dhcp(str(range, "start"), str(range, "end"));
        }
    }

    /**
     * An IPv6 subnet beside the IPv4 one of the mode (dual stack): the host gets the gateway's
     * IPv6 address on the bridge and sends router advertisements, so guests form their addresses
     * by SLAAC; {@code dhcp6} adds a DHCPv6 range, {@code host … ip6:} a static DHCPv6 address. A NAT
     * network masquerades its IPv6 too (NAT66), a routed one routes it. A /64, as SLAAC needs. For
     * an IPv6-only network give the mode the IPv6 subnet instead: {@code nat 'fd00:10::/64'}.
     * <pre>{@code ipv6 'fd00:10::/64'}</pre>
     */
    @Keyword(summary = "IPv6 subnet beside the IPv4 one (SLAAC, NAT66 for nat)", example = "ipv6 'fd00:10::/64'",
            expects = "an IPv6 /64 like 'fd00:10::/64'")
    public void ipv6(String cidr) {
        ipv6 = new Located<>(cidr.trim(), here());
    }

    /**
     * The host's IPv6 address on the subnet. Default: the subnet's first address ({@code ::1}) that
     * is neither in the DHCPv6 range nor a static host's.
     * <pre>{@code gateway6 'fd00:10::1'}</pre>
     */
    @Keyword(summary = "the host's IPv6 address on the subnet", example = "gateway6 'fd00:10::1'",
            expects = "an IPv6 address like 'fd00:10::1'")
    public void gateway6(String address) {
        gateway6 = new Located<>(address.trim(), here());
    }

    /**
     * A DHCPv6 range, both ends inclusive, handed out beside SLAAC (guests may use either).
     * <pre>{@code dhcp6 'fd00:10::100'..'fd00:10::1ff'}</pre>
     */
    @Keyword(summary = "DHCPv6 range, both ends inclusive", example = "dhcp6 'fd00:10::100'..'fd00:10::1ff'",
            expects = "a range like 'fd00:10::100'..'fd00:10::1ff'")
    public void dhcp6(String start, String end) {
        dhcp6 = new DhcpRange(start.trim(), end.trim(), here());
    }

    /**
     * The network's DNS domain: guests that lease are {@code NAME.DOMAIN} (and {@code NAME}) in the
     * network's DNS, under the name they send with their DHCP request (their host name, which
     * kvmsh's test guest sets to its VM name); static hosts are DNS entries of their own. Guests
     * resolve each other through the gateway's DNS; names in the domain are never asked upstream.
     * <pre>{@code domain 'lab.local'}</pre>
     */
    @Keyword(summary = "DNS domain: leased guests and static hosts become NAME.DOMAIN", example = "domain 'lab.local'",
            expects = "a DNS domain like 'lab.local'")
    public void domain(String dnsDomain) {
        domain = new Located<>(dnsDomain.trim(), here());
    }

    /**
     * A static DHCP reservation: the guest with this MAC always gets this address ({@code ip:}
     * IPv4, {@code ip6:} IPv6, either or both). Its name is also its name in the network's DNS.
     * <pre>{@code host 'web', mac: '52:54:00:00:00:01', ip: '10.0.0.10'}</pre>
     */
    @Keyword(repeatable = true, summary = "static DHCP reservation", example = "host 'web', mac: '52:54:00:00:00:01', ip: '10.0.0.10'",
            expects = "a name plus mac: and ip: (or ip6:)",
            options = {"mac", "ip", "ip6"})
    public void host(Map<String, ?> options, String hostName) {
        if (!knownOptions("host", options, List.of("ip", "ip6", "mac"))
                || !Names.check(decl.problems, here(), "static host", hostName, "host 'web', mac: '52:54:00:00:00:01', ip: '10.0.0.10'")) {
            return;
        }
        String mac = str(options, "mac");
        String ip = str(options, "ip");
        String ip6 = str(options, "ip6");
        if (mac == null || (ip == null && ip6 == null)) {
            problem("host '" + hostName + "' needs both mac: and ip:",
                    "e.g. host '" + hostName + "', mac: '52:54:00:00:00:01', ip: '10.0.0.10' (or ip6: for IPv6)");
            return;
        }
        String macProblem = Macs.problem(mac);
        if (macProblem != null) {
            problem(macProblem, Macs.FIX);
        }
        hosts.add(new StaticHost(hostName, Macs.normalize(mac), ip == null ? null : ip.trim(),
                ip6 == null ? null : ip6.trim(), here()));
    }

    /**
     * A port of the host forwarded to a guest of this NAT network: new connections to the port on
     * any of the host's own addresses (from the LAN, from other networks' guests, from the host
     * itself) reach the guest's port, in kvmsh's own nft table (DNAT), for both drivers.
     * {@code to:} names a VM with a NIC on this network or a static {@code host} of this block,
     * which gives the fixed address the forward needs (a VM's NIC is matched to its static host by
     * MAC), then the guest's port ({@code to: 'web'} alone: the same port as the host's). TCP unless
     * {@code proto: 'udp'}. IPv4 only. On a libvirt network it makes the network libvirt's
     * {@code <forward mode='open'/>}: kvmsh's table then holds its NAT and isolation too.
     * <pre>{@code forward 2222, to: 'web:22'}</pre>
     */
    @Keyword(repeatable = true, summary = "forward a port of the host to a guest of this NAT network",
            example = "forward 2222, to: 'web:22'",
            expects = "a port from 1 to 65535 and to: 'VM:PORT' (proto: 'udp' for UDP)",
            options = {"to", "proto"})
    public void forward(Map<String, ?> options, int port) {
        if (!knownOptions("forward", options, List.of("proto", "to"))) {
            return;
        }
        String example = "e.g. forward 2222, to: 'web:22'";
        boolean ok = true;
        if (port < 1 || port > 65535) {
            problem("forward port must be from 1 to 65535, got " + port, example);
            ok = false;
        }
        String proto = options.containsKey("proto") ? str(options, "proto") : "tcp";
        if (proto == null || !List.of("tcp", "udp").contains(proto)) {
            problem("forward proto: is 'tcp' or 'udp', got '" + proto + "'",
                    "e.g. forward 53, to: 'dns', proto: 'udp' (without proto: it is tcp)");
            ok = false;
        }
        String to = str(options, "to");
        if (to == null) {
            problem("forward " + port + " needs to: — the VM or static host and its port", example);
            return;
        }
        int colon = to.lastIndexOf(':');
        String target = colon < 0 ? to.trim() : to.substring(0, colon).trim();
        int toPort = port;
        if (colon >= 0) {
            String p = to.substring(colon + 1).trim();
            toPort = p.matches("[0-9]{1,5}") ? Integer.parseInt(p) : -1;
            if (toPort < 1 || toPort > 65535) {
                problem("forward to: '" + to + "' needs a port from 1 to 65535 after the colon", example
                        + ", or to: 'web' for the same port as the host's");
                ok = false;
            }
        }
        if (!Names.check(decl.problems, here(), "forward target", target, "forward 2222, to: 'web:22'")) {
            ok = false;
        }
        if (ok) {
            forwards.add(new Located<>(new Forward(proto, port, target, toPort), here()));
        }
    }

    /**
     * Spanning tree on the bridge we create (default false: a bridge whose only ports are guest
     * taps has no loop to break, and without STP a new port forwards at once).
     * <pre>{@code stp false}</pre>
     */
    @Keyword(summary = "spanning tree on the bridge (default false)", example = "stp false", expects = "true or false")
    public void stp(boolean on) {
        stp = on;
    }

    /**
     * Bridge forward delay in seconds (default 0; with STP on the kernel accepts 2 to 30, default 2).
     * <pre>{@code delay 2}</pre>
     */
    @Keyword(summary = "bridge forward delay in seconds (default 0, or 2 with stp)", example = "delay 2",
            expects = "a whole number of seconds")
    public void delay(int seconds) {
        if (seconds < 0) {
            problem("delay must not be negative, got " + seconds, "e.g. delay 0");
        }
        delay = new Located<>(seconds, here());
    }

    /**
     * The bridge device to create (default: the network name; at most 15 characters).
     * <pre>{@code device 'virbr10'}</pre>
     */
    @Keyword(summary = "bridge device name (default: the network name)", example = "device 'virbr10'",
            expects = "an interface name of at most 15 characters")
    public void device(String bridgeDevice) {
        device = new Located<>(bridgeDevice, here());
    }

    /**
     * What realizes the network. {@code 'host'}: kvmsh's host network driver (bridge, nft rules,
     * its own dnsmasq; no libvirt), on this machine even where libvirtd runs — for raw qemu guests
     * started with kvmsh hooks or plugged in with {@code attach}. {@code 'libvirt'}: a libvirt
     * network. Without it, kvmsh chooses: the host driver for a hook's network and on hosts
     * without libvirtd, libvirt otherwise. {@code plan} says which.
     * <pre>{@code driver 'host'}</pre>
     */
    @Keyword(summary = "who realizes it: 'host' (kvmsh, no libvirt) or 'libvirt'", example = "driver 'host'",
            expects = "'host' or 'libvirt'")
    @Values({"host", "libvirt"})
    public void driver(String which) {
        driver = new Located<>(which.trim(), here());
    }

    /**
     * Start the network when the host boots (default true: guests that autostart need it).
     * <pre>{@code autostart false}</pre>
     */
    @Keyword(summary = "start with the host (default true)", example = "autostart false", expects = "true or false")
    public void autostart(boolean on) {
        autostart = on;
    }

    /**
     * The hypervisors this network is defined on, each of them declared in the script with
     * {@code hypervisor}: the same network on each. Needed in every {@code network} block once a
     * script declares hypervisors.
     * <pre>{@code on 'a', 'b'}</pre>
     */
    @Keyword(summary = "the hypervisors this network is on (the same definition on each)", example = "on 'a', 'b'",
            expects = "one or more hypervisor names: on 'a', 'b'")
    public void on(String... hypervisors) {
        placeOn(hypervisors);
    }

    /**
     * Takes an existing network of this name that kvmsh does not manage under management: {@code plan}
     * shows {@code = adopt network NAME}, and applying writes kvmsh's ownership metadata only (no restart,
     * no new UUID or MAC); differences between this block and the network are planned as usual changes.
     * Without it (or {@code --adopt}) such a name is refused. {@code kvmsh import} writes the block.
     * <pre>{@code adopt true}</pre>
     */
    @Keyword(summary = "take over the existing unmanaged network of this name (writes kvmsh's metadata only)",
            example = "adopt true", expects = "true or false")
    public void adopt(boolean on) {
        adopt = on;
    }

    /**
     * Network boot, like the seed's {@code TFTPROOT}/{@code BOOTP}: the network's TFTP server serves
     * {@code root:} and its DHCP server hands PXE clients {@code file:}. {@code guest: true} serves
     * kvmsh's tiny test guest through iPXE instead (for trying PXE without an installer).
     * <pre>{@code pxe root: '/srv/tftp', file: 'pxelinux.0'}</pre>
     */
    @Keyword(summary = "serve network boot: TFTP root and boot file", example = "pxe root: '/srv/tftp', file: 'pxelinux.0'",
            expects = "root: and file:, or guest: true for kvmsh's test guest")
    public void pxe(Map<String, ?> options) {
        if (!knownOptions("pxe", options, List.of("file", "guest", "root"))) {
            return;
        }
        if (Boolean.TRUE.equals(options.get("guest"))) {
            if (options.size() != 1) {
                problem("pxe guest: true brings its own root and file", "remove root: and file:");
                return;
            }
            pxeGuest = new Located<>(true, here());
            return;
        }
        String root = str(options, "root");
        String file = str(options, "file");
        if (root == null || file == null) {
            problem("pxe needs root: and file:", "e.g. pxe root: '/srv/tftp', file: 'pxelinux.0'");
            return;
        }
        if (file.startsWith("/") || file.contains("..")) {
            problem("pxe file: is relative to root: and stays inside it, got '" + file + "'", "e.g. file: 'pxelinux.0'");
            return;
        }
        pxe = new Located<>(new PxeDef(decl.absolute(root), file, here()), here());
    }
}
