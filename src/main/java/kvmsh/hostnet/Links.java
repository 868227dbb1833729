package kvmsh.hostnet;

import groovy.json.JsonSlurper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kvmsh.host.CommandResult;
import kvmsh.host.CommandRunner;

/** Bridges, their ports and addresses through iproute2, reading its JSON output. */
final class Links {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Links.class);

    private final CommandRunner runner;

    Links(CommandRunner runner) {
        this.runner = runner;
    }

    /** Link {@code name} with its details and addresses (see {@link #table}), or empty when there is no such link. */
    Optional<Map<?, ?>> link(String name) {
        return table(name).link(name);
    }

    /**
     * The links {@code names} with their details and addresses, from one {@code ip} call (a batch
     * of {@code addr show dev NAME}): what a hook needs to know about the bridge, its addresses and
     * the tap, read at once instead of one call per question (qemu waits for the hook on every VM
     * start), and only those links, however many others the host has. A name that does not exist
     * is absent from the table.
     */
    Table table(String... names) {
        StringBuilder batch = new StringBuilder();
        for (String name : names) {
            batch.append("addr show dev ").append(name).append('\n');
        }
        CommandResult r = runner.run(List.of("ip", "-force", "-json", "-details", "-batch", "-"), batch.toString());
        Table table = new Table();
        // One JSON array per command that found its link.
        r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> json(l).forEach(o -> table.add((Map<?, ?>) o)));
        if (!r.ok()) {
            // A command of the batch failed: fine when it asked for a link that is not there (the
            // batch goes on past it), decided on the host's list of links rather than on ip's wording.
            // Only this path pays for the second call; a hook joining an up network never fails here.
            Set<String> present = allNames();
            if (Arrays.stream(names).anyMatch(n -> table.link(n).isEmpty() && present.contains(n))) {
                r.orThrow();
            }
        }
        return table;
    }

    /** The names of every link of the host (of this network namespace). */
    private Set<String> allNames() {
        return masters().keySet();
    }

    /** Every link of the host (of this network namespace), mapped to the bridge it is plugged into ("" when none), from one call. */
    Map<String, String> masters() {
        CommandResult r = runner.run("ip", "-json", "link", "show").orThrow();
        Map<String, String> links = new java.util.LinkedHashMap<>();
        for (Object o : json(r.stdout())) {
            Object master = ((Map<?, ?>) o).get("master");
            links.put(String.valueOf(((Map<?, ?>) o).get("ifname")), master == null ? "" : String.valueOf(master));
        }
        return links;
    }

    /** Links as {@link #table} read them at one moment. */
    static final class Table {

        private final Map<String, Map<?, ?>> byName = new java.util.LinkedHashMap<>();

        private void add(Map<?, ?> link) {
            byName.put(String.valueOf(link.get("ifname")), link);
        }

        Optional<Map<?, ?>> link(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        /** IPv4 addresses of {@code name} as {@code address/prefix}; empty when there is no such link. */
        List<String> ipv4Addresses(String name) {
            return link(name).map(l -> addresses(l, "inet")).orElse(List.of());
        }

        /** Global IPv6 addresses of {@code name} as {@code address/prefix} (not its link-local one). */
        List<String> ipv6Addresses(String name) {
            return link(name).map(l -> addresses(l, "inet6")).orElse(List.of());
        }
    }

    static boolean isBridge(Map<?, ?> link) {
        return "bridge".equals(linkInfo(link).get("info_kind"));
    }

    static String alias(Map<?, ?> link) {
        Object a = link.get("ifalias");
        return a == null ? "" : a.toString();
    }

    static boolean isUp(Map<?, ?> link) {
        Object flags = link.get("flags");
        return flags instanceof List<?> l && l.contains("UP");
    }

    static String master(Map<?, ?> link) {
        Object m = link.get("master");
        return m == null ? null : m.toString();
    }

    /** STP settings as the kernel holds them (not checked: another tool may have set anything). */
    record StpState(boolean stp, int forwardDelayCentis) {

        boolean matches(BridgeSettings want) {
            return stp == want.stp() && forwardDelayCentis == want.forwardDelayCentis();
        }
    }

    static StpState stpState(Map<?, ?> link) {
        Object data = linkInfo(link).get("info_data");
        Map<?, ?> d = data instanceof Map<?, ?> m ? m : Map.of();
        Object stp = d.get("stp_state");
        Object delay = d.get("forward_delay");
        return new StpState(stp instanceof Number n && n.intValue() != 0,
                delay instanceof Number n ? n.intValue() : -1);
    }

    void createBridge(String name, BridgeSettings s, String alias) {
        // A new bridge starts with STP off, and the kernel applies forward_delay before stp_state,
        // so this order is accepted for every valid BridgeSettings.
        runner.check("ip", "link", "add", "name", name, "type", "bridge",
                "forward_delay", String.valueOf(s.forwardDelayCentis()), "stp_state", s.stp() ? "1" : "0");
        runner.check("ip", "link", "set", "dev", name, "alias", alias);
    }

    /**
     * Changes STP settings of an existing bridge. The kernel checks a forward delay against the
     * STP state it has at that moment, so: turning STP on, set the delay first; turning it off,
     * switch STP off first (a delay of 0 is refused while STP is still on).
     */
    void configure(String name, BridgeSettings want) {
        List<String> delay = List.of("forward_delay", String.valueOf(want.forwardDelayCentis()));
        List<String> stp = List.of("stp_state", want.stp() ? "1" : "0");
        for (List<String> setting : want.stp() ? List.of(delay, stp) : List.of(stp, delay)) {
            List<String> cmd = new ArrayList<>(List.of("ip", "link", "set", "dev", name, "type", "bridge"));
            cmd.addAll(setting);
            runner.run(cmd).orThrow();
        }
    }

    /** IPv4 addresses of {@code link} (as {@link #table} reads it) as {@code address/prefix}. */
    static List<String> ipv4Of(Map<?, ?> link) {
        return addresses(link, "inet");
    }

    /** Addresses of {@code family} ({@code inet}, {@code inet6}) of {@code link}, but no link-local ones, as {@code address/prefix}. */
    static List<String> addresses(Map<?, ?> link, String family) {
        List<String> out = new ArrayList<>();
        if (link.get("addr_info") instanceof List<?> list) {
            for (Object i : list) {
                Map<?, ?> info = (Map<?, ?>) i;
                if (family.equals(info.get("family")) && !"link".equals(info.get("scope"))) {
                    out.add(info.get("local") + "/" + info.get("prefixlen"));
                }
            }
        }
        return out;
    }

    void addAddress(String name, String addressWithPrefix) {
        runner.check("ip", "addr", "add", addressWithPrefix, "dev", name);
    }

    /**
     * Adds an IPv6 address without duplicate address detection: the gateway's address is the
     * network's own, and dnsmasq can bind to it (and advertise from the bridge) at once instead of
     * after DAD's second or two.
     */
    void addAddress6(String name, String addressWithPrefix) {
        runner.check("ip", "-6", "addr", "add", addressWithPrefix, "dev", name, "nodad");
    }

    void deleteAddress(String name, String addressWithPrefix) {
        runner.check("ip", "addr", "del", addressWithPrefix, "dev", name);
    }

    void setUp(String name) {
        runner.check("ip", "link", "set", "dev", name, "up");
    }

    /** Deletes link {@code name}; one that is gone is fine. */
    void delete(String name) {
        new kvmsh.host.IpLinks(runner).delete(name);
    }

    /**
     * Deletes tap {@code name}, which kvmsh created: through {@code ip tuntap}, which deletes only
     * a tun/tap device, so a marker naming any other device cannot make kvmsh delete it. A tap
     * that is gone is fine.
     */
    void deleteTap(String name) {
        Optional<Map<?, ?>> link = link(name);
        if (link.isEmpty()) {
            return;
        }
        if (!"tun".equals(linkInfo(link.get()).get("info_kind"))) {
            LOG.warn("{} is marked as a tap kvmsh created, but it is no tap: left in place", name);
            return;
        }
        runner.check("ip", "tuntap", "del", "dev", name, "mode", "tap");
    }

    /** Interfaces plugged into {@code bridge}. */
    List<String> ports(String bridge) {
        CommandResult r = runner.run("ip", "-json", "link", "show", "master", bridge);
        if (!r.ok()) {
            if (!allNames().contains(bridge)) {
                return List.of(); // no bridge, no ports
            }
            r.orThrow();
        }
        List<String> out = new ArrayList<>();
        for (Object o : json(r.stdout())) {
            out.add(String.valueOf(((Map<?, ?>) o).get("ifname")));
        }
        return out;
    }

    void createTap(String tap) {
        runner.check("ip", "tuntap", "add", "dev", tap, "mode", "tap");
    }

    /** Plugs {@code ifname} into {@code bridge} and sets it up, in one call. */
    void plugUp(String ifname, String bridge) {
        runner.check("ip", "link", "set", "dev", ifname, "master", bridge, "up");
    }

    void unplug(String ifname) {
        runner.check("ip", "link", "set", "dev", ifname, "nomaster");
    }

    private static Map<?, ?> linkInfo(Map<?, ?> link) {
        Object info = link.get("linkinfo");
        return info instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> json(String text) {
        return text.isBlank() ? List.of() : (List<?>) new JsonSlurper().parseText(text);
    }
}
