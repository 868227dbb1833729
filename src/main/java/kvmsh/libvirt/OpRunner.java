package kvmsh.libvirt;

import java.util.ArrayList;
import java.util.List;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

import kvmsh.host.HostLinks;
import kvmsh.model.OpDef;
import kvmsh.plan.StepFailedException;

/** Runs a script's imperative statements ({@code start}, {@code list}, {@code attach} …) on libvirt. */
final class OpRunner {

    private final Connect conn;
    private final HostLinks links;
    private final DomainLifecycle lifecycle;

    OpRunner(Connect conn, HostLinks links, DomainLifecycle lifecycle) {
        this.conn = conn;
        this.links = links;
        this.lifecycle = lifecycle;
    }

    String run(OpDef op) throws LibvirtException {
        return switch (op.verb()) {
            case START -> {
                Domain d = domain(op.target());
                if (d.isActive() != 1) {
                    d.create();
                }
                yield "";
            }
            case SHUTDOWN -> lifecycle.stop(op.target(), true);
            case DESTROY -> lifecycle.stop(op.target(), false);
            case UNDEFINE -> {
                Domain d = domain(op.target());
                if (d.isActive() == 1) {
                    throw new StepFailedException("vm " + op.target() + " is running — destroy or shutdown it first");
                }
                d.undefine();
                yield "";
            }
            case LIST -> list();
            case INFO -> info(op.target());
            case LEASES -> leases(op.target());
            case MOVE_NIC -> move(op.target(), op.options().get("to"));
        };
    }

    private Domain domain(String name) throws LibvirtException {
        try {
            return conn.domainLookupByName(name);
        } catch (LibvirtException e) {
            throw new StepFailedException("no vm named '" + name + "' on " + conn.getURI());
        }
    }

    private String list() throws LibvirtException {
        Table t = new Table("VM", "STATE", "AUTOSTART", "MANAGED BY");
        List<Domain> all = new ArrayList<>();
        for (int id : conn.listDomains()) {
            all.add(conn.domainLookupByID(id));
        }
        for (String n : conn.listDefinedDomains()) {
            all.add(conn.domainLookupByName(n));
        }
        all.sort((a, b) -> name(a).compareTo(name(b)));
        for (Domain d : all) {
            DomainFacts f = LibvirtXml.domain(d.getXMLDesc(0));
            t.row(d.getName(), state(d.getInfo()), d.getAutostart() ? "yes" : "no",
                    f.owner().map(o -> "kvmsh " + o.script()).orElse("-"));
        }
        Table n = new Table("NETWORK", "STATE", "AUTOSTART", "BRIDGE", "MANAGED BY");
        List<String> names = new ArrayList<>(List.of(conn.listNetworks()));
        names.addAll(List.of(conn.listDefinedNetworks()));
        names.sort(String::compareTo);
        for (String name : names) {
            Network net = conn.networkLookupByName(name);
            NetworkFacts f = LibvirtXml.network(net.getXMLDesc(0));
            n.row(name, net.isActive() == 1 ? "active" : "inactive", net.getAutostart() ? "yes" : "no",
                    f.bridge() == null ? "-" : f.bridge(), f.owner().map(o -> "kvmsh " + o.script()).orElse("-"));
        }
        return t.render() + "\n" + n.render();
    }

    private static String name(Domain d) {
        try {
            return d.getName();
        } catch (LibvirtException e) {
            return "";
        }
    }

    private String info(String name) throws LibvirtException {
        Domain d = domain(name);
        DomainInfo i = d.getInfo();
        DomainFacts f = LibvirtXml.domain(d.getXMLDesc(0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Name:       %s%n", name));
        sb.append(String.format("UUID:       %s%n", d.getUUIDString()));
        sb.append(String.format("State:      %s%n", state(i)));
        sb.append(String.format("CPUs:       %d%n", i.nrVirtCpu));
        sb.append(String.format("Memory:     %d MiB%n", i.maxMem / 1024));
        sb.append(String.format("CPU time:   %.1f s%n", i.cpuTime / 1e9));
        sb.append(String.format("Autostart:  %s%n", d.getAutostart() ? "yes" : "no"));
        sb.append(String.format("Managed by: %s%n", f.owner().map(o -> "kvmsh " + o.script()).orElse("-")));
        Table nics = new Table("NIC", "TYPE", "SOURCE", "TAP", "MAC");
        int k = 0;
        for (DomainFacts.Interface nic : f.interfaces()) {
            String source = nic.sourceNetwork() != null ? nic.sourceNetwork()
                    : nic.sourceBridge() != null ? nic.sourceBridge() : "-";
            nics.row(String.valueOf(k++), nic.type(), source, nic.targetDev() == null ? "-" : nic.targetDev(),
                    nic.mac() == null ? "-" : nic.mac());
        }
        return sb + nics.render();
    }

    private String leases(String network) throws LibvirtException {
        Network net;
        try {
            net = conn.networkLookupByName(network);
        } catch (LibvirtException e) {
            throw new StepFailedException("no network named '" + network + "' on " + conn.getURI());
        }
        Table t = new Table("MAC", "IP", "HOSTNAME", "EXPIRES");
        for (DhcpLease l : LibvirtNative.dhcpLeases(net)) {
            t.row(l.mac(), l.ip() + "/" + l.prefix(), l.hostname() == null ? "-" : l.hostname(),
                    l.expiry().getEpochSecond() == 0 ? "never" : l.expiry().toString());
        }
        return t.render();
    }

    /**
     * The seed's {@code brctl delif br0 vnet1; brctl addif isolationbr vnet1}: moves a guest's NIC,
     * named by its tap, to another network (or unplugs it when {@code to} is null).
     */
    private String move(String tap, String to) throws LibvirtException {
        String bridge = null;
        if (to != null) {
            Network net;
            try {
                net = conn.networkLookupByName(to);
            } catch (LibvirtException e) {
                throw new StepFailedException("no network named '" + to + "' on " + conn.getURI());
            }
            bridge = LibvirtXml.network(net.getXMLDesc(0)).bridge();
        }
        for (int id : conn.listDomains()) {
            Domain d = conn.domainLookupByID(id);
            DomainFacts f = LibvirtXml.domain(d.getXMLDesc(0));
            for (DomainFacts.Interface nic : f.interfaces()) {
                if (tap.equals(nic.targetDev()) && !"ethernet".equals(nic.type())) {
                    if (to == null) {
                        throw new StepFailedException("NIC " + tap + " of vm " + d.getName()
                                + " is managed by libvirt — attach it to another network instead of detaching it");
                    }
                    // libvirt owns this tap: change the interface's source so libvirt moves it and remembers.
                    d.updateDeviceFlags(InterfaceXml.retarget(d.getXMLDesc(0), tap, to), 1 /* LIVE */);
                    return "";
                }
            }
        }
        if (!links.list().containsKey(tap)) {
            throw new StepFailedException("no tap named '" + tap + "' on the host");
        }
        links.plug(tap, bridge);
        return "";
    }

    static String state(DomainInfo info) {
        return switch (info.state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> "running";
            case VIR_DOMAIN_PAUSED -> "paused";
            case VIR_DOMAIN_SHUTDOWN -> "shutting down";
            case VIR_DOMAIN_SHUTOFF -> "shut off";
            case VIR_DOMAIN_CRASHED -> "crashed";
            case VIR_DOMAIN_PMSUSPENDED -> "suspended";
            default -> "unknown";
        };
    }
}
