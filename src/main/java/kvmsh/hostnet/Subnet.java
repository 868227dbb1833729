package kvmsh.hostnet;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import kvmsh.model.NetworkDef;

/**
 * The IPv4 subnet of a network, parsed (never pasted) from the model: everything the renderers
 * write comes back out of {@link IPAddress} in canonical form.
 */
record Subnet(String network, IPAddress cidr, IPAddress gateway) {

    static Subnet of(NetworkDef def) {
        IPAddress cidr = parse(def.name(), def.cidr(), "subnet");
        if (!cidr.isIPv4() || !cidr.isPrefixed()) {
            throw new HostNetworkException("network '" + def.name() + "': subnet " + def.cidr()
                    + " must be an IPv4 CIDR such as 10.0.0.0/24 (the host driver is IPv4-only)");
        }
        IPAddress block = cidr.toPrefixBlock();
        if (def.prefix() != block.getNetworkPrefixLength()) {
            throw new HostNetworkException("network '" + def.name() + "': prefix " + def.prefix()
                    + " does not match subnet " + def.cidr());
        }
        Subnet s = new Subnet(def.name(), block, parse(def.name(), def.gateway(), "gateway"));
        s.requireInside(s.gateway, "gateway");
        return s;
    }

    /** {@code 10.0.0.0/24}. */
    String cidrText() {
        return cidr.toCanonicalString();
    }

    /** {@code 10.0.0.1}. */
    String gatewayText() {
        return gateway.toCanonicalString();
    }

    /** {@code 10.0.0.1/24}: what {@code ip addr} assigns to the bridge. */
    String gatewayWithPrefix() {
        return gateway.toCanonicalString() + "/" + cidr.getNetworkPrefixLength();
    }

    int prefix() {
        return cidr.getNetworkPrefixLength();
    }

    /** {@code 255.255.255.0}. */
    String netmask() {
        return cidr.getNetworkMask().withoutPrefixLength().toCanonicalString();
    }

    /** The subnet's own address, e.g. {@code 10.0.0.0}. */
    String base() {
        return cidr.getLower().withoutPrefixLength().toCanonicalString();
    }

    /** Parses {@code text} as an address inside the subnet and returns it in canonical form. */
    String inside(String text, String what) {
        IPAddress a = parse(network, text, what);
        requireInside(a, what);
        return a.toCanonicalString();
    }

    /** How many addresses lie between {@code start} and {@code end}, both inclusive. */
    long count(String start, String end) {
        IPAddress s = parse(network, start, "DHCP range start");
        IPAddress e = parse(network, end, "DHCP range end");
        long n = e.getValue().longValue() - s.getValue().longValue() + 1;
        if (n < 1) {
            throw new HostNetworkException("network '" + network + "': DHCP range " + start + ".." + end
                    + " ends before it starts");
        }
        return n;
    }

    private void requireInside(IPAddress a, String what) {
        if (!cidr.contains(a)) {
            throw new HostNetworkException("network '" + network + "': " + what + " " + a
                    + " is outside subnet " + cidrText());
        }
    }

    private static IPAddress parse(String network, String text, String what) {
        IPAddress a = text == null ? null : new IPAddressString(text).getAddress();
        if (a == null || !a.isIPv4()) {
            throw new HostNetworkException("network '" + network + "': " + what + " '" + text
                    + "' is not an IPv4 address");
        }
        return what.equals("subnet") ? a : a.withoutPrefixLength();
    }
}
