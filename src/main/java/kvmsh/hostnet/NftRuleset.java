package kvmsh.hostnet;

import java.util.ArrayList;
import java.util.List;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.PortForward;

/**
 * Renders the nftables script of one network, loaded atomically with {@code nft -f -}.
 * <p>
 * kvmsh owns one table, {@code table inet kvmsh}: both address families, so what these rules do
 * not accept is dropped for IPv6 as well (a guest's IPv6 is never routed through a host-only bridge,
 * nor leaves a NAT network un-NATed). Each network owns the chains named after it
 * ({@code postrouting_<net>}, {@code forward_<net>}, {@code input_<net>}, and for a NAT network with
 * {@code forward}s {@code prerouting_<net>} and {@code output_<net>}). A script first deletes all of this network's
 * chains (add-flush-delete, so it works whether they exist or not), then adds the ones its mode
 * needs, in one transaction: the old rules are replaced with no gap, and other networks' chains and
 * everybody else's tables are never named. Our chains only accept or drop what concerns our bridge;
 * an {@code accept} here cannot override a {@code drop} in someone else's chain on the same hook
 * (Docker's, a firewall's) — that policy is theirs.
 */
public final class NftRuleset {

    /** The address family of our table: IPv4 and IPv6. */
    public static final String FAMILY = "inet";
    /** The family of the table kvmsh used before it covered IPv6; migrated away from (see {@link NftTable}). */
    public static final String LEGACY_FAMILY = "ip";
    /** The name of our table. */
    public static final String TABLE = "kvmsh";

    private NftRuleset() {
    }

    /** Names of every chain network {@code name} may own, whatever its mode. */
    public static List<String> chains(String name) {
        String n = Names.network(name);
        return List.of("postrouting_" + n, "forward_" + n, "input_" + n, "prerouting_" + n, "output_" + n);
    }

    /** The script that replaces the rules of {@code def}; none for a bridged network. */
    public static String render(NetworkDef def) {
        String name = Names.network(def.name());
        if (def.mode() == NetworkMode.BRIDGE) {
            throw new HostNetworkException("network '" + name + "' joins bridge " + def.bridge()
                    + ": kvmsh adds no nft rules for a bridged network");
        }
        String br = '"' + Names.ifname(name, def.bridge()) + '"';
        if (!def.hasAddress()) {
            return guestsOnly(name, br);
        }
        Subnet subnet = Subnet.ofOptional(def);
        Subnet6 subnet6 = Subnet6.of(def);
        List<Family> families = new ArrayList<>();
        if (subnet != null) {
            families.add(new Family("ip", subnet.cidrText(), subnet.gatewayText(), "224.0.0.0/24", "255.255.255.255",
                    "{ 53, 67, 69 }"));
        }
        if (subnet6 != null) {
            // DHCPv6 is port 547; IPv6 has no broadcast, and multicast is ff00::/8.
            families.add(new Family("ip6", subnet6.cidrText(), subnet6.gatewayText(), "ff00::/8", null, "{ 53, 69, 547 }"));
        }

        List<String> out = header(name, def.mode().keyword());
        out.add("table " + FAMILY + " " + TABLE + " {");
        if (def.mode() == NetworkMode.NAT) {
            List<String> nat = new ArrayList<>();
            for (Family f : families) {
                // Multicast and broadcast never leave the subnet: libvirt skips them too. IPv6 is NAT66.
                nat.add(f.match("saddr", f.net) + " " + f.match("daddr", f.multicast) + " return");
                if (f.broadcast != null) {
                    nat.add(f.match("saddr", f.net) + " " + f.match("daddr", f.broadcast) + " return");
                }
                nat.add(f.match("saddr", f.net) + " " + f.key + " daddr != " + f.net + " masquerade");
            }
            chain(out, "postrouting_" + name, "type nat hook postrouting priority srcnat; policy accept;", nat);
            if (!def.forwards().isEmpty() && subnet != null) {
                portForwards(out, name, br, def.forwards());
            }
        }
        List<String> forward = new ArrayList<>();
        forward.add(betweenGuests(br));
        for (Family f : families) {
            switch (def.mode()) {
                case NAT -> {
                    forward.add("iifname " + br + " " + f.match("saddr", f.net) + " accept");
                    forward.add("oifname " + br + " " + f.match("daddr", f.net) + " ct state established,related accept");
                    if (!def.forwards().isEmpty() && f.key.equals("ip")) {
                        // New connections the prerouting/output chains sent to a guest's port: the only way in.
                        forward.add("oifname " + br + " " + f.match("daddr", f.net) + " ct status dnat accept");
                    }
                }
                case ROUTED -> {
                    forward.add("iifname " + br + " " + f.match("saddr", f.net) + " accept");
                    forward.add("oifname " + br + " " + f.match("daddr", f.net) + " accept");
                }
                case ISOLATED -> { /* host-only: nothing is forwarded in or out */ }
                default -> throw new IllegalStateException("unexpected mode " + def.mode());
            }
        }
        // Whatever was not accepted above (spoofed sources, new connections into a NAT subnet,
        // anything at all for a host-only network) must not be routed through our bridge.
        forward.add("iifname " + br + " drop");
        forward.add("oifname " + br + " drop");
        chain(out, "forward_" + name, "type filter hook forward priority filter; policy accept;", forward);
        // The gateway's DNS, DHCP and TFTP are for this bridge's guests: not for the LAN, nor for
        // another network's guests, whom the host would otherwise answer on this address too.
        List<String> input = new ArrayList<>();
        for (Family f : families) {
            input.add("iifname != " + br + " " + f.match("daddr", f.gateway) + " udp dport " + f.udpPorts + " drop");
            input.add("iifname != " + br + " " + f.match("daddr", f.gateway) + " tcp dport 53 drop");
        }
        chain(out, "input_" + name, "type filter hook input priority filter; policy accept;", input);
        out.add("}");
        return String.join("\n", out) + "\n";
    }

    /**
     * The DNAT of a NAT network's {@code forward}s: connections to a port on one of the host's own
     * addresses ({@code fib daddr type local}) go to the guest's address and port; arriving from
     * outside (prerouting: the LAN, other networks) and from the host itself (output; not to
     * loopback, which cannot be routed to a guest). Not from the network's own bridge: its guests
     * would get answers from the guest directly, not through the host (no hairpin NAT).
     */
    private static void portForwards(List<String> out, String name, String br, List<PortForward> forwards) {
        List<String> pre = new ArrayList<>();
        List<String> local = new ArrayList<>();
        for (PortForward f : forwards) {
            String dnat = f.proto() + " dport " + f.port() + " dnat ip to " + f.address() + ":" + f.toPort();
            pre.add("iifname != " + br + " meta nfproto ipv4 fib daddr type local " + dnat);
            local.add("ip daddr != 127.0.0.0/8 fib daddr type local " + dnat);
        }
        chain(out, "prerouting_" + name, "type nat hook prerouting priority dstnat; policy accept;", pre);
        // nft takes no "dstnat" keyword on the output hook: -100 is its value.
        chain(out, "output_" + name, "type nat hook output priority -100; policy accept;", local);
    }

    /**
     * What the rules of one address family of a network match on.
     *
     * @param key       nft's payload keyword: {@code ip} or {@code ip6}
     * @param net       the subnet
     * @param gateway   the host's address on it
     * @param multicast multicast that stays on the subnet
     * @param broadcast the limited broadcast address, or null (IPv6 has none)
     * @param udpPorts  the gateway's UDP services (DNS, DHCP, TFTP)
     */
    private record Family(String key, String net, String gateway, String multicast, String broadcast, String udpPorts) {

        String match(String field, String value) {
            return key + " " + field + " " + value;
        }
    }

    /**
     * Guests on the bridge reach each other (bridged frames never pass these hooks) and nothing
     * else: nothing is routed through the bridge, and nothing arriving on it reaches the host —
     * without an address of its own the host would still answer for its other addresses.
     */
    private static String guestsOnly(String name, String br) {
        List<String> out = header(name, "isolated, no host address");
        out.add("table " + FAMILY + " " + TABLE + " {");
        chain(out, "forward_" + name, "type filter hook forward priority filter; policy accept;",
                List.of(betweenGuests(br), "iifname " + br + " drop", "oifname " + br + " drop"));
        chain(out, "input_" + name, "type filter hook input priority filter; policy accept;",
                List.of("iifname " + br + " drop"));
        out.add("}");
        return String.join("\n", out) + "\n";
    }

    /**
     * Guest to guest on the same bridge. Bridged frames skip the IP hooks unless br_netfilter is
     * loaded (Docker, some sandboxes load it); then they pass {@code forward} with our bridge as
     * both interfaces and the drops below would cut guests off from each other. libvirt accepts
     * the same first.
     */
    private static String betweenGuests(String br) {
        return "iifname " + br + " oifname " + br + " accept";
    }

    /** The script that deletes every chain of network {@code name} (and nothing else). */
    public static String remove(String name) {
        return String.join("\n", header(Names.network(name), null)) + "\n";
    }

    /** The script that deletes network {@code name}'s chains from the legacy {@code table ip kvmsh}. */
    public static String removeLegacy(String name) {
        List<String> out = new ArrayList<>();
        out.add("# kvmsh network '" + Names.network(name) + "': its chains move to table " + FAMILY + " " + TABLE);
        deleteChains(out, LEGACY_FAMILY, Names.network(name));
        return String.join("\n", out) + "\n";
    }

    /** The script that deletes our table once no network has chains left in it. */
    public static String removeTable() {
        return removeTable(FAMILY);
    }

    /** The script that deletes kvmsh's table of {@code family} ({@link #FAMILY} or {@link #LEGACY_FAMILY}). */
    public static String removeTable(String family) {
        return "delete table " + family + " " + TABLE + "\n";
    }

    private static List<String> header(String name, String mode) {
        List<String> out = new ArrayList<>();
        out.add("# kvmsh network '" + name + "'" + (mode == null ? ": remove its chains" : " (" + mode + ")")
                + "; one transaction, touching only this network's chains in table " + FAMILY + " " + TABLE);
        deleteChains(out, FAMILY, name);
        return out;
    }

    private static void deleteChains(List<String> out, String family, String name) {
        out.add("add table " + family + " " + TABLE);
        for (String chain : chains(name)) {
            // add + flush + delete: deleting needs the chain to exist and to be empty.
            out.add("add chain " + family + " " + TABLE + " " + chain);
            out.add("flush chain " + family + " " + TABLE + " " + chain);
            out.add("delete chain " + family + " " + TABLE + " " + chain);
        }
    }

    private static void chain(List<String> out, String chain, String base, List<String> rules) {
        out.add("\tchain " + chain + " {");
        out.add("\t\t" + base);
        rules.forEach(r -> out.add("\t\t" + r));
        out.add("\t}");
    }
}
