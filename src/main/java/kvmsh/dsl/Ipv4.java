package kvmsh.dsl;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import java.util.OptionalLong;

/**
 * IPv4 parsing for the network checks, on top of the ipaddress library. Addresses become longs so
 * ranges and "first free host address" are plain arithmetic.
 */
final class Ipv4 {

    /** Dotted quads only: no "10.1" shorthand, no hex or octal, no masks. */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false)
            .allowPrefixOnly(false).allowIPv6(false).allowWildcardedSeparator(false)
            .getIPv4AddressParametersBuilder().allow_inet_aton(false).getParentBuilder()
            .toParams();

    /** A parsed subnet, or why it could not be parsed (then {@code problem}/{@code fix} are set). */
    record Subnet(long network, int prefix, String problem, String fix) {

        long broadcast() {
            return network + size() - 1;
        }

        long size() {
            return 1L << (32 - prefix);
        }

        boolean contains(long address) {
            return address >= network && address <= broadcast();
        }

        /** A usable host address: inside, and neither the network nor the broadcast address. */
        boolean isHost(long address) {
            return address > network && address < broadcast();
        }

        boolean overlaps(Subnet other) {
            return network <= other.broadcast() && other.network <= broadcast();
        }

        String cidr() {
            return format(network) + "/" + prefix;
        }
    }

    private Ipv4() {
    }

    static Subnet subnet(String text) {
        IPAddress a = new IPAddressString(text.trim(), STRICT).getAddress();
        if (a == null || !a.isIPv4() || a.getNetworkPrefixLength() == null) {
            return new Subnet(0, 0, "bad subnet '" + text + "'", "write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'");
        }
        int prefix = a.getNetworkPrefixLength();
        String canonical = a.toPrefixBlock().toCanonicalString();
        // In ipaddress 5 "10.0.0.0/8" parses to the whole block and "10.0.0.1/8" to one address.
        long value = a.getLower().toIPv4().withoutPrefixLength().longValue();
        long hostMask = (1L << (32 - prefix)) - 1;
        if ((value & hostMask) != 0) {
            return new Subnet(0, 0, "subnet '" + text + "' has host bits set", "write '" + canonical + "'");
        }
        if (prefix > 30) {
            return new Subnet(0, 0, "subnet '" + text + "' has no room for a gateway and guests",
                    "use a prefix of /30 or shorter, e.g. /24");
        }
        return new Subnet(value, prefix, null, null);
    }

    /** A single IPv4 address without prefix. */
    static OptionalLong address(String text) {
        IPAddress a = new IPAddressString(text.trim(), STRICT).getAddress();
        if (a == null || !a.isIPv4() || a.getNetworkPrefixLength() != null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(a.toIPv4().longValue());
    }

    static String format(long address) {
        return new IPv4Address((int) address).toCanonicalString();
    }
}
