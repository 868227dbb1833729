package kvmsh.hostnet;

import java.util.Map;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkFields;
import kvmsh.model.VmDef;
import kvmsh.plan.Digester;
import kvmsh.plan.DomainState;
import kvmsh.plan.NetworkState;

/**
 * The host driver's fingerprint of a network: of its fields ({@link NetworkFields}) without name,
 * DHCP range, static hosts and port forwards (the planner compares those itself and updates them in place),
 * autostart (the host driver starts nothing at boot) and driver. VMs are libvirt's.
 */
enum HostDigester implements Digester {
    INSTANCE;

    static String digest(NetworkDef def) {
        Map<String, String> f = NetworkFields.encode(def, false);
        f.keySet().removeIf(k -> k.equals("name") || k.equals("autostart") || k.equals("driver")
                || k.startsWith("dhcp.") || k.startsWith("host.") || k.equals("hosts")
                || k.startsWith("forward.") || k.equals("forwards"));
        f.put("dhcp", String.valueOf(def.dhcp() != null || !def.hosts().isEmpty()));
        // IPv6 reservations are not updated in place: a changed one redefines the network.
        java.util.List<kvmsh.model.StaticHost> v6 = Digester.ipv6Hosts(def);
        if (!v6.isEmpty()) {
            f.put("hosts6", v6.stream().map(h -> h.name() + " " + h.mac() + " " + h.ip6()).toList().toString());
        }
        return Digester.sha256(f.toString());
    }

    @Override
    public String network(NetworkDef def) {
        return digest(def);
    }

    /**
     * A network this driver holds without an owner: a record written without its declaration or
     * script (by an older kvmsh). Nothing says what it was declared as, so it differs from every
     * declaration and adopting it redefines it.
     */
    @Override
    public String network(NetworkState existing) {
        return "";
    }

    @Override
    public String domain(DomainState existing) {
        throw new IllegalStateException("the host network driver runs no VMs: domain " + existing.name() + " is libvirt's");
    }

    @Override
    public String domain(VmDef def) {
        throw new IllegalStateException("the host network driver runs no VMs: vm " + def.name() + " is libvirt's");
    }
}
