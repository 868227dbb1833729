package kvmsh.libvirt;

import kvmsh.model.DhcpRange;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
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

        if (def.mode() == NetworkMode.BRIDGE) {
            // Guests join an existing host bridge: libvirt manages no address, DHCP or bridge settings.
            network.child("forward").attr("mode", "bridge");
            network.child("bridge").attr("name", def.bridge());
            return network;
        }
        switch (def.mode()) {
            case NAT -> network.child("forward").attr("mode", "nat");
            case ROUTED -> network.child("forward").attr("mode", "route");
            case ISOLATED -> { /* no <forward>: host-only */ }
            default -> throw new IllegalArgumentException("unknown network mode " + def.mode());
        }
        network.child("bridge")
                .attr("name", def.bridge())
                .attr("stp", def.stp() ? "on" : "off")
                .attr("delay", def.forwardDelay());
        if (def.cidr() == null) {
            // isolated(): no <ip>, so libvirt gives the host no address on the bridge.
            return network;
        }
        XmlNode ip = network.child("ip").attr("address", def.gateway()).attr("prefix", def.prefix());
        if (def.pxe() != null) {
            // The network's dnsmasq serves this directory over TFTP (enable-tftp, tftp-root).
            ip.child("tftp").attr("root", def.pxe().tftpRoot());
        }
        if (def.dhcp() != null || !def.hosts().isEmpty()) {
            XmlNode dhcp = ip.child("dhcp");
            if (def.dhcp() != null) {
                dhcp.children.add(range(def.dhcp()));
            }
            for (StaticHost host : def.hosts()) {
                dhcp.children.add(host(host));
            }
            if (def.pxe() != null) {
                // dhcp-boot: the file PXE clients ask the TFTP server for.
                dhcp.child("bootp").attr("file", def.pxe().bootFile());
            }
        }
        return network;
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
