package kvmsh.plan;

import java.util.List;
import java.util.Optional;

import kvmsh.model.DhcpRange;
import kvmsh.model.PortForward;
import kvmsh.model.StaticHost;

/**
 * A libvirt network as it is on the host.
 *
 * @param name      network name
 * @param active    running now
 * @param autostart starts with the host
 * @param owner     kvmsh's metadata, empty when kvmsh does not manage this network
 * @param bridge    its bridge device
 * @param dhcp      its (first) DHCP range in the persistent config, or null
 * @param hosts     its static DHCP hosts in the persistent config
 * @param xml       the persistent (inactive) definition, kept to restore it on rollback
 * @param faults    what is broken in the running network although it counts as active (e.g. "its
 *                  dnsmasq is not running"), for the backends that can see it; empty when healthy
 * @param forwards  the port forwards kvmsh recorded for it (its record, or its libvirt metadata)
 */
public record NetworkState(String name, boolean active, boolean autostart, Optional<Ownership> owner,
                           String bridge, DhcpRange dhcp, List<StaticHost> hosts, String xml,
                           List<String> faults, List<PortForward> forwards) {

    /** The fault a backend reports for a running network whose dnsmasq died (planned as a repair). */
    public static final String DNSMASQ_DEAD = "its dnsmasq is not running: guests get no lease; started again";

    /**
     * The fault of a running network whose NAT kvmsh's nft table holds (a libvirt network with
     * port forwards, libvirt's open mode) when its chains are missing: after a host reboot libvirt
     * starts the network by itself, without them.
     */
    public static final String CHAINS_MISSING = "kvmsh's nft chains for it are missing (after a reboot libvirt starts"
            + " it without them): no NAT, port forwards or isolation; loaded again";

    public NetworkState {
        hosts = List.copyOf(hosts);
        faults = List.copyOf(faults);
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
    }

    /** A network forwarding no ports. */
    public NetworkState(String name, boolean active, boolean autostart, Optional<Ownership> owner,
                        String bridge, DhcpRange dhcp, List<StaticHost> hosts, String xml, List<String> faults) {
        this(name, active, autostart, owner, bridge, dhcp, hosts, xml, faults, List.of());
    }

    /** A network whose backend reports no faults (libvirt runs its networks' dnsmasq out of kvmsh's sight). */
    public NetworkState(String name, boolean active, boolean autostart, Optional<Ownership> owner,
                        String bridge, DhcpRange dhcp, List<StaticHost> hosts, String xml) {
        this(name, active, autostart, owner, bridge, dhcp, hosts, xml, List.of());
    }
}
