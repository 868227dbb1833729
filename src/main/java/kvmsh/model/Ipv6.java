package kvmsh.model;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IPv6 parsing for the network checks and the host network driver: the JDK parses the literal
 * ({@link Inet6Address}, never a DNS lookup: only text made of hex digits, colons and dots reaches
 * it) and addresses become {@link BigInteger}s, so ranges and containment are plain arithmetic.
 * Addresses are written back in RFC 5952's canonical form ({@code fd00:10::1}), so a script's
 * {@code FD00:0010:0::1} and the host's {@code fd00:10::1} compare equal.
 */
public final class Ipv6 {

    /** The prefix length SLAAC forms addresses in: router advertisements announce a /64. */
    public static final int SLAAC_PREFIX = 64;

    private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** A parsed subnet, or why it could not be parsed (then {@code problem}/{@code fix} are set). */
    public record Subnet(BigInteger network, int prefix, String problem, String fix) {

        public BigInteger last() {
            return network.add(BigInteger.ONE.shiftLeft(128 - prefix)).subtract(BigInteger.ONE);
        }

        public boolean contains(BigInteger address) {
            return address.compareTo(network) >= 0 && address.compareTo(last()) <= 0;
        }

        /**
         * A usable host address: inside, and not the subnet's own address (the subnet-router
         * anycast address, RFC 4291 2.6.1). IPv6 has no broadcast address.
         */
        public boolean isHost(BigInteger address) {
            return contains(address) && !address.equals(network);
        }

        public boolean overlaps(Subnet other) {
            return network.compareTo(other.last()) <= 0 && other.network.compareTo(last()) <= 0;
        }

        public String cidr() {
            return format(network) + "/" + prefix;
        }

        /** The subnet's {@code n}th address ({@code fd00:10::1} for 1 in {@code fd00:10::/64}). */
        public BigInteger nth(long n) {
            return network.add(BigInteger.valueOf(n));
        }
    }

    private Ipv6() {
    }

    /** True when {@code text} looks like an IPv6 literal or subnet (it has a colon): the address family a value is meant for. */
    public static boolean looksLike(String text) {
        return text != null && text.indexOf(':') >= 0;
    }

    public static Subnet subnet(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        Optional<BigInteger> value = slash < 0 ? Optional.empty() : address(t.substring(0, slash));
        int prefix = slash < 0 ? -1 : Ipv4.number(t.substring(slash + 1), 128);
        if (value.isEmpty() || prefix < 0 || prefix > 128) {
            return new Subnet(BigInteger.ZERO, 0, "bad IPv6 subnet '" + text + "'",
                    "write an IPv6 subnet as address/prefix, e.g. 'fd00:10::/64'");
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(128 - prefix).subtract(BigInteger.ONE);
        BigInteger net = value.get().andNot(hostMask);
        if (!net.equals(value.get())) {
            return new Subnet(BigInteger.ZERO, 0, "IPv6 subnet '" + text + "' has host bits set",
                    "write '" + format(net) + "/" + prefix + "'");
        }
        if (prefix != SLAAC_PREFIX) {
            String example = prefix < SLAAC_PREFIX ? format(net) + "/64" : format(net.andNot(
                    BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))) + "/64";
            return new Subnet(BigInteger.ZERO, 0, "IPv6 subnet '" + text + "' is a /" + prefix
                    + "; guests form their addresses by SLAAC, which needs a /64", "use a /64, e.g. '" + example + "'");
        }
        return new Subnet(net, prefix, null, null);
    }

    /** A single IPv6 address without prefix or zone; empty when {@code text} is not one (an IPv4 address is not one). */
    public static Optional<BigInteger> address(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.indexOf(':') < 0 || t.length() > 45) {
            return Optional.empty();
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            // Hex digits, colons and the dots of an embedded IPv4 tail: never a name to look up, never a zone (%eth0).
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return Optional.empty();
            }
        }
        try {
            InetAddress a = InetAddress.getByName(t);
            // ::ffff:10.0.0.1 comes back as an Inet4Address: an IPv4 address in disguise.
            return a instanceof Inet6Address ? Optional.of(new BigInteger(1, a.getAddress())) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code text} as an address in canonical form; null when it is not an IPv6 address. */
    public static String canonical(String text) {
        return address(text).map(Ipv6::format).orElse(null);
    }

    /** RFC 5952: lowercase hex, no leading zeros, the longest run (first of equals) of two or more zero groups as {@code ::}. */
    public static String format(BigInteger address) {
        int[] g = new int[8];
        BigInteger a = address.and(ALL);
        for (int i = 7; i >= 0; i--) {
            g[i] = a.intValue() & 0xffff;
            a = a.shiftRight(16);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
