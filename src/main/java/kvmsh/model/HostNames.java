package kvmsh.model;

import java.util.regex.Pattern;

/**
 * The names kvmsh hands to the host's own tools ({@code ip}, {@code nft}, dnsmasq) when it runs a
 * network itself: the subset that is safe unquoted everywhere and cannot be read as an option. One
 * place, used by the DSL (a located error at plan time) and by the host network driver (which
 * refuses anything else before it runs a command).
 */
public final class HostNames {

    // nft identifiers (chain names are "<kind>_<network>") allow letters, digits, '_', '.', '-'.
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    // The kernel's dev_valid_name() is laxer; a leading '-' would be an option to ip.
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");

    /** How a usable network name looks, for messages. */
    public static final String NETWORK_RULE = "use letters, digits, '_', '.', '-' (at most 64, starting with a letter or digit)";
    /** How a usable interface name looks, for messages. */
    public static final String IFNAME_RULE = "use at most 15 letters, digits, '_', '.', '-', starting with a letter or digit";

    private HostNames() {
    }

    /** True when the host network driver can name chains, directories and locks after {@code name}. */
    public static boolean isNetworkName(String name) {
        return name != null && NETWORK.matcher(name).matches();
    }

    /** True when {@code name} is an interface name the host network driver passes to {@code ip}. */
    public static boolean isIfname(String name) {
        return name != null && IFNAME.matcher(name).matches();
    }
}
