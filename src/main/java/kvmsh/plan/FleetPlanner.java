package kvmsh.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import kvmsh.model.HostModel;
import kvmsh.model.NicDef;
import kvmsh.model.OpDef;
import kvmsh.model.Placement;
import kvmsh.model.Problem;
import kvmsh.model.VmDef;

/**
 * One plan across the hosts of a script that declares its hypervisors: each host is planned by
 * the ordinary {@link Planner} against its own snapshot, with what the script places on it
 * ({@link HostModel#on}); the steps are wrapped in {@link Action.OnHost} so one {@link Applier}
 * carries them out with one rollback. Pure, as the planner is: it reads snapshots, never a host.
 *
 * <p>What only several hosts can show is decided here: a VM of this script found on another host
 * than the one it is declared on is a <em>move</em> ({@link #move}), planned neither as a new VM
 * on its new host nor as a pruned one on its old; a NIC on a network its host does not have.
 */
public final class FleetPlanner {

    private final Map<String, Digester> digesters;

    /** @param digesters each host's digester, by host name */
    public FleetPlanner(Map<String, Digester> digesters) {
        this.digesters = Map.copyOf(digesters);
    }

    /** A VM declared on host {@code to} that this script has on host {@code from}. */
    public record Move(VmDef vm, String from, String to, DomainState found) {
    }

    /** Steps that make every host match {@code model}, then its statements, each on its host. */
    public Plan converge(HostModel model, Map<String, HostState> hosts) {
        List<Action> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Move> moves = moves(model, hosts);
        for (Move m : moves) {
            move(m, hosts, steps, problems);
        }
        missingNetworks(model, hosts, problems);
        for (Map.Entry<String, HostState> h : hosts.entrySet()) {
            String host = h.getKey();
            Set<String> arriving = new HashSet<>();
            Set<String> leaving = new HashSet<>();
            moves.forEach(m -> {
                if (m.to().equals(host)) {
                    arriving.add(m.vm().name());
                }
                if (m.from().equals(host)) {
                    leaving.add(m.vm().name());
                }
            });
            HostModel on = model.on(host);
            on = new HostModel(on.script(), on.networks(),
                    on.vms().stream().filter(v -> !arriving.contains(v.name())).toList(), List.of(), on.pools(),
                    on.adoption());
            Plan p = new Planner(digester(host)).converge(on, without(h.getValue(), leaving));
            add(host, p, steps, notes, problems);
        }
        for (OpDef op : model.ops()) {
            for (String host : hostsOf(op, model.placement(), hosts)) {
                steps.add(new Action.OnHost(host, new Action.RunOp(op)));
            }
        }
        return new Plan(steps, notes, problems);
    }

    /**
     * Steps that remove what {@code model} declares and kvmsh owns from every host: what the script
     * places on each, and a VM of this script found on another host than its declared one.
     * Volumes are deleted last on every host, after everything that can be undone.
     */
    public Plan down(HostModel model, Map<String, HostState> hosts) {
        List<Action> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, HostState> h : hosts.entrySet()) {
            String host = h.getKey();
            HostModel on = model.on(host);
            List<VmDef> vms = new ArrayList<>(on.vms());
            for (VmDef vm : model.vms()) {
                if (!vms.contains(vm) && h.getValue().domain(vm.name()).flatMap(DomainState::owner)
                        .filter(o -> o.ownedBy(model.script(), model.project())).isPresent()) {
                    vms.add(vm);
                }
            }
            on = new HostModel(on.script(), on.networks(), vms, List.of(), on.pools(), on.adoption(), on.placement(),
                    on.project());
            add(host, new Planner(digester(host)).down(on, h.getValue()), steps, notes, problems);
        }
        List<Action> last = steps.stream().filter(a -> Action.inner(a) instanceof Action.DeleteVolume).toList();
        steps.removeAll(last);
        steps.addAll(last);
        return new Plan(steps, notes, problems);
    }

    /** VMs this script declares on one host and has on another. */
    static List<Move> moves(HostModel model, Map<String, HostState> hosts) {
        List<Move> out = new ArrayList<>();
        for (VmDef vm : model.vms()) {
            Optional<String> to = model.placement().vmHost(vm.name());
            if (to.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, HostState> h : hosts.entrySet()) {
                if (h.getKey().equals(to.get())) {
                    continue;
                }
                h.getValue().domain(vm.name())
                        .filter(d -> d.owner().filter(o -> o.ownedBy(model.script(), model.project())).isPresent())
                        .ifPresent(d -> out.add(new Move(vm, h.getKey(), to.get(), d)));
            }
        }
        return out;
    }

    /**
     * What moving a VM between hosts takes. Not supported yet: a located problem, so neither host
     * changes (a destroy on one and a define on the other would lose the VM's disks and state).
     * Live migration replaces this.
     */
    void move(Move m, Map<String, HostState> hosts, List<Action> steps, List<Problem> problems) {
        problems.add(new Problem(m.vm().origin(), "vm " + m.vm().name() + " is declared on hypervisor '" + m.to()
                + "' but is on '" + m.from() + "': moving a VM between hosts is not supported yet",
                "keep on '" + m.from() + "' for now, or remove it from " + m.from() + " first (kvmsh down) and run again"));
    }

    /** A NIC on a network the script does not declare, and that the VM's host does not have. */
    private static void missingNetworks(HostModel model, Map<String, HostState> hosts, List<Problem> problems) {
        for (VmDef vm : model.vms()) {
            String host = model.placement().vmHost(vm.name()).orElse(null);
            HostState state = host == null ? null : hosts.get(host);
            if (state == null) {
                continue;
            }
            for (NicDef nic : vm.nics()) {
                String net = nic.network();
                if (net != null && model.network(net).isEmpty() && state.network(net).isEmpty()) {
                    problems.add(new Problem(nic.origin(), "vm " + vm.name() + " is on hypervisor '" + host
                            + "', which has no network '" + net + "'",
                            "declare the network in the script with on '" + host + "', or put the vm on a host that has it"));
                }
            }
        }
    }

    /**
     * The hosts a statement runs on: a VM's statements on the VM's host (declared, else where it is);
     * {@code leases} on the hosts of its network; {@code list} and {@code watch} of every VM on every host.
     */
    static List<String> hostsOf(OpDef op, Placement placement, Map<String, HostState> hosts) {
        List<String> all = List.copyOf(hosts.keySet());
        if (op.verb() == OpDef.Verb.LIST || (op.verb() == OpDef.Verb.WATCH && op.target() == null)) {
            return all;
        }
        Set<String> out = new LinkedHashSet<>();
        String target = op.target();
        if (op.verb() == OpDef.Verb.LEASES) {
            out.addAll(placement.networkHosts(target));
            hosts.forEach((h, s) -> {
                if (out.isEmpty() && s.network(target).isPresent()) {
                    out.add(h);
                }
            });
        } else if (op.verb() == OpDef.Verb.MOVE_NIC && !op.options().containsKey("nic") && !op.options().containsKey("mac")) {
            // A tap: on the host that has it.
            hosts.forEach((h, s) -> {
                if (out.isEmpty() && s.links().containsKey(target)) {
                    out.add(h);
                }
            });
        } else {
            placement.vmHost(target).ifPresent(out::add);
            hosts.forEach((h, s) -> {
                if (out.isEmpty() && s.domain(target).isPresent()) {
                    out.add(h);
                }
            });
        }
        return out.isEmpty() ? all.subList(0, 1) : List.copyOf(out);
    }

    private Digester digester(String host) {
        Digester d = digesters.get(host);
        if (d == null) {
            throw new IllegalArgumentException("no digester for hypervisor " + host);
        }
        return d;
    }

    private static void add(String host, Plan p, List<Action> steps, List<String> notes, List<Problem> problems) {
        p.steps().forEach(a -> steps.add(new Action.OnHost(host, a)));
        p.notes().forEach(n -> notes.add(host + ": " + n));
        problems.addAll(p.problems());
    }

    /** {@code state} without the domains named (a VM leaving for another host is not this host's to prune). */
    private static HostState without(HostState state, Set<String> domains) {
        if (domains.isEmpty()) {
            return state;
        }
        Map<String, DomainState> kept = new HashMap<>(state.domains());
        domains.forEach(kept::remove);
        return new HostState(state.uri(), state.networks(), kept, state.pools(), state.volumes(), state.links(),
                state.poolInfo(), state.volumeCapacity(), state.seeds());
    }
}
