package kvmsh.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * than the one it is declared on is a <em>move</em>, planned as a migration
 * ({@link Action.MigrateDomain}, after the checks the hosts make) rather than a new VM on its new
 * host and a pruned one on its old; a NIC on a network its host does not have.
 */
public final class FleetPlanner {

    private final Map<String, Digester> digesters;
    private final MigrationChecks checks;

    /**
     * What stands in the way of moving a VM, asked of the hosts themselves before anything changes
     * ({@link Fleet#migrationProblems}): one line per problem, none when it can move.
     */
    @FunctionalInterface
    public interface MigrationChecks {
        List<String> problems(String vm, String from, String to, MigrationOptions options, PlannedOnTarget planned);
    }

    /** @param digesters each host's digester, by host name; moves are checked against the snapshots only */
    public FleetPlanner(Map<String, Digester> digesters) {
        this(digesters, null);
    }

    /**
     * @param digesters each host's digester, by host name
     * @param checks    the hosts' own checks of each move (CPU, machine type, host UUID, storage), or null
     */
    public FleetPlanner(Map<String, Digester> digesters, MigrationChecks checks) {
        this.digesters = Map.copyOf(digesters);
        this.checks = checks;
    }

    /** A VM declared on host {@code to} that this script has on host {@code from}. */
    public record Move(VmDef vm, String from, String to, DomainState found) {
    }

    /**
     * Steps that make every host match {@code model}, then its statements, each on its host. A VM
     * whose {@code on} names another host than the one it is on is migrated there
     * ({@link Action.MigrateDomain}); its new host is planned as if it were there already, so what
     * else changed in its block is carried out there after the move.
     */
    public Plan converge(HostModel model, Map<String, HostState> hosts) {
        List<String> notes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Move> moves = moves(model, hosts, problems);
        int before = problems.size();
        missingNetworks(model, hosts, problems);
        Set<String> unplaceable = new HashSet<>();
        problems.subList(before, problems.size()).forEach(p -> moves.forEach(m -> {
            if (p.problem().startsWith("vm " + m.vm().name() + " ")) {
                unplaceable.add(m.vm().name());
            }
        }));
        Map<String, HostState> after = afterMoves(hosts, moves);
        Map<String, List<Action>> byHost = new LinkedHashMap<>();
        for (Map.Entry<String, HostState> h : after.entrySet()) {
            String host = h.getKey();
            // model.on keeps the project: the owner the planner records is the script's project, as on one host.
            Plan p = new Planner(digester(host)).converge(model.on(host), h.getValue());
            List<Action> steps = new ArrayList<>();
            add(host, p, steps, notes, problems);
            byHost.put(host, steps);
        }
        List<Action> migrations = new ArrayList<>();
        for (Move m : moves) {
            migrate(m, model, byHost.getOrDefault(m.to(), List.of()), !unplaceable.contains(m.vm().name()), migrations,
                    problems);
        }
        List<Action> steps = order(byHost, migrations);
        // Where each VM is once the declarations are carried out, then after each statement that moves one.
        Map<String, String> location = locations(model, hosts);
        Map<String, String> declaredAt = new LinkedHashMap<>(location);
        List<OpDef> earlier = new ArrayList<>();
        for (OpDef op : model.ops()) {
            if (op.verb() == OpDef.Verb.MIGRATE || op.verb() == OpDef.Verb.EVACUATE) {
                statement(op, model, hosts, byHost, location, steps, notes, problems);
                earlier.add(op);
                continue;
            }
            if (op.verb().afterStart() && !Planner.startedBy(steps, earlier, op.target())) {
                earlier.add(op);
                continue;
            }
            for (String host : hostsOf(op, model.placement(), hosts, location)) {
                steps.add(new Action.OnHost(host, new Action.RunOp(op)));
            }
            earlier.add(op);
        }
        for (VmDef vm : model.vms()) {
            String on = model.placement().vmHost(vm.name()).orElse(null);
            if (on != null && on.equals(declaredAt.get(vm.name())) && !on.equals(location.get(vm.name()))) {
                notes.add("vm " + vm.name() + " is declared on '" + on + "' (" + vm.origin() + ") and the statements"
                        + " leave it on '" + location.get(vm.name()) + "': the next run moves it back, unless its on"
                        + " changes too");
            }
        }
        return new Plan(steps, notes, problems);
    }

    /**
     * The migrations a {@code migrate} or {@code evacuate} statement asks for, one after the other in
     * script order with the other statements. A VM that is on its host now (not made or moved by this
     * plan) is checked by the hosts before anything changes; one the plan makes or moves first is
     * checked when its migration starts.
     */
    private void statement(OpDef op, HostModel model, Map<String, HostState> hosts, Map<String, List<Action>> byHost,
                           Map<String, String> location, List<Action> steps, List<String> notes, List<Problem> problems) {
        String to = op.options().get("to");
        if (!hosts.containsKey(to) || (op.verb() == OpDef.Verb.EVACUATE && !hosts.containsKey(op.target()))) {
            return; // an undeclared hypervisor: reported at the statement by validation
        }
        MigrationOptions options = options(op);
        List<String> vms;
        if (op.verb() == OpDef.Verb.MIGRATE) {
            String from = location.get(op.target());
            if (from == null) {
                problems.add(new Problem(op.origin(), "migrate '" + op.target() + "': no hypervisor of this script has vm "
                        + op.target(), "declare it with on, or name a vm on one of " + String.join(", ", hosts.keySet())));
                return;
            }
            if (from.equals(to)) {
                problems.add(new Problem(op.origin(), "migrate '" + op.target() + "', to: '" + to + "': vm " + op.target()
                        + " is on '" + to + "' already", "remove the statement, or name another hypervisor with to:"));
                return;
            }
            vms = List.of(op.target());
        } else {
            vms = location.entrySet().stream().filter(e -> e.getValue().equals(op.target())).map(Map.Entry::getKey)
                    .sorted().toList();
            if (vms.isEmpty()) {
                notes.add("evacuate '" + op.target() + "' (" + op.origin() + "): no vm on " + op.target() + " to move");
            }
        }
        for (String vm : vms) {
            String from = location.get(vm);
            Optional<DomainState> now = hosts.get(from).domain(vm);
            Optional<VmDef> declared = model.vm(vm);
            boolean untouched = now.isPresent() && model.placement().vmHost(vm).map(from::equals).orElse(true);
            if (checks != null && untouched) {
                String where = op.verb().keyword() + " '" + op.target() + "': vm " + vm + " cannot move from '" + from
                        + "' to '" + to + "': ";
                List<String> found = checks.problems(vm, from, to, options, planned(byHost.getOrDefault(to, List.of())));
                found.forEach(p -> problems.add(located(op.origin(), where + p,
                        "make '" + to + "' ready for it, or remove the statement")));
                if (!found.isEmpty()) {
                    continue;
                }
            }
            boolean running = declared.map(v -> v.state() == kvmsh.model.VmState.RUNNING)
                    .orElse(now.map(DomainState::running).orElse(false));
            List<String> networks = declared.map(v -> v.nics().stream().map(NicDef::network)
                    .filter(java.util.Objects::nonNull).distinct().toList()).orElse(null);
            List<Ownership.VolumeRef> volumes = now.flatMap(DomainState::owner).map(Ownership::volumes).orElse(List.of());
            steps.add(new Action.OnHost(from, new Action.MigrateDomain(vm, from, to, running, options, networks, volumes,
                    op.origin())));
            location.put(vm, to);
        }
    }

    /** A statement's options as a migration takes them (validation checked them). */
    static MigrationOptions options(OpDef op) {
        Map<String, String> o = op.options();
        MigrationOptions.CopyStorage copy = switch (o.getOrDefault("copyStorage", "auto")) {
            case "true" -> MigrationOptions.CopyStorage.TRUE;
            case "false" -> MigrationOptions.CopyStorage.FALSE;
            default -> MigrationOptions.CopyStorage.AUTO;
        };
        return new MigrationOptions(!"false".equals(o.get("live")), copy, Long.parseLong(o.getOrDefault("bandwidth", "0")),
                Integer.parseInt(o.getOrDefault("timeout", "0")));
    }

    /**
     * Which host each VM is on once the declarations are carried out: a declared VM on its {@code on},
     * every other VM where it is, except those of this script it no longer declares (pruned).
     */
    private static Map<String, String> locations(HostModel model, Map<String, HostState> hosts) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> declared = new HashSet<>();
        model.vms().forEach(v -> declared.add(v.name()));
        hosts.forEach((host, state) -> state.domains().values().forEach(d -> {
            boolean pruned = !declared.contains(d.name())
                    && d.owner().filter(o -> o.ownedBy(model.script(), model.project())).isPresent();
            if (!pruned) {
                out.putIfAbsent(d.name(), host);
            }
        }));
        for (VmDef vm : model.vms()) {
            model.placement().vmHost(vm.name()).ifPresent(h -> out.put(vm.name(), h));
        }
        return out;
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

    /**
     * VMs this script declares on one host and has on another. One that is on its declared host
     * and on another as well is a problem: which of the two is the VM is not kvmsh's to guess.
     */
    static List<Move> moves(HostModel model, Map<String, HostState> hosts, List<Problem> problems) {
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
                Optional<DomainState> found = h.getValue().domain(vm.name())
                        .filter(d -> d.owner().filter(o -> o.ownedBy(model.script(), model.project())).isPresent());
                if (found.isEmpty()) {
                    continue;
                }
                HostState target = hosts.get(to.get());
                if (target != null && target.domain(vm.name()).isPresent()) {
                    problems.add(new Problem(at(model, vm), "vm " + vm.name() + " is declared on hypervisor '" + to.get()
                            + "' and is there, and this script has a vm " + vm.name() + " on '" + h.getKey() + "' too",
                            "remove the one that is not the VM (virsh -c URI undefine " + vm.name()
                                    + " on its host), or rename one of them"));
                    continue;
                }
                out.add(new Move(vm, h.getKey(), to.get(), found.get()));
            }
        }
        return out;
    }

    /**
     * The migration of a VM whose {@code on} changed, after the checks: the snapshots' (a VM with taps
     * cannot take them along) and, with {@code checks}, the hosts' own. Each problem is located at the
     * VM's {@code on}, and nothing changes on either host.
     *
     * @param targetSteps the target host's steps (what it makes ready for the VM before it arrives)
     * @param askHosts    whether to ask the hosts (not when the plan already refuses the VM's NICs there)
     */
    private void migrate(Move m, HostModel model, List<Action> targetSteps, boolean askHosts, List<Action> migrations,
                         List<Problem> problems) {
        String vm = m.vm().name();
        kvmsh.model.Origin at = at(model, m.vm());
        Ownership owner = m.found().owner().orElseThrow();
        String where = "vm " + vm + " cannot move from '" + m.from() + "' to '" + m.to() + "': ";
        List<String> taps = new ArrayList<>(owner.taps());
        m.vm().nics().stream().filter(n -> n.tap() != null && !taps.contains(n.tap())).forEach(n -> taps.add(n.tap()));
        if (!taps.isEmpty()) {
            problems.add(new Problem(at, where + "it uses tap " + String.join(", ", taps)
                    + ", a device of its host that kvmsh does not move", "put its NICs on a network (nic network: 'lan')"
                    + " for the move, or keep it on '" + m.from() + "'"));
            return;
        }
        MigrationOptions options = MigrationOptions.DEFAULT;
        if (checks != null && askHosts) {
            List<String> found = checks.problems(vm, m.from(), m.to(), options, planned(targetSteps));
            found.forEach(p -> problems.add(located(at, where + p,
                    "make '" + m.to() + "' ready for it, or keep on '" + m.from() + "' for now")));
            if (!found.isEmpty()) {
                return;
            }
        }
        List<String> networks = m.vm().nics().stream().map(NicDef::network).filter(java.util.Objects::nonNull)
                .distinct().toList();
        migrations.add(new Action.OnHost(m.from(), new Action.MigrateDomain(vm, m.from(), m.to(), m.found().running(),
                options, networks, owner.volumes(), null)));
    }

    /** A host's check as a problem: its own fix when it says one ("… — declare it there too"), else {@code fix}. */
    private static Problem located(kvmsh.model.Origin at, String problem, String fix) {
        int dash = problem.lastIndexOf(" — ");
        return dash < 0 ? new Problem(at, problem, fix) : new Problem(at, problem.substring(0, dash), problem.substring(dash + 3));
    }

    /** Where a VM's placement is in the script: its {@code on}, else its block. */
    private static kvmsh.model.Origin at(HostModel model, VmDef vm) {
        return model.placement().vmAt(vm.name()).orElse(vm.origin());
    }

    /** The networks and pools a host's steps define, create or start. */
    private static PlannedOnTarget planned(List<Action> steps) {
        Set<String> networks = new HashSet<>();
        Set<String> pools = new HashSet<>();
        for (Action a : steps) {
            Action s = Action.inner(a);
            if (s instanceof Action.DefineNetwork d) {
                networks.add(d.def().name());
            } else if (s instanceof Action.StartNetwork n) {
                networks.add(n.name());
            } else if (s instanceof Action.CreatePool c) {
                pools.add(c.def().name());
            } else if (s instanceof Action.StartPool p) {
                pools.add(p.name());
            }
        }
        return new PlannedOnTarget(networks, pools);
    }

    /**
     * Each host as it is once the moves are made: a VM leaving is not its source's to prune, and its
     * target has it (with its ownership record, volumes and seed), so the target's plan holds only what
     * else changed in its block.
     */
    private static Map<String, HostState> afterMoves(Map<String, HostState> hosts, List<Move> moves) {
        Map<String, HostState> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostState> h : hosts.entrySet()) {
            HostState s = h.getValue();
            Map<String, DomainState> domains = new HashMap<>(s.domains());
            Set<String> volumes = new HashSet<>(s.volumes());
            Map<String, Long> capacities = new HashMap<>(s.volumeCapacity());
            Map<String, String> seeds = new HashMap<>(s.seeds());
            for (Move m : moves) {
                if (m.from().equals(h.getKey())) {
                    domains.remove(m.vm().name());
                }
                if (m.to().equals(h.getKey())) {
                    HostState from = hosts.get(m.from());
                    domains.put(m.vm().name(), m.found());
                    for (Ownership.VolumeRef v : m.found().owner().map(Ownership::volumes).orElse(List.of())) {
                        String ref = v.pool() + "/" + v.name();
                        if (from.volumes().contains(ref)) {
                            volumes.add(ref);
                            Long c = from.volumeCapacity().get(ref);
                            if (c != null) {
                                capacities.put(ref, c);
                            }
                        }
                    }
                    String seed = from.seeds().get(m.vm().name());
                    if (seed != null) {
                        seeds.put(m.vm().name(), seed);
                    }
                }
            }
            out.put(h.getKey(), new HostState(s.uri(), s.networks(), domains, s.pools(), volumes, s.links(),
                    s.poolInfo(), capacities, seeds));
        }
        return out;
    }

    /**
     * One list of every host's steps with the migrations between them: on each host, what comes
     * before the first step a migration must precede (on its target, the first step on the arriving
     * VM; on its source, the first that changes a network, bridge, pool or volume it uses), then the
     * migrations, then the rest of each host's steps, each host's in its own order.
     */
    static List<Action> order(Map<String, List<Action>> byHost, List<Action> migrations) {
        Map<String, Integer> cut = new LinkedHashMap<>();
        byHost.forEach((h, steps) -> cut.put(h, steps.size()));
        for (Action a : migrations) {
            Action.MigrateDomain m = (Action.MigrateDomain) Action.inner(a);
            cut(byHost, cut, m.to(), access -> access.kind() == StepGraph.Kind.VM && m.vm().equals(access.name()));
            cut(byHost, cut, m.from(), access -> access.writes() && switch (access.kind()) {
                case VM -> m.vm().equals(access.name());
                case NETWORK, BRIDGE -> true;
                case VOLUME, POOL -> access.name() == null || m.volumes().stream().anyMatch(v -> access.kind() == StepGraph.Kind.POOL
                        ? v.pool().equals(access.name()) : (v.pool() + "/" + v.name()).equals(access.name()));
                case TAP -> false;
            });
        }
        List<Action> out = new ArrayList<>();
        byHost.forEach((h, steps) -> out.addAll(steps.subList(0, cut.get(h))));
        out.addAll(migrations);
        byHost.forEach((h, steps) -> out.addAll(steps.subList(cut.get(h), steps.size())));
        return out;
    }

    /** Moves {@code host}'s cut before its first step with an access {@code conflicts} holds for. */
    private static void cut(Map<String, List<Action>> byHost, Map<String, Integer> cut, String host,
                            java.util.function.Predicate<StepGraph.Access> conflicts) {
        List<Action> steps = byHost.getOrDefault(host, List.of());
        StepGraph.Footprints footprints = new StepGraph.Footprints(steps.stream().map(Action::inner).toList());
        for (int i = 0; i < cut.getOrDefault(host, 0); i++) {
            if (footprints.of(Action.inner(steps.get(i))).stream().anyMatch(conflicts)) {
                cut.put(host, i);
                return;
            }
        }
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
     * The hosts a statement runs on: a VM's statements on the VM's host ({@code location}: where the
     * declarations and earlier statements put it; else declared, else where it is);
     * {@code leases} on the hosts of its network; {@code list} and {@code watch} of every VM on every host.
     */
    static List<String> hostsOf(OpDef op, Placement placement, Map<String, HostState> hosts,
                                Map<String, String> location) {
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
        } else if (location.containsKey(target)) {
            // Where the declarations and the statements before it put the VM.
            out.add(location.get(target));
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
}
