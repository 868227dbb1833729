package kvmsh.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

import kvmsh.host.HostLinks;
import kvmsh.hostnet.DnsmasqLeases;
import kvmsh.hostnet.RunDirectory;
import kvmsh.libvirt.DhcpLease;
import kvmsh.libvirt.DomainFacts;
import kvmsh.libvirt.LibvirtErrors;
import kvmsh.libvirt.LibvirtNative;
import kvmsh.libvirt.LibvirtXml;
import kvmsh.plan.Ownership;

/**
 * Finds where to ssh to a VM: the domain (any domain of the host, kvmsh's or not), that it runs,
 * and its address from the DHCP leases of the networks its NICs are on, matched by MAC, as
 * {@code virsh domifaddr --source lease} does:
 * <ul>
 *   <li>a NIC on a libvirt network: that network's leases from libvirt's API (virNetworkGetDHCPLeases,
 *       also on a remote host);</li>
 *   <li>a NIC on a bridge, or a named tap plugged into one: the libvirt network of that bridge, or else
 *       the host driver's network of that bridge, whose dnsmasq's lease file is read
 *       ({@link DnsmasqLeases}; this machine only).</li>
 * </ul>
 * IPv4 is preferred; an IPv6 lease is taken when the VM has no IPv4 one. Reads only.
 */
public final class GuestLookup {

    private final Connect conn;
    private final HostLinks links;
    private final RunDirectory run;

    /**
     * @param links the host's links (where a named tap is plugged in), or null when they cannot be read
     * @param run   the host driver's run directory, or null when its lease files are not on this machine
     */
    public GuestLookup(Connect conn, HostLinks links, RunDirectory run) {
        this.conn = conn;
        this.links = links;
        this.run = run;
    }

    /** The running VM and its address; fails (with what is wrong) when it does not exist, does not run, or has no lease. */
    public Guest find(String vm) {
        Found f = lookUp(vm);
        return f.guest().orElseThrow(() -> new GuestException(GuestException.Kind.NO_ADDRESS, f.noAddress()
                + " — wait for it to boot (kvmsh ssh --wait 2m " + vm + "), or check that the guest asks for a lease"));
    }

    /**
     * One look at the VM: fails at once when it does not exist or does not run (waiting would not help),
     * else its address if a lease has one yet.
     */
    public Found lookUp(String vm) {
        try {
            Domain d;
            try {
                d = conn.domainLookupByName(vm);
            } catch (LibvirtException e) {
                if (LibvirtErrors.is(e, org.libvirt.Error.ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                    throw new GuestException(GuestException.Kind.NO_VM, "no VM named '" + vm + "' on " + conn.getURI()
                            + " — see virsh list --all");
                }
                throw e;
            }
            if (d.isActive() != 1) {
                throw new GuestException(GuestException.Kind.NOT_RUNNING, "vm " + vm + " is not running"
                        + " — start it first (virsh start " + vm + ", or state 'running' in its block)");
            }
            DomainFacts facts = LibvirtXml.domain(d.getXMLDesc(0));
            String login = facts.owner().map(Ownership::login).orElse(null);
            List<String> macs = new ArrayList<>();
            List<String> looked = new ArrayList<>();
            Lease v4 = null;
            Lease v6 = null;
            for (DomainFacts.Interface nic : facts.interfaces()) {
                if (nic.mac() == null) {
                    continue;
                }
                macs.add(nic.mac());
                for (Lease l : leases(nic, looked)) {
                    if (!nic.mac().equalsIgnoreCase(l.mac())) {
                        continue;
                    }
                    // A guest that rebooted or was re-created can hold an older lease for its MAC beside
                    // the one it uses now: the newest (latest expiry) is the address it answers on.
                    if (!l.ip().contains(":")) {
                        v4 = newer(v4, l);
                    } else {
                        v6 = newer(v6, l);
                    }
                }
            }
            if (macs.isEmpty()) {
                // Waiting would not help.
                throw new GuestException(GuestException.Kind.NO_ADDRESS, "vm " + vm + " has no NIC to reach it by"
                        + " — give it one (nic network: 'lan')");
            }
            String address = v4 != null ? v4.ip() : v6 != null ? v6.ip() : null;
            String why = "vm " + vm + " has no DHCP lease yet (MAC " + String.join(", ", macs) + "; looked in "
                            + (looked.isEmpty() ? "no network kvmsh can read leases of" : String.join("; ", looked)) + ")";
            return new Found(address == null ? Optional.empty()
                    : Optional.of(new Guest(vm, facts.uuid(), facts.seedInstanceId(), address, login)), why);
        } catch (LibvirtException e) {
            throw new GuestException(GuestException.Kind.HOST, "cannot read vm " + vm + ": " + LibvirtErrors.describe(e));
        }
    }

    /** What one look found: the guest when it has an address, else why not. */
    public record Found(Optional<Guest> guest, String noAddress) {
    }

    /** A lease of a MAC; {@code expiry} in seconds since the epoch, {@link Long#MAX_VALUE} for one that never expires. */
    private record Lease(String mac, String ip, long expiry) {
    }

    private static Lease newer(Lease known, Lease l) {
        return known == null || l.expiry() > known.expiry() ? l : known;
    }

    private static long expiry(long epochSeconds) {
        return epochSeconds == 0 ? Long.MAX_VALUE : epochSeconds;
    }

    private List<Lease> leases(DomainFacts.Interface nic, List<String> looked) throws LibvirtException {
        if (nic.sourceNetwork() != null) {
            return network(nic.sourceNetwork(), looked);
        }
        String bridge = nic.sourceBridge();
        if (bridge == null && nic.targetDev() != null && links != null) {
            // A named tap (type ethernet): kvmsh plugged it into a bridge itself.
            String master = links.list().get(nic.targetDev());
            bridge = master == null || master.isEmpty() ? null : master;
        }
        if (bridge == null) {
            return List.of();
        }
        for (String name : conn.listNetworks()) {
            Network n = conn.networkLookupByName(name);
            if (bridge.equals(n.getBridgeName())) {
                return network(name, looked);
            }
        }
        if (run == null) {
            return List.of();
        }
        Optional<List<DnsmasqLeases.Lease>> host = DnsmasqLeases.ofBridge(run, bridge);
        if (host.isEmpty()) {
            return List.of();
        }
        looked.add("the host driver's network on bridge " + bridge);
        return host.get().stream().filter(l -> l.mac() != null).map(l -> new Lease(l.mac(), l.ip(), expiry(l.expiry()))).toList();
    }

    private List<Lease> network(String name, List<String> looked) {
        List<Lease> out = new ArrayList<>();
        try {
            for (DhcpLease l : LibvirtNative.dhcpLeases(conn.networkLookupByName(name))) {
                out.add(new Lease(l.mac(), l.ip(), l.expiry() == null ? Long.MAX_VALUE : l.expiry().getEpochSecond()));
            }
        } catch (LibvirtException e) {
            // A driver without DHCP (test:///), a network that is gone: nothing to find there; say why.
            looked.add("network " + name + ", whose leases libvirt cannot give: " + LibvirtErrors.describe(e));
            return out;
        }
        looked.add("network " + name);
        return out;
    }
}
