package kvmsh.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.NicDef;
import kvmsh.model.Origin;
import kvmsh.model.PortForward;
import kvmsh.model.StaticHost;
import kvmsh.model.VmDef;

/**
 * Resolves the {@code forward} statements of every network once the VMs are known: each target
 * to the fixed IPv4 address DNAT needs (a static host of the network by name, or a VM whose NIC on
 * the network has a static host's MAC), and checks what only the whole script shows — the network
 * a NAT one, and no host port forwarded twice on one host (also from two networks). All problems
 * are reported, each at its {@code forward}.
 */
final class ForwardResolver {

    private final Problems problems;

    ForwardResolver(Problems problems) {
        this.problems = problems;
    }

    /** The networks with their forwards resolved (a network whose forwards have problems keeps the good ones). */
    List<CrossChecks.Network> resolve(List<CrossChecks.Network> networks, List<VmDef> vms) {
        Map<String, VmDef> byName = new HashMap<>();
        vms.stream().filter(v -> v != null).forEach(v -> byName.putIfAbsent(v.name(), v));
        List<CrossChecks.Network> out = new ArrayList<>();
        // Host ports already taken: "tcp 2222" → where, with the hypervisors of its network (null: the script's one host).
        List<Taken> taken = new ArrayList<>();
        for (CrossChecks.Network n : networks) {
            if (n.def() == null || n.spec().forwards.isEmpty()) {
                out.add(n);
                continue;
            }
            List<PortForward> resolved = new ArrayList<>();
            for (Located<NetworkSpec.Forward> f : n.spec().forwards) {
                PortForward p = resolve(n.def(), f, byName);
                List<String> on = n.spec().placedOn == null ? null : n.spec().placedOn.value();
                Optional<Taken> clash = taken.stream()
                        .filter(t -> t.hostPort.equals(f.value().proto() + " " + f.value().port()) && overlap(t.on, on))
                        .findFirst();
                if (clash.isPresent()) {
                    problems.add(f.origin(), "forward " + f.value().proto() + " " + f.value().port()
                                    + " is declared twice on " + (on == null ? "this host" : "hypervisor " + shared(clash.get().on, on))
                                    + " (first at " + clash.get().at.line() + ":" + clash.get().at.column() + "): a host port reaches one guest",
                            "choose another host port for one of them");
                    continue;
                }
                taken.add(new Taken(f.value().proto() + " " + f.value().port(), on, f.origin()));
                if (p != null) {
                    resolved.add(p);
                }
            }
            if (!resolved.isEmpty() && n.def().driver() != NetworkDef.Driver.HOST) {
                // A libvirt network's forwards are kvmsh's nft chains, named after it and its bridge.
                new NetworkResolver(problems).checkHostNames(n.def().name(), n.def().bridge(), n.spec().origin);
            }
            out.add(new CrossChecks.Network(n.spec(), n.def().withForwards(resolved)));
        }
        return out;
    }

    private record Taken(String hostPort, List<String> on, Origin at) {
    }

    private static boolean overlap(List<String> a, List<String> b) {
        return a == null || b == null || a.stream().anyMatch(b::contains);
    }

    private static String shared(List<String> a, List<String> b) {
        return a == null ? b.get(0) : b == null ? a.get(0) : a.stream().filter(b::contains).findFirst().orElse("?");
    }

    private PortForward resolve(NetworkDef net, Located<NetworkSpec.Forward> at, Map<String, VmDef> vms) {
        NetworkSpec.Forward f = at.value();
        if (net.mode() != NetworkMode.NAT) {
            String why = switch (net.mode()) {
                case ROUTED -> "a routed network's guests are reached at their own addresses, through the host's routes";
                case BRIDGE -> "a bridged network's guests are on the LAN themselves";
                default -> "a host-only network forwards nothing in or out";
            };
            problems.add(at.origin(), "forward needs a nat network, and network '" + net.name() + "' is "
                    + (net.mode() == NetworkMode.BRIDGE ? "bridged" : net.mode().keyword()) + ": " + why, "remove the forward, or make the network nat");
            return null;
        }
        if (net.cidr() == null) {
            problems.add(at.origin(), "forward needs the network's IPv4 subnet, and network '" + net.name()
                    + "' is IPv6 only: kvmsh forwards IPv4 ports", "give the network an IPv4 subnet, e.g. nat '10.0.0.0/24'");
            return null;
        }
        String name = f.target();
        Optional<StaticHost> host = net.hosts().stream().filter(h -> h.name().equals(name)).findFirst();
        VmDef vm = vms.get(name);
        if (host.isEmpty() && vm != null) {
            List<NicDef> nics = vm.nics().stream().filter(n -> net.name().equals(n.network())).toList();
            if (nics.isEmpty()) {
                problems.add(at.origin(), "forward to vm '" + name + "', which has no nic on network '" + net.name() + "'",
                        "give it one (nic network: '" + net.name() + "'), or forward in the block of its network");
                return null;
            }
            host = net.hosts().stream().filter(h -> nics.stream().anyMatch(n -> h.mac().equals(n.mac()))).findFirst();
            if (host.isEmpty()) {
                String mac = nics.get(0).mac();
                problems.add(at.origin(), "forward to vm '" + name + "' needs its fixed address on network '" + net.name()
                                + "', and no static host there has " + (mac == null ? "its nic's MAC (it has none set)" : "its MAC " + mac),
                        "add host '" + name + "', mac: '" + (mac == null ? "52:54:00:…" : mac) + "', ip: … to the network"
                                + (mac == null ? " and give the nic that mac:" : ""));
                return null;
            }
        }
        if (host.isEmpty()) {
            problems.add(at.origin(), "forward to '" + name + "': network '" + net.name()
                            + "' has no static host and the script no vm of that name",
                    Keywords.nearest(name, candidates(net, vms)).map(c -> "did you mean '" + c + "'? ").orElse("")
                            + "name a vm with a nic on '" + net.name() + "' or a host of its block");
            return null;
        }
        if (host.get().ip() == null) {
            problems.add(at.origin(), "forward to '" + name + "': its static host has no IPv4 address (ip:), and kvmsh"
                    + " forwards IPv4 ports", "give host '" + host.get().name() + "' an ip:");
            return null;
        }
        return new PortForward(f.proto(), f.port(), name, f.toPort(), host.get().ip(), at.origin());
    }

    private static List<String> candidates(NetworkDef net, Map<String, VmDef> vms) {
        List<String> names = new ArrayList<>(net.hosts().stream().map(StaticHost::name).toList());
        vms.values().stream().filter(v -> v.nics().stream().anyMatch(n -> net.name().equals(n.network())))
                .forEach(v -> names.add(v.name()));
        return names;
    }
}
