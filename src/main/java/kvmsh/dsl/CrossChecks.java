package kvmsh.dsl;

import kvmsh.model.Ipv4;
import kvmsh.model.Ipv6;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kvmsh.model.NetworkDef;
import kvmsh.model.NicDef;
import kvmsh.model.OpDef;
import kvmsh.model.Origin;
import kvmsh.model.VmDef;

/**
 * Checks that span declarations: duplicate names, bridges, MACs and taps, overlapping subnets, and
 * references to networks that are neither declared nor on the host.
 */
final class CrossChecks {

    /** A network spec with its resolved definition (null when it did not resolve). */
    record Network(NetworkSpec spec, NetworkDef def) {
    }

    private final Problems problems;
    private final ValidationEnv env;

    CrossChecks(Problems problems, ValidationEnv env) {
        this.problems = problems;
        this.env = env;
    }

    void check(List<Network> networks, List<VmDef> vms, List<OpDef> ops) {
        Map<String, Origin> networkNames = new HashMap<>();
        for (Network n : networks) {
            duplicate(networkNames, n.spec().name, n.spec().origin, "network '" + n.spec().name + "' is declared twice",
                    "rename or remove one of them");
        }
        Map<String, Origin> vmNames = new HashMap<>();
        for (VmDef vm : vms) {
            duplicate(vmNames, vm.name(), vm.origin(), "vm '" + vm.name() + "' is declared twice",
                    "rename or remove one of them");
        }
        bridgesAndSubnets(networks);
        Map<String, Origin> macs = new HashMap<>();
        Map<String, Origin> taps = new HashMap<>();
        Set<String> declared = new LinkedHashSet<>();
        networks.forEach(n -> declared.add(n.spec().name));
        for (VmDef vm : vms) {
            for (NicDef nic : vm.nics()) {
                if (nic.mac() != null) {
                    duplicate(macs, nic.mac(), nic.origin(), "MAC " + nic.mac() + " is used twice",
                            "give each NIC its own MAC, or leave mac: out to let libvirt pick one");
                }
                if (nic.tap() != null) {
                    duplicate(taps, nic.tap(), nic.origin(), "tap '" + nic.tap() + "' is used twice",
                            "give each NIC its own tap");
                }
                if (nic.network() != null) {
                    networkRef(nic.network(), nic.origin(), declared);
                }
            }
        }
        hostDriven(networks, vms, ops);
        Map<String, VmDef> declaredVms = new HashMap<>();
        vms.forEach(vm -> declaredVms.putIfAbsent(vm.name(), vm));
        for (OpDef op : ops) {
            int before = problems.count();
            if (op.verb() == OpDef.Verb.LEASES) {
                networkRef(op.target(), op.origin(), declared);
            } else if (op.verb() == OpDef.Verb.MOVE_NIC && op.options().containsKey("to")) {
                networkRef(op.options().get("to"), op.origin(), declared);
            }
            if (actsOnVm(op)) {
                vmRef(op, declaredVms);
            }
            if (op.verb().afterStart() && problems.count() == before) {
                loginKnown(op, declaredVms.get(op.target()));
            }
            // Once per statement: one whose target is unknown has its problem already.
            if (problems.count() == before) {
                env.cannotServe(op.verb()).ifPresent(why -> problems.add(op.origin(), op.verb().keyword()
                    + " cannot work on this host: " + why, "remove the statement, or run the script on a host "
                    + "whose libvirt serves it (qemu:///system; -c sandbox to try one)"));
            }
        }
    }

    /**
     * {@code waitForSsh} and {@code ssh} log in as {@code user:} or the VM's first cloud-init user: a declared
     * VM with neither is an error here (a VM only on the host is asked for the user kvmsh recorded, at the run).
     */
    private void loginKnown(OpDef op, VmDef vm) {
        if (vm == null || op.options().containsKey("user")
                || vm.cloudInit() != null && kvmsh.cloudinit.CloudConfig.login(vm.cloudInit()) != null) {
            return;
        }
        problems.add(op.origin(), op.verb().keyword() + " '" + vm.name() + "': vm " + vm.name() + " has no cloud-init user"
                + " to log in as", "add user: 'NAME' here, or a user to its cloudInit block (user 'admin', sshKey: '~/.ssh/id_ed25519.pub')");
    }

    /** Statements whose target is a VM: all but list, leases, every-VM watch and a tap's attach/detach. */
    private static boolean actsOnVm(OpDef op) {
        return switch (op.verb()) {
            case LIST, LEASES, EVACUATE -> false;
            case WATCH -> op.target() != null;
            case MOVE_NIC -> op.options().containsKey("nic") || op.options().containsKey("mac");
            default -> true;
        };
    }

    /** A statement's VM is declared by the script or on the host; a NIC it names by index exists. */
    private void vmRef(OpDef op, Map<String, VmDef> declared) {
        VmDef vm = declared.get(op.target());
        if (vm == null && !env.vmExists(op.target())) {
            String fix = Keywords.nearest(op.target(), declared.keySet()).map(n -> "did you mean '" + n + "'?")
                    .orElse("declare it with vm '" + op.target() + "' { … }, or name a vm on the host");
            problems.add(op.origin(), "unknown vm '" + op.target() + "': the script does not declare it and the host "
                    + "has none of that name", fix);
            return;
        }
        String nic = op.options().get("nic");
        if (vm != null && nic != null && Long.parseLong(nic) >= vm.nics().size()) {
            problems.add(op.origin(), "vm '" + vm.name() + "' has no NIC " + nic + " (it declares " + vm.nics().size()
                    + (vm.nics().size() == 1 ? " NIC" : " NICs") + ", counted from 0)", vm.nics().isEmpty()
                    ? "add a nic to the vm first" : vm.nics().size() == 1 ? "use nic: 0, or mac:"
                    : "use nic: 0 to " + (vm.nics().size() - 1) + ", or mac:");
        }
    }

    /**
     * A {@code driver 'host'} network is kvmsh's, on this machine, without libvirt: a script holding
     * one serves hooks and taps, not libvirt's VMs or their statements.
     */
    private void hostDriven(List<Network> networks, List<VmDef> vms, List<OpDef> ops) {
        boolean libvirtWork = !vms.isEmpty() || ops.stream().anyMatch(o -> o.verb() != OpDef.Verb.MOVE_NIC);
        if (!libvirtWork) {
            return;
        }
        for (Network n : networks) {
            if (n.def() != null && n.def().driver() == kvmsh.model.NetworkDef.Driver.HOST) {
                problems.add(n.spec().driver.origin(), "network '" + n.spec().name + "' uses driver 'host', but this "
                                + "script also has " + (vms.isEmpty() ? "statements" : "VMs") + " for libvirt",
                        "keep host-driver networks in a script of their own (hooks, attach, detach), "
                                + "or use driver 'libvirt'");
            }
        }
    }

    private void bridgesAndSubnets(List<Network> networks) {
        Map<String, Network> bridges = new HashMap<>();
        // Parsed once: every pair is compared, and parsing dominated that loop.
        List<Ipv4.Subnet> subnets = networks.stream()
                .map(n -> n.def() == null || n.def().cidr() == null ? null : Ipv4.subnet(n.def().cidr())).toList();
        List<Ipv6.Subnet> subnets6 = networks.stream()
                .map(n -> n.def() == null || n.def().ipv6() == null ? null : Ipv6.subnet(n.def().ipv6().cidr())).toList();
        for (int i = 0; i < networks.size(); i++) {
            NetworkDef a = networks.get(i).def();
            if (a == null) {
                continue;
            }
            Network other = bridges.putIfAbsent(a.bridge(), networks.get(i));
            // Several bridge-mode networks may join the same host bridge; a bridge we create may not be shared.
            if (other != null && (a.ownsBridge() || other.def().ownsBridge())) {
                problems.add(where(networks.get(i)), "bridge device '" + a.bridge() + "' is already used by network '"
                        + other.def().name() + "' (" + other.def().origin() + ")", "add device 'other' to one of them");
            }
            for (int j = 0; j < i; j++) {
                NetworkDef b = networks.get(j).def();
                if (subnets.get(i) != null && subnets.get(j) != null && subnets.get(i).overlaps(subnets.get(j))) {
                    problems.add(networks.get(i).spec().modes.get(0).origin(), "subnet " + a.cidr()
                                    + " overlaps " + b.cidr() + " of network '" + b.name() + "' (" + b.origin() + ")",
                            "pick a subnet that does not overlap");
                }
                if (subnets6.get(i) != null && subnets6.get(j) != null && subnets6.get(i).overlaps(subnets6.get(j))) {
                    problems.add(a.ipv6().origin(), "IPv6 subnet " + a.ipv6().cidr() + " overlaps " + b.ipv6().cidr()
                                    + " of network '" + b.name() + "' (" + b.ipv6().origin() + ")",
                            "pick an IPv6 subnet that does not overlap");
                }
            }
        }
    }

    private static Origin where(Network n) {
        return n.spec().device != null ? n.spec().device.origin() : n.spec().origin;
    }

    private void duplicate(Map<String, Origin> seen, String key, Origin at, String problem, String fix) {
        Origin first = seen.putIfAbsent(key, at);
        if (first != null) {
            problems.add(at, problem + " (first at " + first + ")", fix);
        }
    }

    private void networkRef(String name, Origin at, Set<String> declared) {
        if (declared.contains(name) || env.networkExists(name)) {
            return;
        }
        String fix = Keywords.nearest(name, declared).map(n -> "did you mean '" + n + "'?")
                .orElse("declare it with network '" + name + "' { … }");
        problems.add(at, "unknown network '" + name + "'", fix);
    }
}
