package kvmsh.libvirt;

import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;
import kvmsh.plan.Digester;

/** Digests of the XML kvmsh renders, without uuid, generated MACs and metadata. */
public enum XmlDigester implements Digester {
    INSTANCE;

    /**
     * The network without its DHCP range and static hosts (only whether it serves DHCP at all):
     * those the planner compares with the host directly and updates in place.
     */
    @Override
    public String network(NetworkDef def) {
        NetworkDef core = new NetworkDef(def.name(), def.mode(), def.cidr(), def.gateway(), def.prefix(), def.bridge(),
                def.stp(), def.forwardDelay(), null, java.util.List.of(), def.autostart(), def.origin());
        return Digests.of(XmlRenderer.network(core, Annotations.NONE) + "\ndhcp=" + (def.dhcp() != null));
    }

    @Override
    public String domain(VmDef def) {
        return Digests.of(XmlRenderer.domain(def, Annotations.NONE));
    }
}
