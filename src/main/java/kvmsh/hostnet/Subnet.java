package kvmsh.hostnet;

import java.util.OptionalLong;
import kvmsh.model.Ipv4;
import kvmsh.model.NetworkDef;

/**
 * The IPv4 subnet of a network, parsed (never pasted) from the model: everything the renderers
 * write is formatted back from the parsed numbers.
 *
 * @param network the network's name, for messages
 * @param block   the subnet, as {@link Ipv4} parsed it
 * @param gateway the host's address on it
 */
record Subnet(String network, Ipv4.Subnet block, long gateway) {

    /** The IPv4 subnet of {@code def}, or null when it has none (IPv6-only, guests-only, bridged). */
    static Subnet ofOptional(NetworkDef def) {
        return def.cidr() == null ? null : of(def);
    }

    static Subnet of(NetworkDef def) {
        Ipv4.Subnet parsed = def.cidr() == null ? null : Ipv4.subnet(def.cidr());
        if (parsed == null || parsed.problem() != null) {
            throw new HostNetworkException("network '" + def.name() + "': subnet " + def.cidr()
                    + " must be an IPv4 CIDR such as 10.0.0.0/24 (its IPv6 subnet is ipv6)");
        }
        if (def.prefix() != parsed.prefix()) {
            throw new HostNetworkException("network '" + def.name() + "': prefix " + def.prefix()
                    + " does not match subnet " + def.cidr());
        }
        Subnet s = new Subnet(def.name(), parsed, parse(def.name(), def.gateway(), "gateway"));
        s.requireInside(s.gateway, "gateway");
        return s;
    }

    /** {@code 10.0.0.0/24}. */
    String cidrText() {
        return block.cidr();
    }

    /** {@code 10.0.0.1}. */
    String gatewayText() {
        return Ipv4.format(gateway);
    }

    /** {@code 10.0.0.1/24}: what {@code ip addr} assigns to the bridge. */
    String gatewayWithPrefix() {
        return gatewayText() + "/" + prefix();
    }

    int prefix() {
        return block.prefix();
    }

    /** {@code 255.255.255.0}. */
    String netmask() {
        return Ipv4.format(~(block.size() - 1) & 0xffffffffL);
    }

    /** The subnet's own address, e.g. {@code 10.0.0.0}. */
    String base() {
        return Ipv4.format(block.network());
    }

    /** Parses {@code text} as an address inside the subnet and returns it in canonical form. */
    String inside(String text, String what) {
        long a = parse(network, text, what);
        requireInside(a, what);
        return Ipv4.format(a);
    }

    /** How many addresses lie between {@code start} and {@code end}, both inclusive. */
    long count(String start, String end) {
        long n = parse(network, end, "DHCP range end") - parse(network, start, "DHCP range start") + 1;
        if (n < 1) {
            throw new HostNetworkException("network '" + network + "': DHCP range " + start + ".." + end
                    + " ends before it starts");
        }
        return n;
    }

    private void requireInside(long a, String what) {
        if (!block.contains(a)) {
            throw new HostNetworkException("network '" + network + "': " + what + " " + Ipv4.format(a)
                    + " is outside subnet " + cidrText());
        }
    }

    private static long parse(String network, String text, String what) {
        OptionalLong a = text == null ? OptionalLong.empty() : Ipv4.address(text);
        if (a.isEmpty()) {
            throw new HostNetworkException("network '" + network + "': " + what + " '" + text
                    + "' is not an IPv4 address");
        }
        return a.getAsLong();
    }
}
