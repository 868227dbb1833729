package kvmsh.libvirt;

import java.util.List;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

import kvmsh.model.DhcpRange;
import kvmsh.model.Origin;
import kvmsh.model.StaticHost;

/**
 * Brings a RUNNING network's DHCP range and static hosts to a target, through virNetworkUpdate on
 * the live definition only, so dnsmasq is reloaded without restarting the network under its guests.
 * The persistent definition is written separately with networkDefineXML.
 */
final class LiveDhcp {

    private final Connect conn;

    LiveDhcp(Connect conn) {
        this.conn = conn;
    }

    void sync(String name, NetworkFacts target) throws LibvirtException {
        Network net = conn.networkLookupByName(name);
        if (net.isActive() != 1) {
            return;
        }
        NetworkFacts live = LibvirtXml.network(net.getXMLDesc(0));
        for (NetworkFacts.Host h : live.hosts()) {
            if (!target.hosts().contains(h)) {
                LibvirtNative.networkUpdateLive(net, LibvirtNative.Command.DELETE, LibvirtNative.Section.IP_DHCP_HOST,
                        XmlRenderer.dhcpHost(host(h)));
            }
        }
        // Add before delete: a running network is never without a range in between.
        for (NetworkFacts.Range r : target.ranges()) {
            if (!live.ranges().contains(r)) {
                LibvirtNative.networkUpdateLive(net, LibvirtNative.Command.ADD_LAST, LibvirtNative.Section.IP_DHCP_RANGE,
                        XmlRenderer.dhcpRange(range(r)));
            }
        }
        for (NetworkFacts.Range r : live.ranges()) {
            if (!target.ranges().contains(r)) {
                LibvirtNative.networkUpdateLive(net, LibvirtNative.Command.DELETE, LibvirtNative.Section.IP_DHCP_RANGE,
                        XmlRenderer.dhcpRange(range(r)));
            }
        }
        List<NetworkFacts.Host> have = live.hosts();
        for (NetworkFacts.Host h : target.hosts()) {
            if (!have.contains(h)) {
                LibvirtNative.networkUpdateLive(net, LibvirtNative.Command.ADD_LAST, LibvirtNative.Section.IP_DHCP_HOST,
                        XmlRenderer.dhcpHost(host(h)));
            }
        }
    }

    private static StaticHost host(NetworkFacts.Host h) {
        return new StaticHost(h.name(), h.mac(), h.ip(), Origin.UNKNOWN);
    }

    private static DhcpRange range(NetworkFacts.Range r) {
        return new DhcpRange(r.start(), r.end(), Origin.UNKNOWN);
    }
}
