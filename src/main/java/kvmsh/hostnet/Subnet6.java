package kvmsh.hostnet;

import java.math.BigInteger;
import java.util.Optional;
import kvmsh.model.Ipv6;
import kvmsh.model.Ipv6Def;
import kvmsh.model.NetworkDef;

/**
 * The IPv6 subnet of a network, parsed (never pasted) from the model like {@link Subnet}:
 * everything the renderers write is formatted back from the parsed numbers.
 *
 * @param network the network's name, for messages
 * @param block   the subnet
 * @param gateway the host's address on it
 */
record Subnet6(String network, Ipv6.Subnet block, BigInteger gateway) {

    /** The IPv6 subnet of {@code def}, or null when it has none. */
    static Subnet6 of(NetworkDef def) {
        Ipv6Def v6 = def.ipv6();
        if (v6 == null) {
            return null;
        }
        Ipv6.Subnet parsed = Ipv6.subnet(v6.cidr());
        if (parsed.problem() != null || parsed.prefix() != v6.prefix()) {
            throw new HostNetworkException("network '" + def.name() + "': IPv6 subnet " + v6.cidr()
                    + " must be an IPv6 /64 such as fd00:10::/64");
        }
        Subnet6 s = new Subnet6(def.name(), parsed, parse(def.name(), v6.gateway(), "IPv6 gateway"));
        s.inside(v6.gateway(), "IPv6 gateway");
        return s;
    }

    /** {@code fd00:10::/64}. */
    String cidrText() {
        return block.cidr();
    }

    /** {@code fd00:10::1}. */
    String gatewayText() {
        return Ipv6.format(gateway);
    }

    /** {@code fd00:10::1/64}: what {@code ip addr} assigns to the bridge. */
    String gatewayWithPrefix() {
        return gatewayText() + "/" + block.prefix();
    }

    int prefix() {
        return block.prefix();
    }

    /** The subnet's own address, e.g. {@code fd00:10::}: how dnsmasq names the prefix it advertises. */
    String base() {
        return Ipv6.format(block.network());
    }

    /** Parses {@code text} as an address inside the subnet and returns it in canonical form. */
    String inside(String text, String what) {
        BigInteger a = parse(network, text, what);
        if (!block.contains(a)) {
            throw new HostNetworkException("network '" + network + "': " + what + " " + Ipv6.format(a)
                    + " is outside IPv6 subnet " + cidrText());
        }
        return Ipv6.format(a);
    }

    /** How many addresses lie between {@code start} and {@code end}, both inclusive, at most {@code cap}. */
    long count(String start, String end, long cap) {
        BigInteger n = parse(network, end, "DHCPv6 range end").subtract(parse(network, start, "DHCPv6 range start"))
                .add(BigInteger.ONE);
        if (n.signum() < 1) {
            throw new HostNetworkException("network '" + network + "': DHCPv6 range " + start + ".." + end
                    + " ends before it starts");
        }
        return n.min(BigInteger.valueOf(cap)).longValue();
    }

    private static BigInteger parse(String network, String text, String what) {
        Optional<BigInteger> a = text == null ? Optional.empty() : Ipv6.address(text);
        return a.orElseThrow(() -> new HostNetworkException("network '" + network + "': " + what + " '" + text
                + "' is not an IPv6 address"));
    }
}
