package kvmsh.libvirt;

import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;
import kvmsh.plan.Digester;
import kvmsh.plan.DomainState;
import kvmsh.plan.NetworkState;

/** Digests of the XML kvmsh renders, without uuid, generated MACs and metadata. */
public enum XmlDigester implements Digester {
    INSTANCE;

    /**
     * The network without its DHCP range and static hosts (only whether it serves DHCP at all):
     * those the planner compares with the host directly and updates in place. Of the port forwards
     * only whether there are any (libvirt's open mode instead of nat): the forwards themselves are
     * metadata, compared by the planner and updated in place too.
     */
    @Override
    public String network(NetworkDef def) {
        // The IPv6 <ip> keeps its DHCPv6 range and hosts (only IPv4 DHCP is updated in place), so
        // the core holds the hosts with an IPv6 address, as IPv6-only reservations.
        NetworkDef core = new NetworkDef(def.name(), def.mode(), def.cidr(), def.gateway(), def.prefix(), def.bridge(),
                def.stp(), def.forwardDelay(), null, Digester.ipv6Hosts(def), def.autostart(), def.pxe(), def.driver(),
                def.origin(), def.ipv6(), def.domain(), def.forwards());
        // Without DHCP the renderer leaves out <bootp>: the boot file is digested on its own.
        return Digester.sha256(XmlRenderer.network(core, Annotations.NONE) + "\ndhcp=" + (def.dhcp() != null)
                + (def.pxe() == null ? "" : "\nbootp=" + def.pxe().bootFile())
                // With a domain the static hosts are <dns> entries too, which are not updated in place.
                + (def.domain() == null ? "" : "\ndns=" + def.hosts().stream()
                        .map(h -> h.name() + " " + h.ip() + " " + h.ip6()).toList()));
    }

    @Override
    public String domain(VmDef def) {
        return Digester.sha256(XmlRenderer.domain(def, Annotations.NONE));
    }

    @Override
    public String network(NetworkState existing) {
        NetworkDef def = NetworkImport.of(existing).def();
        // A network the DSL cannot declare differs from every declaration.
        return def == null ? "" : network(def);
    }

    @Override
    public String domain(DomainState existing) {
        return domain(DomainImport.of(existing, volume -> 0L, tap -> null, HostImport::knownOs).vm());
    }
}
