package kvmsh.libvirt;

import java.util.List;
import kvmsh.model.DhcpRange;
import kvmsh.model.Ipv6Def;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.PortForward;
import kvmsh.plan.Ownership;
import kvmsh.model.StaticHost;

/** {@link NetworkDef} → libvirt {@code <network>} XML (see {@link XmlRenderer#network}). */
final class NetworkXmlRenderer {

    private NetworkXmlRenderer() {
    }

    static XmlNode render(NetworkDef def, Annotations a) {
        XmlNode network = new XmlNode("network");
        network.textChild("name", def.name());
        if (a.uuid() != null) {
            network.textChild("uuid", a.uuid());
        }
        OwnershipXml.append(network, a.owner());
        if (a.owner() != null && !def.forwards().isEmpty()) {
            // What the forwards are, for the next plan to compare (libvirt keeps no such thing of its own).
            // Inside the owner element: libvirt keeps one element per namespace in <metadata>.
            XmlNode owner = network.children.stream().filter(c -> c.name.equals("metadata")).findFirst().orElseThrow()
                    .children.get(0);
            for (PortForward f : def.forwards()) {
                owner.child(Ownership.PREFIX, Ownership.NAMESPACE, "forward").attr("proto", f.proto())
                        .attr("port", f.port()).attr("to", f.target()).attr("toPort", f.toPort()).attr("address", f.address());
            }
        }

        if (def.mode() == NetworkMode.BRIDGE) {
            // Guests join an existing host bridge: libvirt manages no address, DHCP or bridge settings.
            network.child("forward").attr("mode", "bridge");
            network.child("bridge").attr("name", def.bridge());
            return network;
        }
        switch (def.mode()) {
            case NAT -> {
                if (!def.forwards().isEmpty()) {
                    // Port forwards: libvirt's NAT rules refuse every new connection into the bridge, and an
                    // accept in kvmsh's table cannot override their reject, so libvirt adds no rules here and
                    // kvmsh's table holds the network's NAT, isolation and forwards (hostnet.NftRuleset).
                    network.child("forward").attr("mode", "open");
                    break;
                }
                XmlNode forward = network.child("forward").attr("mode", "nat");
                if (def.ipv6() != null) {
                    // NAT66: libvirt masquerades the IPv6 subnet too, instead of routing it.
                    forward.child("nat").attr("ipv6", "yes");
                }
            }
            case ROUTED -> network.child("forward").attr("mode", "route");
            case ISOLATED -> { /* no <forward>: host-only */ }
            default -> throw new IllegalArgumentException("unknown network mode " + def.mode());
        }
        network.child("bridge")
                .attr("name", def.bridge())
                .attr("stp", def.stp() ? "on" : "off")
                .attr("delay", def.forwardDelay());
        if (a.mac(0) != null) {
            // The bridge keeps its MAC across a redefine: the guests' ARP caches hold it for the gateway.
            network.child("mac").attr("address", a.mac(0));
        }
        if (!def.hasAddress()) {
            // isolated(): no <ip>, so libvirt gives the host no address on the bridge.
            return network;
        }
        if (def.domain() != null) {
            dns(network, def);
        }
        if (def.cidr() != null) {
            ipv4(network, def);
        }
        if (def.ipv6() != null) {
            ipv6(network, def);
        }
        return network;
    }

    /**
     * {@code <domain>}: libvirt's dnsmasq names leased guests {@code NAME.DOMAIN} and answers the
     * domain itself (localOnly). {@code <dns>}: each static host is an entry of its own, leased or not.
     */
    private static void dns(XmlNode network, NetworkDef def) {
        network.child("domain").attr("name", def.domain()).attr("localOnly", "yes");
        if (def.hosts().isEmpty()) {
            return;
        }
        XmlNode dns = network.child("dns");
        for (StaticHost h : def.hosts()) {
            for (String ip : java.util.Arrays.asList(h.ip(), h.ip6())) {
                if (ip != null) {
                    XmlNode host = dns.child("host").attr("ip", ip);
                    host.textChild("hostname", h.name());
                    host.textChild("hostname", h.name() + "." + def.domain());
                }
            }
        }
    }

    /**
     * {@code <ip family='ipv6'>}: libvirt's dnsmasq sends router advertisements for it (SLAAC) and
     * serves its DHCPv6 range; static hosts are matched by name (libvirt takes no MAC for IPv6).
     */
    private static void ipv6(XmlNode network, NetworkDef def) {
        Ipv6Def v6 = def.ipv6();
        XmlNode ip = network.child("ip").attr("family", "ipv6").attr("address", v6.gateway()).attr("prefix", v6.prefix());
        List<StaticHost> hosts = def.hosts().stream().filter(h -> h.ip6() != null).toList();
        if (v6.dhcp() != null || !hosts.isEmpty()) {
            XmlNode dhcp = ip.child("dhcp");
            if (v6.dhcp() != null) {
                dhcp.children.add(range(v6.dhcp()));
            }
            for (StaticHost h : hosts) {
                dhcp.child("host").attr("name", h.name()).attr("ip", h.ip6());
            }
        }
    }

    private static void ipv4(XmlNode network, NetworkDef def) {
        XmlNode ip = network.child("ip").attr("address", def.gateway()).attr("prefix", def.prefix());
        if (def.pxe() != null) {
            // The network's dnsmasq serves this directory over TFTP (enable-tftp, tftp-root).
            ip.child("tftp").attr("root", def.pxe().tftpRoot());
        }
        List<StaticHost> hosts = def.hosts().stream().filter(h -> h.ip() != null).toList();
        if (def.dhcp() != null || !hosts.isEmpty()) {
            XmlNode dhcp = ip.child("dhcp");
            if (def.dhcp() != null) {
                dhcp.children.add(range(def.dhcp()));
            }
            for (StaticHost host : hosts) {
                dhcp.children.add(host(host));
            }
            if (def.pxe() != null) {
                // dhcp-boot: the file PXE clients ask the TFTP server for.
                dhcp.child("bootp").attr("file", def.pxe().bootFile());
            }
        }
    }

    /** {@code <range start end/>}, also the snippet {@code virNetworkUpdate} takes for a range. */
    static XmlNode range(DhcpRange range) {
        return new XmlNode("range").attr("start", range.start()).attr("end", range.end());
    }

    /** {@code <host mac name ip/>}, also the snippet {@code virNetworkUpdate} takes for a host. */
    static XmlNode host(StaticHost host) {
        return new XmlNode("host").attr("mac", host.mac()).attr("name", host.name()).attr("ip", host.ip());
    }
}
