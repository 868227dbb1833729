package kvmsh.model;

/**
 * A network's IPv6 subnet ({@code ipv6 'fd00:10::/64'}, or a mode given an IPv6 subnet), with every
 * default resolved. Guests form addresses by SLAAC from the gateway's router advertisements;
 * {@code dhcp} adds a DHCPv6 range. Static hosts carry their IPv6 address in {@link StaticHost#ip6()}.
 *
 * @param cidr    the subnet in canonical form, e.g. {@code fd00:10::/64}
 * @param gateway the host's address on it, canonical, e.g. {@code fd00:10::1}
 * @param prefix  the prefix length (64)
 * @param dhcp    the DHCPv6 range, canonical, or null (SLAAC only)
 * @param origin  where the subnet is declared
 */
public record Ipv6Def(String cidr, String gateway, int prefix, DhcpRange dhcp, Origin origin) {
}
