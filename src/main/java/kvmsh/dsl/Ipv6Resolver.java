package kvmsh.dsl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kvmsh.model.DhcpRange;
import kvmsh.model.Ipv6;
import kvmsh.model.Ipv6Def;
import kvmsh.model.Origin;
import kvmsh.model.StaticHost;

/**
 * The IPv6 half of {@link NetworkResolver}: the subnet ({@code ipv6 CIDR}, or the mode's own for an
 * IPv6-only network), its gateway, DHCPv6 range and the static hosts' {@code ip6:} addresses, with
 * the checks IPv4 has (syntax, prefix, range in the subnet, gateway placement, duplicates).
 */
final class Ipv6Resolver {

    private final Problems problems;

    Ipv6Resolver(Problems problems) {
        this.problems = problems;
    }

    /**
     * The IPv6 subnet of {@code s} declared by {@code subnet} (null: none), or null after reporting
     * why not. Each static host's {@code ip6:} is checked here; {@code hosts} get it canonical.
     */
    Ipv6Def resolve(NetworkSpec s, Located<String> subnet, List<StaticHost> hosts) {
        if (subnet == null) {
            refuseWithout(s, hosts);
            return null;
        }
        Ipv6.Subnet net = Ipv6.subnet(subnet.value());
        if (net.problem() != null) {
            problems.add(subnet.origin(), net.problem(), net.fix());
            return null;
        }
        DhcpRange dhcp = dhcp(s.dhcp6, net);
        Set<BigInteger> taken = ip6s(hosts, net);
        String gateway = gateway(s, net, dhcp, taken);
        if (gateway != null) {
            for (StaticHost h : hosts) {
                if (gateway.equals(h.ip6())) {
                    problems.add(h.origin(), "static host '" + h.name() + "' has the IPv6 gateway's address " + gateway,
                            "give it another address");
                }
            }
        }
        return new Ipv6Def(net.cidr(), gateway, net.prefix(), dhcp, subnet.origin());
    }

    /** Without an IPv6 subnet there is nothing for gateway6, dhcp6 and ip6: to be in. */
    private void refuseWithout(NetworkSpec s, List<StaticHost> hosts) {
        String fix = "add an IPv6 subnet, e.g. ipv6 'fd00:10::/64'";
        if (s.gateway6 != null) {
            problems.add(s.gateway6.origin(), "gateway6 needs an IPv6 subnet in network '" + s.name + "'", fix);
        }
        if (s.dhcp6 != null) {
            problems.add(s.dhcp6.origin(), "dhcp6 needs an IPv6 subnet in network '" + s.name + "'", fix);
        }
        for (StaticHost h : hosts) {
            if (h.ip6() != null) {
                problems.add(h.origin(), "static host '" + h.name() + "' has ip6: but network '" + s.name
                        + "' has no IPv6 subnet", fix);
            }
        }
    }

    private Optional<BigInteger> address(String text, Origin at, String what, String example) {
        Optional<BigInteger> a = Ipv6.address(text);
        if (a.isEmpty()) {
            problems.add(at, "bad " + what + " '" + text + "'", "write an IPv6 address like '" + example + "'");
        }
        return a;
    }

    private DhcpRange dhcp(DhcpRange range, Ipv6.Subnet net) {
        if (range == null) {
            return null;
        }
        Optional<BigInteger> start = Ipv6.address(range.start());
        Optional<BigInteger> end = Ipv6.address(range.end());
        if (start.isEmpty() || end.isEmpty()) {
            String bad = start.isEmpty() ? range.start() : range.end();
            problems.add(range.origin(), "bad DHCPv6 range address '" + bad + "'",
                    "write IPv6 addresses like '" + Ipv6.format(net.nth(0x100)) + "'");
            return null;
        }
        if (!net.isHost(start.get()) || !net.isHost(end.get())) {
            problems.add(range.origin(), "DHCPv6 range " + range.start() + ".." + range.end() + " is outside subnet "
                    + net.cidr(), "use addresses from " + Ipv6.format(net.nth(1)) + " to " + Ipv6.format(net.last()));
            return null;
        }
        if (start.get().compareTo(end.get()) > 0) {
            problems.add(range.origin(), "DHCPv6 range " + range.start() + ".." + range.end() + " is reversed",
                    "write '" + range.end() + "'..'" + range.start() + "'");
            return null;
        }
        return new DhcpRange(Ipv6.format(start.get()), Ipv6.format(end.get()), range.origin());
    }

    /** The static hosts' IPv6 addresses, checked and made canonical in {@code hosts}. */
    private Set<BigInteger> ip6s(List<StaticHost> hosts, Ipv6.Subnet net) {
        Set<BigInteger> seen = new HashSet<>();
        List<StaticHost> out = new ArrayList<>();
        for (StaticHost h : hosts) {
            if (h.ip6() == null) {
                out.add(h);
                continue;
            }
            Optional<BigInteger> a = address(h.ip6(), h.origin(), "IPv6 address", Ipv6.format(net.nth(10)));
            if (a.isEmpty()) {
                continue;
            }
            if (!net.isHost(a.get())) {
                problems.add(h.origin(), "static host '" + h.name() + "' address " + h.ip6() + " is outside subnet "
                        + net.cidr(), "use an address from " + Ipv6.format(net.nth(1)) + " to " + Ipv6.format(net.last()));
                continue;
            }
            if (!seen.add(a.get())) {
                problems.add(h.origin(), "address " + h.ip6() + " is reserved twice in this network",
                        "give each static host its own address");
            }
            out.add(new StaticHost(h.name(), h.mac(), h.ip(), Ipv6.format(a.get()), h.origin()));
        }
        hosts.clear();
        hosts.addAll(out);
        return seen;
    }

    private String gateway(NetworkSpec s, Ipv6.Subnet net, DhcpRange dhcp, Set<BigInteger> taken) {
        BigInteger dhcpStart = dhcp == null ? null : Ipv6.address(dhcp.start()).orElseThrow();
        BigInteger dhcpEnd = dhcp == null ? null : Ipv6.address(dhcp.end()).orElseThrow();
        if (s.gateway6 != null) {
            Origin at = s.gateway6.origin();
            Optional<BigInteger> gw = address(s.gateway6.value(), at, "IPv6 gateway address", Ipv6.format(net.nth(1)));
            if (gw.isEmpty()) {
                return null;
            }
            BigInteger g = gw.get();
            if (!net.contains(g)) {
                problems.add(at, "gateway6 " + s.gateway6.value() + " is outside subnet " + net.cidr(),
                        "use an address inside it, e.g. " + Ipv6.format(net.nth(1)));
                return null;
            }
            if (g.equals(net.network())) {
                problems.add(at, "gateway6 " + s.gateway6.value() + " is the subnet-router anycast address of "
                        + net.cidr(), "use a host address, e.g. " + Ipv6.format(net.nth(1)));
                return null;
            }
            if (dhcp != null && g.compareTo(dhcpStart) >= 0 && g.compareTo(dhcpEnd) <= 0) {
                problems.add(at, "gateway6 " + s.gateway6.value() + " is inside the DHCPv6 range " + dhcp.start() + ".."
                        + dhcp.end(), "move the gateway or the range so they do not meet");
                return null;
            }
            return Ipv6.format(g);
        }
        // The first address that is free: a DHCPv6 range and the static hosts are bounded, so this ends soon.
        for (BigInteger a = net.nth(1); net.contains(a); a = a.add(BigInteger.ONE)) {
            boolean inRange = dhcp != null && a.compareTo(dhcpStart) >= 0 && a.compareTo(dhcpEnd) <= 0;
            if (inRange) {
                a = dhcpEnd;
            } else if (!taken.contains(a)) {
                return Ipv6.format(a);
            }
        }
        problems.add(s.origin, "network '" + s.name + "' has no free IPv6 address for the gateway",
                "shrink the DHCPv6 range or set gateway6 explicitly");
        return null;
    }
}
