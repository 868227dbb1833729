package kvmsh.plan;

import kvmsh.model.Problem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import kvmsh.cloudinit.CloudConfig;
import kvmsh.model.CloudInitDef;
import kvmsh.model.DiskDef;
import kvmsh.model.HostModel;
import kvmsh.model.NetworkDef;
import kvmsh.model.NicDef;
import kvmsh.model.OpDef;
import kvmsh.model.PoolDef;
import kvmsh.model.VmDef;
import kvmsh.model.VmState;

/**
 * Compares a script's declarations with the host and lists the steps that converge the host.
 * Pure: reads a {@link HostState}, never the host itself, so it is tested without a hypervisor.
 *
 * <p>Order: networks (they must run before guests and taps can use their bridges), then volumes,
 * taps and domains, then objects this script owned but no longer declares, then the script's
 * imperative statements. Objects kvmsh does not own are never changed: declaring one is a problem.
 */
public final class Planner {

    private final Digester digester;

    public Planner(Digester digester) {
        this.digester = digester;
    }

    /**
     * Whether an object kvmsh manages with {@code owner} is this script's to change: it was made for
     * {@code script}, or the user takes it over ({@code adopt true} in its block, or {@code --adopt}).
     * Otherwise it is another script's or REPL session's: an error at its statement, left alone by down.
     */
    private static boolean mine(Ownership owner, HostModel model, boolean adopting) {
        return adopting || owner.ownedBy(model.script(), model.project());
    }

    /** Steps that make the host match {@code model}, plus the model's imperative statements. */
    public Plan converge(HostModel model, HostState host) {
        Builder b = new Builder(model, host);
        for (PoolDef pool : model.pools()) {
            b.pool(pool);
        }
        for (NetworkDef net : model.networks()) {
            b.network(net);
        }
        for (VmDef vm : model.vms()) {
            b.vm(vm);
        }
        b.thinDiskWarnings();
        b.prune();
        List<OpDef> earlier = new ArrayList<>();
        for (OpDef op : model.ops()) {
            if (!op.verb().afterStart() || startedBy(b.steps, earlier, op.target())) {
                b.steps.add(new Action.RunOp(op));
            }
            earlier.add(op);
        }
        return new Plan(b.steps, b.notes, b.problems);
    }

    /**
     * Whether this run starts vm {@code vm}: a step of {@code steps} starts it (a new VM, a stopped one,
     * one a rename restarts), or a statement before ({@code earlier}) starts or reboots it. {@code waitForSsh}
     * and {@code ssh} run only then, as provisioners: an unchanged script plans neither.
     */
    static boolean startedBy(List<Action> steps, List<OpDef> earlier, String vm) {
        return steps.stream().map(Action::inner).anyMatch(a -> a instanceof Action.StartDomain s && s.name().equals(vm))
                || earlier.stream().anyMatch(o -> vm.equals(o.target())
                        && (o.verb() == OpDef.Verb.START || o.verb() == OpDef.Verb.REBOOT));
    }

    /**
     * Steps that remove exactly what {@code model} declares and kvmsh owns, in reverse order:
     * VMs first (destroyed, undefined, then their taps and new volumes), then networks.
     */
    public Plan down(HostModel model, HostState host) {
        List<Action> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Action> volumeDeletes = new ArrayList<>();
        List<VmDef> vms = new ArrayList<>(model.vms());
        java.util.Collections.reverse(vms);
        List<Problem> problems = new ArrayList<>();
        for (VmDef vm : vms) {
            Optional<DomainState> d = host.domain(vm.name());
            if (d.isEmpty() && vm.was() != null) {
                // Declared under its new name but not renamed yet: the VM is there under the old one.
                d = host.domain(vm.was());
            }
            if (d.isEmpty()) {
                continue;
            }
            if (d.get().owner().isEmpty()) {
                notes.add("vm " + vm.name() + " is not managed by kvmsh: left alone");
                continue;
            }
            if (!mine(d.get().owner().get(), model, model.adoption().vm(vm.name()))) {
                notes.add("vm " + vm.name() + " belongs to " + d.get().owner().get().who() + ": left alone"
                        + " (adopt true or --adopt takes it over)");
                continue;
            }
            removeDomain(d.get(), vm, host, steps, volumeDeletes, problems, model.script());
        }
        List<NetworkDef> nets = new ArrayList<>(model.networks());
        java.util.Collections.reverse(nets);
        for (NetworkDef net : nets) {
            Optional<NetworkState> n = host.network(net.name());
            if (n.isEmpty()) {
                continue;
            }
            if (n.get().owner().isEmpty()) {
                notes.add("network " + net.name() + " is not managed by kvmsh: left alone");
                continue;
            }
            if (!mine(n.get().owner().get(), model, model.adoption().network(net.name()))) {
                notes.add("network " + net.name() + " belongs to " + n.get().owner().get().who() + ": left alone"
                        + " (adopt true or --adopt takes it over)");
                continue;
            }
            removeNetwork(n.get(), steps);
        }
        // Deleting data cannot be undone, so it comes after everything that can.
        steps.addAll(volumeDeletes);
        for (PoolDef pool : model.pools()) {
            if (host.pools().contains(pool.name())) {
                notes.add("pool " + pool.name() + " is kept: it may hold volumes of others");
            }
        }
        return new Plan(steps, notes, problems);
    }

    /**
     * Destroys and undefines a domain of ours, deletes its taps; its volumes go to {@code volumeDeletes}.
     * A protected VM or disk ({@code protect true} in {@code declared}, or recorded by an earlier run) is a
     * problem instead, at its protect line (or the script, for a block that is gone): not even --yes deletes it.
     */
    private static void removeDomain(DomainState d, VmDef declared, HostState host, List<Action> steps,
                                     List<Action> volumeDeletes, List<Problem> problems, String script) {
        Ownership o = d.owner().get();
        kvmsh.model.Origin file = new kvmsh.model.Origin(script, 0, 0);
        boolean refused = false;
        if (o.protect() || (declared != null && declared.isProtected())) {
            boolean inBlock = declared != null && declared.isProtected();
            problems.add(new Problem(inBlock ? declared.protectAt() : file, "vm '" + d.name() + "' is protected (protect true):"
                    + " kvmsh does not delete it, not even with --yes",
                    inBlock ? "remove protect true and run the script once, then remove the vm"
                            : "its last run recorded protect true: declare it again without protect and run, then remove it"));
            refused = true;
        }
        for (Ownership.VolumeRef v : o.volumes()) {
            Optional<DiskDef> disk = declared == null ? Optional.empty() : declared.disks().stream()
                    .filter(x -> x.protect() && (x.pool() == null || v.pool().equals(x.pool())) && v.name().equals(x.volume()))
                    .findFirst();
            if ((o.kept().contains(v) || disk.isPresent()) && host.volumes().contains(v.pool() + "/" + v.name())) {
                problems.add(new Problem(disk.map(DiskDef::origin).orElse(file), "volume " + v.pool() + "/" + v.name()
                        + " of vm " + d.name() + " is protected (protect: true): kvmsh does not delete it, not even with --yes",
                        disk.isPresent() ? "remove protect: true and run the script once, then remove the vm"
                                : "its last run recorded protect: true: declare the disk again without it and run, then remove the vm"));
                refused = true;
            }
        }
        if (refused) {
            return;
        }
        if (d.running()) {
            steps.add(new Action.StopDomain(d.name(), false));
        }
        steps.add(new Action.UndefineDomain(d.name(), d));
        for (String tap : d.owner().get().taps()) {
            if (host.links().containsKey(tap)) {
                steps.add(new Action.DeleteTap(tap));
            }
        }
        for (Ownership.VolumeRef v : d.owner().get().volumes()) {
            if (host.volumes().contains(v.pool() + "/" + v.name())) {
                volumeDeletes.add(new Action.DeleteVolume(v));
            }
        }
    }

    private static void removeNetwork(NetworkState n, List<Action> steps) {
        if (n.active()) {
            steps.add(new Action.StopNetwork(n.name()));
        }
        steps.add(new Action.UndefineNetwork(n.name(), n));
    }

    /** Accumulates one plan; one instance per call, so the planner itself holds no state. */
    private final class Builder {
        final HostModel model;
        final HostState host;
        final List<Action> steps = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();

        Builder(HostModel model, HostState host) {
            this.model = model;
            this.host = host;
        }

        /** Old names of VMs this plan renames: not pruned. */
        final Set<String> renamed = new java.util.HashSet<>();
        /** Declared VMs this plan creates (not renames), to suggest was when one looks like a pruned VM. */
        final List<VmDef> created = new ArrayList<>();

        /** New thin volumes per pool, to warn when they could outgrow it (as virt-manager does). */
        final java.util.Map<String, Long> thin = new java.util.TreeMap<>();

        /**
         * A declared pool is created when missing and started when inactive. A pool of the same
         * name elsewhere is a problem: kvmsh does not move pools (libvirt pools carry no metadata
         * to mark them as kvmsh's, so kvmsh never removes a pool either, except to roll back).
         */
        void pool(PoolDef pool) {
            if (!host.pools().contains(pool.name())) {
                steps.add(new Action.CreatePool(pool));
                return;
            }
            PoolState s = host.poolInfo().get(pool.name());
            if (s == null) {
                return;
            }
            if (s.path() != null && !s.path().equals(pool.path())) {
                problems.add(new Problem(pool.origin(), "pool '" + pool.name() + "' exists on " + host.uri()
                        + " with directory " + s.path(), "use dir '" + s.path() + "', or another pool name"));
            } else if (!s.active()) {
                steps.add(new Action.StartPool(pool.name()));
            }
        }

        /** A note per pool whose new thin disks could together outgrow its free space. */
        void thinDiskWarnings() {
            thin.forEach((pool, bytes) -> {
                PoolState s = host.poolInfo().get(pool);
                if (s != null && s.active() && bytes > s.available()) {
                    notes.add("warning: the new thin disks in pool " + pool + " may grow to " + Sizes.human(bytes)
                            + ", more than its " + Sizes.human(s.available()) + " free");
                }
            });
        }

        void network(NetworkDef net) {
            String digest;
            try {
                digest = digester.network(net);
            } catch (DeclarationException e) {
                // E.g. a network this backend cannot realize.
                problems.add(e.toProblem());
                return;
            }
            Ownership owner = new Ownership(model.script(), digest, List.of(), List.of(), model.project());
            Optional<NetworkState> found = host.network(net.name());
            if (found.isEmpty()) {
                steps.add(new Action.DefineNetwork(net, owner, null));
                if (net.autostart()) {
                    steps.add(new Action.SetNetworkAutostart(net.name(), true));
                }
                steps.add(new Action.StartNetwork(net.name()));
                return;
            }
            NetworkState s = found.get();
            String current;
            if (s.owner().isPresent()) {
                Ownership was = s.owner().get();
                if (!mine(was, model, model.adoption().network(net.name()))) {
                    problems.add(new Problem(net.origin(), "network '" + net.name() + "' on " + host.uri()
                            + " belongs to " + was.who() + ", not to this script",
                            "choose another name, remove it with that script's down, or take it over with adopt true"
                                    + " in its block (or --adopt)"));
                    return;
                }
                current = was.digest();
                if (!was.ownedBy(model.script(), model.project())) {
                    // Taken over from another script: kvmsh's metadata only, the network is not restarted.
                    steps.add(new Action.AdoptNetwork(net.name(), owner, s));
                } else if (!was.script().equals(model.script()) || !java.util.Objects.equals(was.project(), model.project())) {
                    // The project's script moved (or now names its project): the record follows it, metadata only.
                    steps.add(new Action.AdoptNetwork(net.name(), owner, s));
                }
            } else if (model.adoption().network(net.name())) {
                steps.add(new Action.AdoptNetwork(net.name(), owner, s));
                // What the network is, as kvmsh import declares it: equal means the block says what is there.
                current = digester.network(s);
            } else {
                problems.add(new Problem(net.origin(), "network '" + net.name() + "' already exists on "
                        + host.uri() + " and kvmsh does not manage it",
                        "add adopt true to its block (or run with --adopt) to take it over, choose another name,"
                                + " or remove it first"));
                return;
            }
            boolean restart = false;
            if (!digest.equals(current)) {
                steps.add(new Action.DefineNetwork(net, owner, s));
                restart = s.active();
            } else {
                if (!sameDhcp(net, s)) {
                    // Only the range or static hosts differ: libvirt updates those in place, without
                    // restarting the network under running guests.
                    steps.add(new Action.UpdateNetworkDhcp(net, owner, s));
                }
                if (!sameForwards(net, s)) {
                    // Only the port forwards differ: the network's nft chains are reloaded, nothing restarts.
                    steps.add(new Action.UpdateNetworkForwards(net, owner, s));
                }
            }
            if (s.autostart() != net.autostart()) {
                steps.add(new Action.SetNetworkAutostart(net.name(), net.autostart()));
            }
            if (restart) {
                // Where kvmsh cannot see the host's links (a remote host), it cannot re-plug the taps
                // either: the running VMs with a NIC on the network stay cut off.
                List<String> cutOff = host.links().isEmpty() ? runningVmsOn(net.name()) : List.of();
                List<String> ports = ports(s.bridge());
                steps.add(new Action.RestartNetwork(net.name(), ports, cutOff));
            } else if (!s.active()) {
                steps.add(new Action.StartNetwork(net.name()));
            } else if (!s.faults().isEmpty()) {
                steps.add(new Action.RepairNetwork(net.name(), s.faults()));
            }
        }

        /** The interfaces plugged into {@code bridge} on the host, sorted. */
        private List<String> ports(String bridge) {
            return host.links().entrySet().stream().filter(e -> bridge != null && bridge.equals(e.getValue()))
                    .map(java.util.Map.Entry::getKey).sorted().toList();
        }

        /** The running domains with an interface on libvirt network {@code network}, as {@code vm NAME}, sorted. */
        private List<String> runningVmsOn(String network) {
            return host.domains().values().stream()
                    .filter(d -> d.running() && d.xml() != null && Fields.hasNicOn(d.xml(), network))
                    .map(d -> "vm " + d.name()).sorted().toList();
        }

        /** The same ports to the same guests, in any order (where each statement is does not count). */
        private boolean sameForwards(NetworkDef net, NetworkState s) {
            return net.forwards().stream().map(kvmsh.model.PortForward::describe).collect(java.util.stream.Collectors.toSet())
                    .equals(s.forwards().stream().map(kvmsh.model.PortForward::describe).collect(java.util.stream.Collectors.toSet()));
        }

        private boolean sameDhcp(NetworkDef net, NetworkState s) {
            DhcpDiff d = DhcpDiff.between(s, net);
            return !d.rangeChanged() && d.addedHosts().isEmpty() && d.removedHosts().isEmpty();
        }

        void vm(VmDef declared) {
            VmDef vm = withPools(declared);
            if (vm == null) {
                return;
            }
            Optional<DomainState> found = host.domain(vm.name());
            if (found.isEmpty() && vm.was() != null && host.domain(vm.was()).isPresent()) {
                DomainState old = host.domain(vm.was()).get();
                if (old.owner().isEmpty() || !mine(old.owner().get(), model, adopting(vm))) {
                    problems.add(new Problem(vm.wasAt(), "was '" + vm.was() + "': vm '" + vm.was() + "' on " + host.uri()
                            + (old.owner().isEmpty() ? " is not managed by kvmsh"
                                    : " belongs to " + old.owner().get().who() + ", not to this script"),
                            "kvmsh renames only VMs of this script: remove was, or take the vm over first (adopt true)"));
                    return;
                }
                renamed.add(vm.was());
                steps.add(new Action.RenameDomain(vm.was(), vm.name(), old.running(), false, old));
                // From here on the domain is the renamed one, stopped by the rename when it was running.
                found = Optional.of(new DomainState(vm.name(), false, old.autostart(), old.owner(), old.xml()));
            } else if (found.isEmpty()) {
                created.add(vm);
            }
            if (vm.was() != null && found.flatMap(DomainState::owner).isPresent()) {
                // A renamed VM keeps its volumes, named after its old name.
                vm = keepingVolumes(vm, found.get().owner().get());
            }
            boolean adopt = found.isPresent() && found.get().owner().isEmpty();
            if (adopt && !model.adoption().vm(vm.name())) {
                problems.add(new Problem(vm.origin(), "vm '" + vm.name() + "' already exists on " + host.uri()
                        + " and kvmsh does not manage it",
                        "add adopt true to its block (or run with --adopt) to take it over, choose another name,"
                                + " or remove it first"));
                return;
            }
            if (found.isPresent() && found.get().owner().isPresent()
                    && !mine(found.get().owner().get(), model, model.adoption().vm(vm.name()))) {
                problems.add(new Problem(vm.origin(), "vm '" + vm.name() + "' on " + host.uri() + " belongs to "
                        + found.get().owner().get().who() + ", not to this script",
                        "choose another name, remove it with that script's down, or take it over with adopt true"
                                + " in its block (or --adopt)"));
                return;
            }
            Optional<Ownership> before = found.flatMap(DomainState::owner);
            if (before.isPresent() && !adopting(vm) && !before.get().script().equals(model.script())) {
                notes.add("vm " + vm.name() + " of " + before.get().who() + " is recorded as " + model.script()
                        + "'s now (the same project)");
            }
            Set<String> taps = new LinkedHashSet<>();
            before.ifPresent(o -> taps.addAll(o.taps()));
            Set<Ownership.VolumeRef> volumes = new LinkedHashSet<>();
            before.ifPresent(o -> volumes.addAll(o.volumes()));

            // Volumes and taps are made after the domain is defined with them in its ownership record,
            // so a run killed in between leaves nothing of kvmsh's unowned (define does not need them yet).
            List<Action> made = new ArrayList<>();
            for (DiskDef disk : vm.disks()) {
                if (!disk.isNewVolume()) {
                    continue;
                }
                Ownership.VolumeRef ref = new Ownership.VolumeRef(disk.pool(), disk.volume());
                if (!host.volumes().contains(disk.pool() + "/" + disk.volume())) {
                    made.add(new Action.CreateVolume(disk));
                    volumes.add(ref);
                    thin.merge(disk.pool(), disk.sizeBytes(), Long::sum);
                } else if (!volumes.contains(ref)) {
                    notes.add("vm " + vm.name() + " uses existing volume " + disk.pool() + "/" + disk.volume()
                            + " (kept on down)");
                } else {
                    resize(vm, disk, found.map(DomainState::running).orElse(false), made);
                }
            }
            if (vm.cloudInit() != null) {
                seed(vm, found.isPresent(), volumes);
            }
            for (NicDef nic : vm.nics()) {
                if (nic.kind() == NicDef.Kind.TAP) {
                    tap(vm, nic, taps, made);
                }
            }
            String digest;
            try {
                digest = digester.domain(vm);
            } catch (DeclarationException e) {
                // E.g. a customize edit that does not apply to the rendered XML.
                problems.add(e.toProblem());
                return;
            }
            List<Ownership.VolumeRef> kept = vm.disks().stream().filter(d -> d.protect() && d.isNewVolume())
                    .map(d -> new Ownership.VolumeRef(d.pool(), d.volume())).toList();
            Ownership owner = new Ownership(model.script(), digest, List.copyOf(taps), List.copyOf(volumes),
                    model.project(), vm.isProtected(), kept,
                    vm.cloudInit() == null ? null : CloudConfig.login(vm.cloudInit()));
            boolean running = found.map(DomainState::running).orElse(false);
            if (adopt) {
                steps.add(new Action.AdoptDomain(vm.name(), owner, found.get()));
                // Only real differences between the block and the VM (as kvmsh import reads it) redefine it.
                if (!digest.equals(digester.domain(found.get()))) {
                    steps.add(new Action.DefineDomain(vm, owner, found.get()));
                }
            } else if (found.isEmpty() || !digest.equals(before.get().digest()) || !owner.sameAs(before.get())) {
                steps.add(new Action.DefineDomain(vm, owner, found.orElse(null)));
            }
            steps.addAll(made);
            boolean autostart = found.map(DomainState::autostart).orElse(false);
            if (autostart != vm.autostart()) {
                steps.add(new Action.SetDomainAutostart(vm.name(), vm.autostart()));
            }
            if (vm.state() == VmState.RUNNING && !running) {
                steps.add(new Action.StartDomain(vm.name()));
            } else if (vm.state() == VmState.STOPPED && running) {
                steps.add(new Action.StopDomain(vm.name(), true));
            }
        }

        /**
         * A volume of ours whose declared size differs from its capacity: grown in place (never recreated), live
         * when the VM runs. A smaller size is a problem at the disk's line: shrinking a disk loses what is at its end.
         */
        private void resize(VmDef vm, DiskDef disk, boolean running, List<Action> made) {
            Long capacity = host.volumeCapacity().get(disk.pool() + "/" + disk.volume());
            if (capacity == null || disk.sizeBytes() <= 0) {
                // An overlay without size: has its backing image's size, whatever that is now.
                return;
            }
            // qemu-img rounds a size up to whole 512-byte sectors.
            long wanted = (disk.sizeBytes() + 511) / 512 * 512;
            if (wanted > capacity) {
                made.add(new Action.ResizeVolume(vm.name(), disk.target(),
                        new Ownership.VolumeRef(disk.pool(), disk.volume()), capacity, wanted, running));
            } else if (wanted < capacity) {
                problems.add(new Problem(disk.origin(), "disk size: " + Sizes.human(disk.sizeBytes()) + " is smaller than"
                        + " volume " + disk.pool() + "/" + disk.volume() + " of vm " + vm.name() + " ("
                        + Sizes.human(capacity) + "): kvmsh does not shrink a disk, that loses what is at its end",
                        "give size: '" + ((capacity + (1 << 20) - 1) >> 20) + "M' or more,"
                                + " or a new disk (another name: ) and copy the data over"));
            }
        }

        /**
         * {@code vm}, renamed from {@code vm.was()}, on the volumes its old self has: a new volume named after
         * the new name ({@code <name>-vda.qcow2}) is the old one ({@code <was>-vda.qcow2}) when the VM owns that.
         */
        private VmDef keepingVolumes(VmDef vm, Ownership old) {
            List<DiskDef> disks = new ArrayList<>();
            for (DiskDef d : vm.disks()) {
                String prefix = vm.name() + "-";
                if (d.isNewVolume() && d.volume().startsWith(prefix)) {
                    String was = vm.was() + "-" + d.volume().substring(prefix.length());
                    if (old.volumes().contains(new Ownership.VolumeRef(d.pool(), was))) {
                        disks.add(d.withVolume(was));
                        continue;
                    }
                }
                disks.add(d);
            }
            return vm.withDisks(disks);
        }

        /**
         * New volumes without a pool go to the host's default pool, as with virt-install: the pool
         * named 'default', else the host's only pool. Returns null (and records a problem) when
         * a pool is missing.
         */
        private VmDef withPools(VmDef vm) {
            List<DiskDef> disks = new ArrayList<>();
            boolean ok = true;
            for (DiskDef d : vm.disks()) {
                if (!d.isNewVolume()) {
                    disks.add(d);
                    continue;
                }
                String pool = pool(d.pool(), d.origin(), "a new disk");
                if (pool == null) {
                    ok = false;
                    continue;
                }
                disks.add(d.inPool(pool));
            }
            CloudInitDef seed = vm.cloudInit();
            if (seed != null) {
                String pool = pool(seed.seedPool(), seed.origin(), "the cloud-init seed");
                if (pool == null) {
                    return null;
                }
                seed = seed.inPool(pool);
            }
            if (!ok) {
                return null;
            }
            return vm.withDisks(disks).withCloudInit(seed);
        }

        /** {@code declared}, or the host's default pool; null (and a problem) when there is none. */
        private String pool(String declared, kvmsh.model.Origin origin, String what) {
            java.util.Set<String> pools = new java.util.TreeSet<>(host.pools());
            model.pools().forEach(p -> pools.add(p.name()));
            if (declared == null) {
                String pool = pools.contains("default") ? "default"
                        : pools.size() == 1 ? pools.iterator().next() : null;
                if (pool == null) {
                    problems.add(new Problem(origin, pools.isEmpty()
                            ? what + " needs a storage pool, and " + host.uri() + " has none"
                            : what + " needs a storage pool, and " + host.uri() + " has several but no 'default'",
                            pools.isEmpty()
                                    ? "declare one (pool 'default' { dir '/var/lib/libvirt/images' }) or define one (virsh pool-define-as default dir --target /var/lib/libvirt/images)"
                                    : "name one with pool: (" + String.join(", ", pools) + ")"));
                }
                return pool;
            }
            if (!pools.contains(declared)) {
                problems.add(new Problem(origin, "storage pool '" + declared + "' does not exist on " + host.uri(),
                        "name an existing pool with pool: (" + String.join(", ", pools) + ")"));
                return null;
            }
            return declared;
        }

        /**
         * The seed of a VM with cloud-init: created when missing, replaced when the instance-id its
         * content gives differs from the one the domain records. A volume of that name that is not this
         * VM's is never overwritten.
         */
        private void seed(VmDef vm, boolean domainExists, Set<Ownership.VolumeRef> volumes) {
            CloudInitDef seed = vm.cloudInit();
            Ownership.VolumeRef ref = new Ownership.VolumeRef(seed.seedPool(), seed.seedVolume());
            String id = CloudConfig.render(seed).instanceId();
            if (!host.volumes().contains(ref.pool() + "/" + ref.name())) {
                steps.add(new Action.CreateSeed(vm.name(), seed, id, domainExists));
                volumes.add(ref);
            } else if (!volumes.contains(ref)) {
                problems.add(new Problem(seed.origin(), "volume " + ref.pool() + "/" + ref.name() + " exists on "
                        + host.uri() + " and is not vm " + vm.name() + "'s seed", "remove it, or rename the vm"));
            } else {
                String previous = host.seeds().get(vm.name());
                if (!id.equals(previous)) {
                    steps.add(new Action.ReplaceSeed(vm.name(), seed, previous == null ? "none" : previous, id));
                }
            }
        }

        private void tap(VmDef vm, NicDef nic, Set<String> taps, List<Action> made) {
            String bridge = null;
            if (nic.network() != null) {
                bridge = model.network(nic.network()).map(NetworkDef::bridge)
                        .or(() -> host.network(nic.network()).map(NetworkState::bridge)).orElse(null);
            }
            String master = host.links().get(nic.tap());
            if (master == null) {
                made.add(new Action.CreateTap(nic.tap(), bridge));
                taps.add(nic.tap());
            } else if (bridge != null && !bridge.equals(master)) {
                made.add(new Action.PlugTap(nic.tap(), bridge, master));
            }
            if (nic.network() == null) {
                notes.add("tap " + nic.tap() + " of vm " + vm.name() + " joins no network; add network: 'NAME' to the nic,"
                        + " or plug it in with attach");
            }
        }

        /** Objects this same script applied earlier but no longer declares are removed. */
        void prune() {
            List<Action> volumeDeletes = new ArrayList<>();
            // HostModel's lookups scan its lists; with a thousand VMs, one scan per host object adds up.
            Set<String> vms = new java.util.HashSet<>();
            model.vms().forEach(v -> vms.add(v.name()));
            Set<String> nets = new java.util.HashSet<>();
            model.networks().forEach(n -> nets.add(n.name()));
            for (DomainState d : sorted(host.domains().values(), DomainState::name)) {
                if (ownedByScript(d.owner()) && !vms.contains(d.name()) && !renamed.contains(d.name())) {
                    removeDomain(d, null, host, steps, volumeDeletes, problems, model.script());
                    notes.add("vm " + d.name() + " is no longer declared in " + model.script() + ": removed");
                    suggestWas(d);
                }
            }
            for (NetworkState n : sorted(host.networks().values(), NetworkState::name)) {
                if (ownedByScript(n.owner()) && !nets.contains(n.name())) {
                    removeNetwork(n, steps);
                    notes.add("network " + n.name() + " is no longer declared in " + model.script() + ": removed");
                }
            }
            steps.addAll(volumeDeletes);
        }

        /** Whether {@code vm}'s block or the run takes a VM over ({@code adopt true}, {@code --adopt}). */
        private boolean adopting(VmDef vm) {
            return model.adoption().vm(vm.name());
        }

        private <T> List<T> sorted(java.util.Collection<T> items, java.util.function.Function<T, String> name) {
            return items.stream().sorted(java.util.Comparator.comparing(name)).toList();
        }

        /**
         * A note when a VM this plan creates has the settings of {@code gone}, which it removes: then the
         * script most likely renamed it, and {@code was} keeps the VM and its disks instead.
         */
        private void suggestWas(DomainState gone) {
            for (VmDef vm : created) {
                // The VM as it would be under the old name, on the volumes that name gave it.
                VmDef asOld = vm.withName(gone.name()).withDisks(vm.disks().stream()
                        .map(d -> d.isNewVolume() && d.volume().startsWith(vm.name() + "-")
                                ? d.withVolume(gone.name() + d.volume().substring(vm.name().length())) : d)
                        .toList());
                String digest;
                try {
                    digest = digester.domain(asOld);
                } catch (DeclarationException e) {
                    continue;
                }
                if (digest.equals(gone.owner().get().digest())) {
                    notes.add("vm " + vm.name() + " has the settings of vm " + gone.name() + ", which this plan removes"
                            + " (with its disks): if it is a rename, add was '" + gone.name() + "' to its block ("
                            + vm.origin() + ") to keep the VM, its UUID, MACs and disks");
                }
            }
        }

        /** Ours by identity: the project's (wherever its script was), or this path's when it has none. */
        private boolean ownedByScript(Optional<Ownership> owner) {
            return owner.isPresent() && owner.get().ownedBy(model.script(), model.project());
        }
    }
}
