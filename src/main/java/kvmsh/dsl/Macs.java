package kvmsh.dsl;

import java.util.Locale;
import java.util.regex.Pattern;

/** MAC address checks shared by {@code nic mac:} and {@code host mac:}. */
final class Macs {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private Macs() {
    }

    static String normalize(String mac) {
        return mac.trim().toLowerCase(Locale.ROOT);
    }

    /** Null when {@code mac} is a usable unicast MAC, else what is wrong with it. */
    static String problem(String mac) {
        String m = normalize(mac);
        if (!MAC.matcher(m).matches()) {
            return "malformed MAC address '" + mac + "'";
        }
        if ((Integer.parseInt(m.substring(0, 2), 16) & 1) == 1) {
            return "MAC address '" + mac + "' is multicast (first octet is odd)";
        }
        return null;
    }

    static final String FIX = "use six hex pairs with an even first octet, e.g. '52:54:00:12:34:56'";
}
