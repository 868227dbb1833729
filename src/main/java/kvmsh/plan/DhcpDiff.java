package kvmsh.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import kvmsh.model.DhcpRange;
import kvmsh.model.NetworkDef;
import kvmsh.model.StaticHost;

/** The difference between a network's DHCP settings on the host and in the script. */
public record DhcpDiff(DhcpRange oldRange, DhcpRange newRange, List<StaticHost> removedHosts,
                       List<StaticHost> addedHosts) {

    /** Only IPv4 reservations: those with an IPv6 address only are in the network's digest (see {@link Digester#ipv6Hosts}). */
    public static DhcpDiff between(NetworkState actual, NetworkDef desired) {
        List<StaticHost> desiredHosts = desired.hosts().stream().filter(h -> h.ip() != null).toList();
        Set<String> wanted = desiredHosts.stream().map(DhcpDiff::key).collect(Collectors.toSet());
        List<StaticHost> actualHosts = actual.hosts().stream().filter(h -> h.ip() != null).toList();
        Set<String> have = actualHosts.stream().map(DhcpDiff::key).collect(Collectors.toSet());
        List<StaticHost> removed = new ArrayList<>();
        for (StaticHost h : actualHosts) {
            if (!wanted.contains(key(h))) {
                removed.add(h);
            }
        }
        List<StaticHost> added = new ArrayList<>();
        for (StaticHost h : desiredHosts) {
            if (!have.contains(key(h))) {
                added.add(h);
            }
        }
        return new DhcpDiff(actual.dhcp(), desired.dhcp(), removed, added);
    }

    public boolean rangeChanged() {
        return !sameRange(oldRange, newRange);
    }

    static boolean sameRange(DhcpRange a, DhcpRange b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.start().equals(b.start()) && a.end().equals(b.end());
    }

    static String summary(NetworkState actual, NetworkDef desired) {
        DhcpDiff d = between(actual, desired);
        List<String> parts = new ArrayList<>();
        if (d.rangeChanged()) {
            parts.add("range " + text(d.oldRange) + " → " + text(d.newRange));
        }
        d.addedHosts.forEach(h -> parts.add("+host " + h.name() + " " + h.ip()));
        d.removedHosts.forEach(h -> parts.add("-host " + h.name() + " " + h.ip()));
        return parts.isEmpty() ? "metadata" : String.join(", ", parts);
    }

    private static String text(DhcpRange r) {
        return r == null ? "none" : r.start() + ".." + r.end();
    }

    private static String key(StaticHost h) {
        return Objects.toString(h.name()) + "|" + h.mac() + "|" + h.ip();
    }
}
