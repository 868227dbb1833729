package kvmsh.dsl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The kernel command line of kvmsh's test guest from the options of {@code guest} (see its /init). */
final class GuestCmdline {

    private GuestCmdline() {
    }

    /** The command line, or null after reporting a problem on {@code spec}. */
    static String of(Map<String, ?> options, BlockSpec spec) {
        List<String> args = new ArrayList<>(List.of("console=ttyS0", "panic=-1", "loglevel=4"));
        for (String list : List.of("ping", "reach", "count")) {
            Object value = options.get(list);
            if (value != null) {
                List<String> addresses = new ArrayList<>();
                if (value instanceof Collection<?> c) {
                    c.forEach(a -> addresses.add(String.valueOf(a)));
                } else {
                    addresses.add(String.valueOf(value));
                }
                args.add("kvmsh." + list + "=" + String.join(",", addresses));
            }
        }
        if (options.get("show") != null) {
            if (!"block".equals(String.valueOf(options.get("show")))) {
                spec.problem("guest show: knows only 'block'", "e.g. guest show: 'block'");
                return null;
            }
            args.add("kvmsh.show=block");
        }
        Object wait = options.get("wait");
        if (wait != null) {
            if (!(wait instanceof Number n) || n.intValue() < 0) {
                spec.problem("guest wait: expects a number of seconds, got '" + wait + "'", "e.g. guest wait: 20");
                return null;
            }
            args.add("kvmsh.wait=" + n.intValue());
        }
        if (Boolean.TRUE.equals(options.get("stay"))) {
            args.add("kvmsh.stay=1");
        }
        if (Boolean.TRUE.equals(options.get("ipv6"))) {
            args.add("kvmsh.ipv6=1");
        }
        Object serve = options.get("serve");
        if (serve != null) {
            if (!(serve instanceof Number n) || n.intValue() < 1 || n.intValue() > 65535) {
                spec.problem("guest serve: expects a port from 1 to 65535, got '" + serve + "'", "e.g. guest serve: 80");
                return null;
            }
            args.add("kvmsh.serve=" + n.intValue());
        }
        // Its DHCP request carries the VM's name, so the network's DNS answers for it.
        if (spec.name != null && spec.name.matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            args.add("kvmsh.name=" + spec.name);
        }
        return String.join(" ", args);
    }
}
