package kvmsh.model;

import java.util.OptionalLong;

/**
 * IPv4 parsing for the network checks and the host network driver. Addresses become longs so ranges and "first free host
 * address" are plain arithmetic. Only dotted quads of decimal numbers are taken (no "10.1"
 * shorthand, no hex or octal, no masks): a parser that small is written here rather than taken from
 * a general address library, whose start-up cost a script with many networks paid on every run.
 */
public final class Ipv4 {

    /** A parsed subnet, or why it could not be parsed (then {@code problem}/{@code fix} are set). */
    public record Subnet(long network, int prefix, String problem, String fix) {

        public long broadcast() {
            return network + size() - 1;
        }

        public long size() {
            return 1L << (32 - prefix);
        }

        public boolean contains(long address) {
            return address >= network && address <= broadcast();
        }

        /** A usable host address: inside, and neither the network nor the broadcast address. */
        public boolean isHost(long address) {
            return address > network && address < broadcast();
        }

        public boolean overlaps(Subnet other) {
            return network <= other.broadcast() && other.network <= broadcast();
        }

        public String cidr() {
            return format(network) + "/" + prefix;
        }
    }

    private Ipv4() {
    }

    public static Subnet subnet(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        long value = slash < 0 ? -1 : quad(t.substring(0, slash));
        int prefix = slash < 0 ? -1 : number(t.substring(slash + 1), 32);
        if (value < 0 || prefix < 0) {
            return new Subnet(0, 0, "bad subnet '" + text + "'", "write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'");
        }
        long hostMask = (1L << (32 - prefix)) - 1;
        if ((value & hostMask) != 0) {
            return new Subnet(0, 0, "subnet '" + text + "' has host bits set",
                    "write '" + format(value & ~hostMask & 0xffffffffL) + "/" + prefix + "'");
        }
        if (prefix > 30) {
            return new Subnet(0, 0, "subnet '" + text + "' has no room for a gateway and guests",
                    "use a prefix of /30 or shorter, e.g. /24");
        }
        return new Subnet(value, prefix, null, null);
    }

    /** A single IPv4 address without prefix. */
    public static OptionalLong address(String text) {
        long value = quad(text.trim());
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    public static String format(long address) {
        return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255);
    }

    /** {@code a.b.c.d}, each 0 to 255 in decimal, as a number; -1 when it is not that. */
    private static long quad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            int octet = number(part, 255);
            if (octet < 0) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /** A decimal number of at most three digits, from 0 to {@code max}; -1 when it is not that. */
    static int number(String text, int max) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= max ? n : -1;
    }
}
