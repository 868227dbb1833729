package kvmsh.libvirt;

import static kvmsh.libvirt.DomainImport.attrOr;
import static kvmsh.libvirt.DomainImport.child;
import static kvmsh.libvirt.DomainImport.children;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kvmsh.model.DhcpRange;
import kvmsh.model.Ipv4;
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

    private static final Set<String> READ = Set.of("name", "uuid", "metadata", "forward", "bridge", "ip", "mac");

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
        if (forward != null && (forward.hasAttribute("dev") || !children(forward).isEmpty())) {
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
        NetworkMode m = switch (mode) {
            case "nat" -> NetworkMode.NAT;
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
        for (Element ip : children(root, "ip")) {
            if ("ipv6".equals(ip.getAttribute("family"))) {
                notes.add("its IPv6 address " + ip.getAttribute("address") + " is not kept if kvmsh redefines it");
            } else if (ips.isEmpty()) {
                ips.add(ip);
            } else {
                notes.add("its further address " + ip.getAttribute("address") + " is not kept if kvmsh redefines it");
            }
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
        return new Result(new NetworkDef(name, m, cidr, gateway, prefix, bridge, stp, delay, range, hosts,
                s.autostart(), pxe, NetworkDef.Driver.LIBVIRT, Origin.UNKNOWN), notes);
    }

    private static long mask(int prefix) {
        return ~((1L << (32 - prefix)) - 1) & 0xffffffffL;
    }
}
