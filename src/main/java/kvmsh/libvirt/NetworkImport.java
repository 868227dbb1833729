package kvmsh.libvirt;

import static kvmsh.libvirt.DomainImport.attrOr;
import static kvmsh.libvirt.DomainImport.child;
import static kvmsh.libvirt.DomainImport.children;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kvmsh.model.DhcpRange;
import kvmsh.model.Ipv4;
import kvmsh.model.Ipv6;
import kvmsh.model.Ipv6Def;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.Origin;
import kvmsh.model.PxeDef;
import kvmsh.model.StaticHost;
import kvmsh.plan.NetworkState;
import org.w3c.dom.Element;

/**
 * A libvirt network read back as the {@code network} block a person would write
 * ({@code kvmsh import}), or why it cannot be one. Networks have no {@code customize}: what the DSL
 * cannot say is listed in comments (kept by libvirt until kvmsh redefines the network).
 */
final class NetworkImport {

    private static final Set<String> READ = Set.of("name", "uuid", "metadata", "forward", "bridge", "ip", "mac", "domain");

    /**
     * A network as a declaration.
     *
     * @param def   the declaration, or null when the DSL cannot represent the network
     * @param notes comment lines: what is not kept, or why it is not declared
     */
    record Result(NetworkDef def, List<String> notes) {
    }

    private NetworkImport() {
    }

    static Result of(NetworkState s) {
        Element root = LibvirtXml.root(s.xml(), "network");
        List<String> notes = new ArrayList<>();
        String name = s.name();
        Element forward = child(root, "forward");
        String mode = forward == null ? "none" : attrOr(forward, "mode", "nat");
        Element bridgeElement = child(root, "bridge");
        String bridge = attrOr(bridgeElement, "name", null);
        for (Element e : children(root)) {
            if (!READ.contains(e.getLocalName())) {
                notes.add("its <" + e.getLocalName() + "> is not kept if kvmsh redefines it (no DSL setting): "
                        + ElementText.compact(e));
            }
        }
        Element mac = child(root, "mac");
        if (mac != null) {
            notes.add("its bridge MAC " + mac.getAttribute("address") + " is not kept if kvmsh redefines it");
        }
        // <nat ipv6='yes'/> alone is what kvmsh renders for a NAT network with IPv6.
        boolean nat66Only = forward != null && children(forward).size() == 1 && "nat".equals(children(forward).get(0).getLocalName())
                && "yes".equals(children(forward).get(0).getAttribute("ipv6"))
                && children(forward).get(0).getAttributes().getLength() == 1 && children(children(forward).get(0)).isEmpty();
        if (forward != null && (forward.hasAttribute("dev") || (!children(forward).isEmpty() && !nat66Only))) {
            notes.add("its forward settings are not kept if kvmsh redefines it: " + ElementText.compact(forward));
        }
        if (mode.equals("bridge")) {
            if (bridge == null) {
                return new Result(null, List.of("network " + name + " forwards to " + ElementText.compact(forward)
                        + ": the DSL's bridge joins a named host bridge"));
            }
            return new Result(new NetworkDef(name, NetworkMode.BRIDGE, null, null, 0, bridge, false, 0, null,
                    List.of(), s.autostart(), null, NetworkDef.Driver.LIBVIRT, Origin.UNKNOWN), notes);
        }
        List<kvmsh.model.PortForward> forwards = LibvirtXml.forwards(root);
        NetworkMode m = switch (mode) {
            case "nat" -> NetworkMode.NAT;
            // kvmsh's NAT with port forwards, whose rules are in kvmsh's nft table.
            case "open" -> forwards.isEmpty() ? null : NetworkMode.NAT;
            case "route" -> NetworkMode.ROUTED;
            case "none" -> NetworkMode.ISOLATED;
            default -> null;
        };
        if (m == null || bridge == null) {
            return new Result(null, List.of("network " + name + " (forward mode " + mode
                    + (bridge == null ? ", no bridge" : "") + "): the DSL declares NAT, routed, isolated and bridged"
                    + " networks"));
        }
        boolean stp = !"off".equals(attrOr(bridgeElement, "stp", "on"));
        int delay = Integer.parseInt(attrOr(bridgeElement, "delay", "0"));
        List<Element> ips = new ArrayList<>();
        Element ip6 = null;
        for (Element ip : children(root, "ip")) {
            if ("ipv6".equals(ip.getAttribute("family"))) {
                if (ip6 == null && "64".equals(ip.getAttribute("prefix")) && Ipv6.address(ip.getAttribute("address")).isPresent()) {
                    ip6 = ip;
                } else {
                    notes.add("its IPv6 address " + ip.getAttribute("address") + "/" + ip.getAttribute("prefix")
                            + " is not kept if kvmsh redefines it (ipv6 takes one /64)");
                }
            } else if (ips.isEmpty()) {
                ips.add(ip);
            } else {
                notes.add("its further address " + ip.getAttribute("address") + " is not kept if kvmsh redefines it");
            }
        }
        if (ips.isEmpty() && ip6 != null) {
            Ipv6Def v6 = ipv6(ip6, new ArrayList<>(), notes);
            return new Result(new NetworkDef(name, m, null, null, 0, bridge, stp, delay, null, List.of(),
                    s.autostart(), null, NetworkDef.Driver.LIBVIRT, Origin.UNKNOWN, v6, domain(root)), notes);
        }
        if (ips.isEmpty()) {
            if (m != NetworkMode.ISOLATED) {
                return new Result(null, List.of("network " + name + " (" + mode + ") has no IPv4 address:"
                        + " the DSL's nat and routed take a subnet"));
            }
            return new Result(new NetworkDef(name, m, null, null, 0, bridge, stp, delay, null, List.of(),
                    s.autostart(), null, NetworkDef.Driver.LIBVIRT, Origin.UNKNOWN), notes);
        }
        Element ip = ips.get(0);
        String gateway = ip.getAttribute("address");
        int prefix = ip.hasAttribute("prefix") ? Integer.parseInt(ip.getAttribute("prefix"))
                : Long.bitCount(Ipv4.address(attrOr(ip, "netmask", "255.255.255.0")).orElseThrow());
        String cidr = Ipv4.format(Ipv4.address(gateway).orElseThrow() & mask(prefix)) + "/" + prefix;
        Element dhcp = child(ip, "dhcp");
        DhcpRange range = null;
        List<StaticHost> hosts = new ArrayList<>();
        String bootFile = null;
        if (dhcp != null) {
            for (Element r : children(dhcp, "range")) {
                if (range == null) {
                    range = new DhcpRange(r.getAttribute("start"), r.getAttribute("end"), Origin.UNKNOWN);
                } else {
                    notes.add("its further DHCP range " + r.getAttribute("start") + ".." + r.getAttribute("end")
                            + " is not kept (dhcp takes one range)");
                }
            }
            for (Element h : children(dhcp, "host")) {
                if (h.hasAttribute("mac") && h.hasAttribute("ip")) {
                    hosts.add(new StaticHost(attrOr(h, "name", h.getAttribute("ip")), h.getAttribute("mac"),
                            h.getAttribute("ip"), Origin.UNKNOWN));
                } else {
                    notes.add("its DHCP host " + ElementText.compact(h) + " is not kept (host needs a MAC and an IP)");
                }
            }
            Element bootp = child(dhcp, "bootp");
            bootFile = attrOr(bootp, "file", null);
        }
        Element tftp = child(ip, "tftp");
        PxeDef pxe = null;
        if (tftp != null && bootFile != null) {
            pxe = new PxeDef(tftp.getAttribute("root"), bootFile, Origin.UNKNOWN);
        } else if (tftp != null || bootFile != null) {
            notes.add("its " + (tftp != null ? "TFTP root" : "BOOTP file") + " is not kept: pxe needs both");
        }
        Ipv6Def v6 = ip6 == null ? null : ipv6(ip6, hosts, notes);
        return new Result(new NetworkDef(name, m, cidr, gateway, prefix, bridge, stp, delay, range, hosts,
                s.autostart(), pxe, NetworkDef.Driver.LIBVIRT, Origin.UNKNOWN, v6, domain(root), forwards), notes);
    }

    /**
     * The IPv6 {@code <ip>} (a /64) as {@code ipv6}, {@code gateway6} and {@code dhcp6}; its static hosts
     * become the {@code ip6:} of the IPv4 host of the same name in {@code hosts} (the DSL's host needs a MAC).
     */
    private static Ipv6Def ipv6(Element ip, List<StaticHost> hosts, List<String> notes) {
        String gateway = Ipv6.canonical(ip.getAttribute("address"));
        java.math.BigInteger net = Ipv6.address(gateway).orElseThrow().shiftRight(64).shiftLeft(64);
        Element dhcp = child(ip, "dhcp");
        DhcpRange range = null;
        if (dhcp != null) {
            for (Element r : children(dhcp, "range")) {
                if (range == null) {
                    range = new DhcpRange(Ipv6.canonical(r.getAttribute("start")), Ipv6.canonical(r.getAttribute("end")),
                            Origin.UNKNOWN);
                } else {
                    notes.add("its further DHCPv6 range " + r.getAttribute("start") + ".." + r.getAttribute("end")
                            + " is not kept (dhcp6 takes one range)");
                }
            }
            for (Element h : children(dhcp, "host")) {
                String hostName = attrOr(h, "name", null);
                int at = -1;
                for (int i = 0; i < hosts.size(); i++) {
                    if (hosts.get(i).name().equals(hostName) && hosts.get(i).ip6() == null) {
                        at = i;
                    }
                }
                if (at < 0 || !h.hasAttribute("ip")) {
                    notes.add("its DHCPv6 host " + ElementText.compact(h) + " is not kept (ip6: goes with an IPv4 host of"
                            + " the same name, whose MAC it needs)");
                    continue;
                }
                StaticHost v4 = hosts.get(at);
                hosts.set(at, new StaticHost(v4.name(), v4.mac(), v4.ip(), Ipv6.canonical(h.getAttribute("ip")), v4.origin()));
            }
        }
        return new Ipv6Def(Ipv6.format(net) + "/64", gateway, 64, range, Origin.UNKNOWN);
    }

    /** The {@code <domain name>} of the network, or null. */
    private static String domain(Element root) {
        return attrOr(child(root, "domain"), "name", null);
    }

    private static long mask(int prefix) {
        return ~((1L << (32 - prefix)) - 1) & 0xffffffffL;
    }
}
