package kvmsh.hostnet;

import java.util.regex.Pattern;
import kvmsh.model.HostNames;

/**
 * Checks every name that ends up in an nft ruleset, a dnsmasq config or an {@code ip} argument.
 * The renderers accept only what passes here, so no value can smuggle in a quote, a newline or a
 * second statement.
 */
final class Names {

    private static final Pattern MAC = Pattern.compile("(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    // dnsmasq splits option values at ',' and treats '#' as a comment; keep paths plain.
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_./+@%:=-]*");

    private Names() {
    }

    static String network(String name) {
        if (!HostNames.isNetworkName(name)) {
            throw new HostNetworkException("network name '" + name + "' is not usable on the host: "
                    + HostNames.NETWORK_RULE);
        }
        return name;
    }

    static String ifname(String network, String ifname) {
        if (!isIfname(ifname)) {
            throw new HostNetworkException("network '" + network + "': interface name '" + ifname
                    + "' is not valid: " + HostNames.IFNAME_RULE);
        }
        return ifname;
    }

    /** True when {@code name} passes {@link #ifname}. */
    static boolean isIfname(String name) {
        return HostNames.isIfname(name);
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

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** A DNS domain of lowercase labels (what the resolver made of {@code domain}), checked before it becomes an option. */
    static String domain(String network, String domain) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new HostNetworkException("network '" + network + "': domain '" + domain + "' is not a DNS domain");
        }
        return domain;
    }

    static String path(String network, String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new HostNetworkException("network '" + network + "': path '" + path + "' cannot be written "
                    + "into a dnsmasq config: use an absolute path without spaces, ',' or '#'");
        }
        return path;
    }
}
