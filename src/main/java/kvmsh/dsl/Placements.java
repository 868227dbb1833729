package kvmsh.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvmsh.model.DiskDef;
import kvmsh.model.HypervisorDef;
import kvmsh.model.NicDef;
import kvmsh.model.OpDef;
import kvmsh.model.Origin;
import kvmsh.model.Placement;
import kvmsh.model.VmDef;

/**
 * Resolves the script's {@code hypervisor} declarations and the blocks' {@code on} settings into a
 * {@link Placement}, with a located problem for each misuse: a hypervisor declared twice (by name or
 * by URI), an {@code on} naming one that is not declared, a block without {@code on} once
 * hypervisors are declared, and a NIC or disk on a network or pool of the script that is not on the
 * VM's host. Whether each host answers is the command line's to find out (before any change).
 */
final class Placements {

    private final Problems problems;

    Placements(Problems problems) {
        this.problems = problems;
    }

    Placement resolve(Declarations decl, List<VmDef> vms) {
        Map<String, HypervisorDef> hosts = new LinkedHashMap<>();
        Map<String, HypervisorDef> byUri = new HashMap<>();
        for (HypervisorDef h : decl.hypervisors) {
            HypervisorDef first = hosts.get(h.name());
            HypervisorDef sameUri = byUri.get(h.uri());
            if (first != null) {
                problems.add(h.origin(), "hypervisor '" + h.name() + "' is declared twice (first at " + first.origin() + ")",
                        "rename or remove one of them");
            } else if (sameUri != null) {
                problems.add(h.origin(), "hypervisor '" + h.name() + "' has the same uri as '" + sameUri.name() + "' ("
                        + h.uri() + ")", "one host, one name: remove one of them, or use '" + sameUri.name() + "'");
            } else {
                hosts.put(h.name(), h);
                byUri.put(h.uri(), h);
            }
        }
        Map<String, String> vmHosts = new HashMap<>();
        Map<String, Origin> vmsAt = new HashMap<>();
        for (VmSpec spec : decl.vms) {
            List<String> on = placed(spec, hosts);
            if (on != null && !on.isEmpty()) {
                vmHosts.put(spec.name, on.get(0));
                vmsAt.putIfAbsent(spec.name, spec.placedOn.origin());
            }
        }
        Map<String, List<String>> networks = new HashMap<>();
        for (NetworkSpec spec : decl.networks) {
            List<String> on = placed(spec, hosts);
            if (on != null) {
                networks.put(spec.name, on);
            }
        }
        Map<String, List<String>> pools = new HashMap<>();
        for (PoolSpec spec : decl.pools) {
            List<String> on = placed(spec, hosts);
            if (on != null) {
                pools.put(spec.name, on);
            }
        }
        migrations(decl, hosts);
        if (hosts.isEmpty()) {
            return Placement.NONE;
        }
        for (HookDef hook : decl.hooks) {
            problems.add(hook.origin(), "a hook serves qemu on this machine, and this script declares hypervisors",
                    "keep the hook in a file of its own, without hypervisor lines");
        }
        for (VmDef vm : vms) {
            String host = vmHosts.get(vm.name());
            if (host == null) {
                continue;
            }
            for (NicDef nic : vm.nics()) {
                elsewhere(vm, host, nic.origin(), "nic's network", nic.network(), networks);
            }
            for (DiskDef disk : vm.disks()) {
                elsewhere(vm, host, disk.origin(), "disk's pool", disk.pool(), pools);
            }
        }
        return new Placement(new ArrayList<>(hosts.values()), vmHosts, networks, pools, vmsAt);
    }

    /**
     * {@code migrate} and {@code evacuate} move VMs between the script's hypervisors: without any they
     * have nowhere to go; to: and evacuate's host must be declared, and evacuate's two hosts differ.
     * (Where a migrated VM is, and so whether it is on its to: already, is the plan's to find out.)
     */
    private void migrations(Declarations decl, Map<String, HypervisorDef> hosts) {
        for (OpDef op : decl.ops) {
            if (op.verb() != OpDef.Verb.MIGRATE && op.verb() != OpDef.Verb.EVACUATE) {
                continue;
            }
            String keyword = op.verb().keyword();
            String to = op.options().get("to");
            if (decl.interactive()) {
                // A REPL refuses hypervisor declarations, so the usual advice (declare them) cannot be followed there.
                problems.add(op.origin(), keyword + " moves VMs between a script's hypervisors; the REPL works on one"
                        + " connection at a time", "put it in a script beside its hypervisor declarations and run that with kvmsh run");
                continue;
            }
            if (decl.hypervisors.isEmpty()) {
                problems.add(op.origin(), keyword + " moves VMs between hypervisors, and this script declares none",
                        "declare the hosts (hypervisor 'a', uri: 'qemu+ssh://root@a/system', and one for '" + to
                                + "') and place each vm with on");
                continue;
            }
            if (op.verb() == OpDef.Verb.EVACUATE) {
                undeclared(op, "evacuate", op.target(), hosts);
            }
            undeclared(op, keyword + " to:", to, hosts);
            if (op.verb() == OpDef.Verb.EVACUATE && op.target().equals(to)) {
                problems.add(op.origin(), "evacuate '" + to + "', to: '" + to + "': a hypervisor cannot be evacuated"
                        + " onto itself", "name another one with to: (" + String.join(", ", hosts.keySet().stream()
                        .filter(h -> !h.equals(to)).toList()) + ")");
            }
        }
    }

    /** A problem when a statement names hypervisor {@code name} and the script does not declare it. */
    private void undeclared(OpDef op, String what, String name, Map<String, HypervisorDef> hosts) {
        if (hosts.containsKey(name)) {
            return;
        }
        problems.add(op.origin(), what + " names hypervisor '" + name + "', which is not declared",
                Keywords.nearest(name, hosts.keySet()).filter(n -> name.length() > 2).map(n -> "did you mean '" + n + "'? ")
                        .orElse("") + "use one of: " + String.join(", ", hosts.keySet()));
    }

    /** A problem when {@code name} (a network or pool of the script) is not on {@code host}, the VM's. */
    private void elsewhere(VmDef vm, String host, Origin at, String what, String name, Map<String, List<String>> placed) {
        List<String> on = name == null ? null : placed.get(name);
        if (on != null && !on.contains(host)) {
            String kind = what.substring(what.indexOf(' ') + 1);
            problems.add(at, "vm " + vm.name() + " is on hypervisor '" + host + "', and its " + what + " '" + name
                    + "' is not (it is on " + String.join(", ", on) + ")",
                    "add '" + host + "' to the on of " + kind + " " + name + ", or put the vm on '" + on.get(0) + "'");
        }
    }

    /**
     * The hosts a block is on, or null (after a problem) when it says none though hypervisors are
     * declared, or names one that is not declared.
     */
    private List<String> placed(BlockSpec spec, Map<String, HypervisorDef> hosts) {
        if (spec.placedOn == null) {
            if (!hosts.isEmpty() && !spec.onGiven) {
                String names = String.join(", ", hosts.keySet());
                String example = spec.blockName().equals("vm") ? "on '" + hosts.keySet().iterator().next() + "'"
                        : "on " + String.join(", ", hosts.keySet().stream().map(h -> "'" + h + "'").toList());
                problems.add(spec.origin, spec.blockName() + " " + spec.name + " has no hypervisor, and this script declares "
                        + (hosts.size() == 1 ? "one (" : "several (") + names + ")",
                        "say where it goes: add " + example + " to its block");
            }
            return null;
        }
        boolean ok = true;
        for (String h : spec.placedOn.value()) {
            if (hosts.containsKey(h)) {
                continue;
            }
            ok = false;
            if (spec.decl.hypervisors.isEmpty()) {
                problems.add(spec.placedOn.origin(), "on names hypervisor '" + h + "', and this script declares no hypervisor",
                        "declare it first: hypervisor '" + h + "', uri: 'qemu:///system' (or remove on to use -c)");
            } else if (spec.decl.hypervisors.stream().noneMatch(d -> d.name().equals(h))) {
                problems.add(spec.placedOn.origin(), "hypervisor '" + h + "' is not declared",
                        Keywords.nearest(h, hosts.keySet()).filter(n -> h.length() > 2).map(n -> "did you mean '" + n + "'? ").orElse("")
                                + "declare it with hypervisor '" + h + "', uri: '…', or use one of: "
                                + String.join(", ", hosts.keySet()));
            }
        }
        return ok ? spec.placedOn.value() : null;
    }
}
