package kvmsh.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvmsh.model.DiskDef;
import kvmsh.model.HypervisorDef;
import kvmsh.model.NicDef;
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
        for (VmSpec spec : decl.vms) {
            List<String> on = placed(spec, hosts);
            if (on != null && !on.isEmpty()) {
                vmHosts.put(spec.name, on.get(0));
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
        return new Placement(new ArrayList<>(hosts.values()), vmHosts, networks, pools);
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
