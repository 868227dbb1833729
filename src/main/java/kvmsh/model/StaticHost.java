package kvmsh.model;

/**
 * A fixed DHCP reservation: the guest with {@code mac} always gets {@code ip} (DHCPv4) and
 * {@code ip6} (DHCPv6); either may be null, not both. The name is also the guest's name in the
 * network's DNS.
 */
public record StaticHost(String name, String mac, String ip, String ip6, Origin origin) {

    /** An IPv4-only reservation. */
    public StaticHost(String name, String mac, String ip, Origin origin) {
        this(name, mac, ip, null, origin);
    }
}
