package kvmsh.hostnet;

import java.util.regex.Pattern;

/**
 * Checks every name that ends up in an nft ruleset, a dnsmasq config or an {@code ip} argument.
 * The renderers accept only what passes here, so no value can smuggle in a quote, a newline or a
 * second statement.
 */
final class Names {

    // nft identifiers (chain names are "<kind>_<network>") allow letters, digits, '_', '.', '-'.
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    // The kernel's dev_valid_name() is laxer; this is the subset that is safe unquoted everywhere.
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern MAC = Pattern.compile("(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    // dnsmasq splits option values at ',' and treats '#' as a comment; keep paths plain.
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_./+@%:=-]*");

    private Names() {
    }

    static String network(String name) {
        if (name == null || !NETWORK.matcher(name).matches()) {
            throw new HostNetworkException("network name '" + name + "' is not usable on the host: use letters, "
                    + "digits, '_', '.', '-' (at most 64, starting with a letter or digit)");
        }
        return name;
    }

    static String ifname(String network, String ifname) {
        if (ifname == null || !IFNAME.matcher(ifname).matches() || ifname.equals(".") || ifname.equals("..")) {
            throw new HostNetworkException("network '" + network + "': interface name '" + ifname
                    + "' is not valid: use at most 15 letters, digits, '_', '.', '-'");
        }
        return ifname;
    }

    static String mac(String network, String mac) {
        if (mac == null || !MAC.matcher(mac).matches()) {
            throw new HostNetworkException("network '" + network + "': '" + mac + "' is not a MAC address");
        }
        return mac.toLowerCase();
    }

    static String hostname(String network, String name) {
        if (name == null || !HOSTNAME.matcher(name).matches()) {
            throw new HostNetworkException("network '" + network + "': static host name '" + name
                    + "' is not a valid host name label");
        }
        return name;
    }

    static String path(String network, String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new HostNetworkException("network '" + network + "': path '" + path + "' cannot be written "
                    + "into a dnsmasq config: use an absolute path without spaces, ',' or '#'");
        }
        return path;
    }
}
