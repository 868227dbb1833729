package kvmsh.model;

import java.util.List;

/**
 * A declared network, with every default already resolved (the renderers add nothing).
 *
 * @param name         libvirt network name
 * @param mode         NAT, isolated (host-only), routed, or bridged to an existing host bridge
 * @param cidr         the subnet in canonical form, e.g. {@code 10.0.0.0/8}; null for BRIDGE
 * @param gateway      the host's address on the subnet; null for BRIDGE
 * @param prefix       the subnet's prefix length; 0 for BRIDGE
 * @param bridge       the bridge device: ours to create, or the existing one for BRIDGE
 * @param stp          spanning tree on the bridge we create
 * @param forwardDelay bridge forward delay in seconds (only meaningful with STP)
 * @param dhcp         the DHCP range, or null for no DHCP server
 * @param hosts        static DHCP reservations
 * @param autostart    start the network when the host boots
 * @param pxe          network boot (TFTP root and boot file) the network serves, or null
 * @param driver       what realizes it: libvirt, kvmsh's host network driver, or the choice
 *                     kvmsh makes (see {@link Driver})
 * @param origin       where the {@code network} statement is
 * @param ipv6         the IPv6 subnet beside (or, with {@code cidr} null, instead of) the IPv4 one; null for none
 * @param domain       the DNS domain of the network ({@code lab.local}): leased guests and static hosts are
 *                     {@code NAME.DOMAIN} in its DNS; null for none
 * @param forwards     ports of the host forwarded to guests of a NAT network ({@code forward}), in script order
 */
public record NetworkDef(
        String name,
        NetworkMode mode,
        String cidr,
        String gateway,
        int prefix,
        String bridge,
        boolean stp,
        int forwardDelay,
        DhcpRange dhcp,
        List<StaticHost> hosts,
        boolean autostart,
        PxeDef pxe,
        Driver driver,
        Origin origin,
        Ipv6Def ipv6,
        String domain,
        List<PortForward> forwards) {

    /** What realizes a network: the {@code driver} setting. */
    public enum Driver {
        /** No {@code driver} setting: kvmsh chooses (the host driver for hooks and on hosts without libvirtd). */
        AUTO,
        /** {@code driver 'host'}: kvmsh's host network driver, on this machine, even where libvirtd runs. */
        HOST,
        /** {@code driver 'libvirt'}: a libvirt network. */
        LIBVIRT;

        /** The word the DSL uses: host, libvirt (auto has none). */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public NetworkDef {
        hosts = List.copyOf(hosts);
        driver = driver == null ? Driver.AUTO : driver;
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
    }

    /** A network forwarding no ports. */
    public NetworkDef(String name, NetworkMode mode, String cidr, String gateway, int prefix, String bridge, boolean stp,
                      int forwardDelay, DhcpRange dhcp, List<StaticHost> hosts, boolean autostart, PxeDef pxe,
                      Driver driver, Origin origin, Ipv6Def ipv6, String domain) {
        this(name, mode, cidr, gateway, prefix, bridge, stp, forwardDelay, dhcp, hosts, autostart, pxe, driver, origin,
                ipv6, domain, List.of());
    }

    /** An IPv4-only network (or a bridged or guests-only one). */
    public NetworkDef(String name, NetworkMode mode, String cidr, String gateway, int prefix, String bridge, boolean stp,
                      int forwardDelay, DhcpRange dhcp, List<StaticHost> hosts, boolean autostart, PxeDef pxe,
                      Driver driver, Origin origin) {
        this(name, mode, cidr, gateway, prefix, bridge, stp, forwardDelay, dhcp, hosts, autostart, pxe, driver, origin,
                null, null);
    }

    /** A network without a DNS domain. */
    public NetworkDef(String name, NetworkMode mode, String cidr, String gateway, int prefix, String bridge, boolean stp,
                      int forwardDelay, DhcpRange dhcp, List<StaticHost> hosts, boolean autostart, PxeDef pxe,
                      Driver driver, Origin origin, Ipv6Def ipv6) {
        this(name, mode, cidr, gateway, prefix, bridge, stp, forwardDelay, dhcp, hosts, autostart, pxe, driver, origin,
                ipv6, null);
    }

    /** This network with {@code autostart} instead of its own setting. */
    public NetworkDef withAutostart(boolean on) {
        return new NetworkDef(name, mode, cidr, gateway, prefix, bridge, stp, forwardDelay, dhcp, hosts, on, pxe, driver,
                origin, ipv6, domain, forwards);
    }

    /** This network forwarding {@code ports} instead of its own. */
    public NetworkDef withForwards(List<PortForward> ports) {
        return new NetworkDef(name, mode, cidr, gateway, prefix, bridge, stp, forwardDelay, dhcp, hosts, autostart, pxe,
                driver, origin, ipv6, domain, ports);
    }

    /** This network without its DHCP ranges and static hosts, the parts updated in place (digests leave them out). */
    public NetworkDef withoutDhcp() {
        return new NetworkDef(name, mode, cidr, gateway, prefix, bridge, stp, forwardDelay, null, List.of(), autostart, pxe,
                driver, origin, ipv6, domain, forwards);
    }

    /**
     * True when the host has an address on the bridge: an IPv4 or IPv6 subnet (or a bridged
     * network, whose addresses are not kvmsh's). False for {@code isolated()}, the guests-only bridge.
     */
    public boolean hasAddress() {
        return mode == NetworkMode.BRIDGE || cidr != null || ipv6 != null;
    }

    /** True when kvmsh creates the bridge (every mode but BRIDGE, which joins an existing one). */
    public boolean ownsBridge() {
        return mode != NetworkMode.BRIDGE;
    }
}
