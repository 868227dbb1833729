package kvmsh.plan;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import kvmsh.model.CloudInitDef;
import kvmsh.model.DiskDef;
import kvmsh.model.Durations;
import kvmsh.model.NetworkDef;
import kvmsh.model.NicDef;
import kvmsh.model.OpDef;
import kvmsh.model.PoolDef;
import kvmsh.model.VmDef;

/**
 * One step of a plan. Printing a plan prints {@link #describe()} of each step; applying it hands
 * each step to a {@link Hypervisor}. Every converging step knows the step that undoes it, computed
 * from the state it was planned against, so a failed apply can be rolled back.
 */
public sealed interface Action {

    /** One line for the plan: a sign (+ create, ~ change, - remove, > run) and what happens. */
    String describe();

    /** The step that reverts this one, if it can be reverted. */
    Optional<Action> undo();

    /**
     * Why carrying out this step can lose data (a deleted volume, a VM undefined with the disks
     * kvmsh made for it, a running VM powered off hard, guests cut off their network), or empty
     * when it cannot. Such steps run only with the user's consent ({@code --yes}, or y at the
     * prompt); plan output marks them.
     */
    default Optional<String> dataLoss() {
        return Optional.empty();
    }

    /** Whether {@link #dataLoss()} has a reason: the step needs consent. */
    default boolean losesData() {
        return dataLoss().isPresent();
    }

    /**
     * Whether {@code a} is one of the script's statements (they run after the declarations, in script
     * order, and are not counted as changes): {@link RunOp}, or a migration a {@code migrate} or
     * {@code evacuate} statement asks for.
     */
    static boolean statement(Action a) {
        Action s = inner(a);
        return s instanceof RunOp || (s instanceof MigrateDomain m && m.at() != null);
    }

    /** {@code a} itself, or the step an {@link OnHost} wraps. */
    static Action inner(Action a) {
        return a instanceof OnHost h ? h.step() : a;
    }

    /**
     * A step of a plan that spans several hypervisors (a script with {@code hypervisor}
     * declarations): {@code step} runs on the host the script names {@code host}. Its line names the
     * host; it is undone on the same host; each host's backend sees only the step itself.
     */
    record OnHost(String host, Action step) implements Action {
        public String describe() {
            String line = step.describe();
            int nl = line.indexOf('\n');
            return nl < 0 ? line + "   [" + host + "]" : line.substring(0, nl) + "   [" + host + "]" + line.substring(nl);
        }

        public Optional<Action> undo() {
            return step.undo().map(u -> new OnHost(host, u));
        }

        @Override
        public Optional<String> dataLoss() {
            return step.dataLoss();
        }
    }

    /** Define a new network, or redefine an existing one of ours with a changed declaration. */
    record DefineNetwork(NetworkDef def, Ownership owner, NetworkState previous) implements Action {
        public String describe() {
            String what = (def.ownsBridge()
                    ? def.mode().keyword() + " " + subnets(def) + ", bridge " + def.bridge()
                    : "on host bridge " + def.bridge())
                    + (def.pxe() == null ? "" : ", PXE " + def.pxe().bootFile() + " from " + def.pxe().tftpRoot())
                    + (def.forwards().isEmpty() ? "" : ", forward " + String.join(", ",
                            def.forwards().stream().map(kvmsh.model.PortForward::describe).toList()));
            return (previous == null ? "+ define network " : "~ redefine network ") + def.name() + " (" + what + ")";
        }

        public Optional<Action> undo() {
            return Optional.of(previous == null ? new UndefineNetwork(def.name(), null) : new RestoreNetwork(previous));
        }

        /** {@code 10.0.0.0/24}, {@code 10.0.0.0/24 + fd00:10::/64}, {@code fd00:10::/64} or {@code no host address}. */
        static String subnets(NetworkDef def) {
            if (!def.hasAddress()) {
                return "no host address";
            }
            String v6 = def.ipv6() == null ? null : def.ipv6().cidr();
            return def.cidr() == null ? v6 : v6 == null ? def.cidr() : def.cidr() + " + " + v6;
        }
    }

    /**
     * Change only a network's DHCP range or static hosts: the persistent config is redefined and the
     * running network is updated live, so guests on it keep their connection.
     */
    record UpdateNetworkDhcp(NetworkDef def, Ownership owner, NetworkState previous) implements Action {
        public String describe() {
            return "~ update network " + def.name() + " DHCP in place (" + DhcpDiff.summary(previous, def) + ")";
        }

        public Optional<Action> undo() {
            return Optional.of(new RestoreNetwork(previous));
        }
    }

    /**
     * Change only a network's port forwards ({@code forward}): its record (or libvirt definition)
     * says the new ones and its nft chains are reloaded in one transaction, without a restart.
     */
    record UpdateNetworkForwards(NetworkDef def, Ownership owner, NetworkState previous) implements Action {
        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            List<String> before = previous.forwards().stream().map(kvmsh.model.PortForward::describe).toList();
            List<String> after = def.forwards().stream().map(kvmsh.model.PortForward::describe).toList();
            after.stream().filter(f -> !before.contains(f)).forEach(f -> parts.add("+forward " + f));
            before.stream().filter(f -> !after.contains(f)).forEach(f -> parts.add("-forward " + f));
            return "~ update network " + def.name() + " forwards in place (" + String.join(", ", parts) + ")";
        }

        public Optional<Action> undo() {
            return Optional.of(new RestoreNetwork(previous));
        }
    }

    /** Put back a network definition exactly as it was (rollback only; DHCP is reapplied live). */
    record RestoreNetwork(NetworkState previous) implements Action {
        public String describe() {
            return "~ restore network " + previous.name();
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    /**
     * Take an existing network kvmsh does not manage under management: its own definition is written
     * back with kvmsh's ownership metadata added and nothing else changed (libvirt before 9.7 has no
     * virNetworkSetMetadata), so a running network keeps running and its uuid stays.
     */
    record AdoptNetwork(String name, Ownership owner, NetworkState previous) implements Action {
        public String describe() {
            Optional<Ownership> was = previous == null ? Optional.empty() : previous.owner();
            if (was.isPresent() && was.get().ownedBy(owner.script(), owner.project())) {
                // Its project's script moved, or the script now names its project: the record follows.
                return "~ record network " + name + " as " + owner.who() + "'s (was " + was.get().who()
                        + "; metadata only, the network is not restarted)";
            }
            return "= adopt network " + name + " (kvmsh's metadata only; the network is not restarted)";
        }

        public Optional<Action> undo() {
            return Optional.of(new RestoreNetwork(previous));
        }
    }

    record StartNetwork(String name) implements Action {
        public String describe() {
            return "+ start network " + name;
        }

        public Optional<Action> undo() {
            return Optional.of(new StopNetwork(name));
        }
    }

    record StopNetwork(String name) implements Action {
        public String describe() {
            return "- stop network " + name;
        }

        public Optional<Action> undo() {
            return Optional.of(new StartNetwork(name));
        }
    }

    /**
     * Stop and start a network so a structural change takes effect. Stopping it takes its bridge
     * away from under the running guests' taps; after the start kvmsh plugs them back in where it
     * can reach the host's links (this machine, a sandbox), since libvirt does not (it re-plugs taps
     * only when libvirtd itself restarts).
     *
     * @param ports  the guest taps on its bridge when planned: cut off while it restarts, then plugged back in
     * @param cutOff the running VMs on it ({@code vm NAME}) on a host whose links kvmsh cannot reach
     *               (a remote host): they stay off the bridge until they restart
     */
    record RestartNetwork(String name, List<String> ports, List<String> cutOff) implements Action {
        public RestartNetwork {
            ports = List.copyOf(ports);
            cutOff = List.copyOf(cutOff);
        }

        public String describe() {
            List<String> notes = new java.util.ArrayList<>();
            if (!ports.isEmpty()) {
                notes.add("its guests' taps " + String.join(", ", ports) + " are plugged back in after it");
            }
            if (!cutOff.isEmpty()) {
                notes.add(String.join(", ", cutOff) + (cutOff.size() == 1 ? " stays cut off until it restarts"
                        : " stay cut off until they restart") + ": kvmsh cannot reach this host's links to plug"
                        + " their taps back in");
            }
            return "~ restart network " + name + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
        }

        public Optional<Action> undo() {
            return Optional.of(new RestartNetwork(name, ports, cutOff));
        }

        public Optional<String> dataLoss() {
            List<String> all = new java.util.ArrayList<>(ports);
            all.addAll(cutOff);
            return all.isEmpty() ? Optional.empty()
                    : Optional.of("the guests on it (" + String.join(", ", all) + ") lose their connection while it restarts"
                            + (cutOff.isEmpty() ? "" : ", " + String.join(", ", cutOff) + " until they restart"));
        }
    }

    /**
     * Puts a running network right where part of it died (its dnsmasq killed: guests get no lease)
     * by bringing it up again as declared; what already runs is left as it is, so its guests stay
     * connected. Nothing to undo: the network was meant to be like this.
     *
     * @param faults what was found broken, as the backend's read said
     */
    record RepairNetwork(String name, List<String> faults) implements Action {
        public RepairNetwork {
            faults = List.copyOf(faults);
        }

        public String describe() {
            return "~ repair network " + name + " (" + String.join("; ", faults) + ")";
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    record SetNetworkAutostart(String name, boolean autostart) implements Action {
        public String describe() {
            return "~ network " + name + " autostart " + (autostart ? "on" : "off");
        }

        public Optional<Action> undo() {
            return Optional.of(new SetNetworkAutostart(name, !autostart));
        }
    }

    record UndefineNetwork(String name, NetworkState previous) implements Action {
        public String describe() {
            return "- undefine network " + name;
        }

        public Optional<Action> undo() {
            return Optional.ofNullable(previous).map(RestoreNetwork::new);
        }
    }

    /** Define, build (mkdir), start and autostart a declared storage pool. */
    record CreatePool(PoolDef def) implements Action {
        public String describe() {
            return "+ create pool " + def.name() + " (" + def.type() + " " + def.path() + ")";
        }

        public Optional<Action> undo() {
            return Optional.of(new RemovePool(def.name()));
        }
    }

    /** Start a pool that is defined but inactive. */
    record StartPool(String name) implements Action {
        public String describe() {
            return "+ start pool " + name;
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    /** Stop and undefine a pool; its directory and files stay (rollback only). */
    record RemovePool(String name) implements Action {
        public String describe() {
            return "- remove pool " + name + " (its directory is kept)";
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    /** Create a thin volume for a disk declared with a size, or a copy-on-write overlay of a backing image. */
    record CreateVolume(DiskDef disk) implements Action {
        public String describe() {
            if (disk.isOverlay()) {
                return "+ create volume " + disk.pool() + "/" + disk.volume() + " (" + disk.format()
                        + " overlay on " + disk.backing()
                        + (disk.sizeBytes() > 0 ? ", " + Sizes.human(disk.sizeBytes()) : "") + ")";
            }
            return "+ create volume " + disk.pool() + "/" + disk.volume() + " (" + Sizes.human(disk.sizeBytes())
                    + " thin " + disk.format() + ")";
        }

        public Optional<Action> undo() {
            return Optional.of(new DeleteVolume(new Ownership.VolumeRef(disk.pool(), disk.volume())));
        }
    }

    /**
     * Grow a volume of a VM in place (virStorageVolResize; for a running VM virDomainBlockResize, so the guest
     * sees the larger disk at once). Its data stays; a rollback leaves it grown (a disk is never shrunk).
     *
     * @param target the disk's device in the guest (vda …), for the live resize
     */
    record ResizeVolume(String vm, String target, Ownership.VolumeRef volume, long fromBytes, long toBytes,
                        boolean running) implements Action {
        public String describe() {
            return "~ resize volume " + volume.pool() + "/" + volume.name() + " " + Sizes.human(fromBytes) + " → "
                    + Sizes.human(toBytes) + " (grown in place" + (running ? ", live: vm " + vm + " sees it at once;"
                    + " its partitions and filesystems are grown inside the guest" : "") + ")";
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    /** Delete a volume kvmsh created. Cannot be undone: it is planned last. */
    record DeleteVolume(Ownership.VolumeRef volume) implements Action {
        public String describe() {
            return "- delete volume " + volume.pool() + "/" + volume.name();
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }

        public Optional<String> dataLoss() {
            return Optional.of("everything written to " + volume.pool() + "/" + volume.name() + " is deleted");
        }
    }

    /**
     * Build a VM's NoCloud seed, create its volume and upload it through libvirt's storage API (so a
     * remote host gets it too); on an existing domain, also record its instance-id in the metadata.
     */
    record CreateSeed(String vm, CloudInitDef seed, String instanceId, boolean domainExists) implements Action {
        public String describe() {
            return "+ create cloud-init seed " + seed.seedPool() + "/" + seed.seedVolume() + " of " + vm
                    + " (instance-id " + instanceId + ")";
        }

        public Optional<Action> undo() {
            return Optional.of(new DeleteVolume(new Ownership.VolumeRef(seed.seedPool(), seed.seedVolume())));
        }
    }

    /**
     * Upload a new seed over a VM's old one (same volume, new instance-id: cloud-init runs again at the
     * guest's next boot) and record the new instance-id in the domain's metadata. Nothing else of the
     * VM changes. The old content is read first, so a rollback puts it back.
     */
    record ReplaceSeed(String vm, CloudInitDef seed, String previousId, String instanceId) implements Action {
        public String describe() {
            return "~ replace cloud-init seed of " + vm + " (instance-id " + previousId + " → " + instanceId + ")";
        }

        public Optional<Action> undo() {
            return Optional.of(new RestoreSeed(vm, new Ownership.VolumeRef(seed.seedPool(), seed.seedVolume()),
                    previousId));
        }
    }

    /** Put back the seed content a {@link ReplaceSeed} of this run read, and its instance-id (rollback only). */
    record RestoreSeed(String vm, Ownership.VolumeRef volume, String instanceId) implements Action {
        public String describe() {
            return "~ restore cloud-init seed of " + vm + " (instance-id " + instanceId + ")";
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    /** Create a tap device with the user's name and plug it into a bridge (null: leave it unplugged). */
    record CreateTap(String tap, String bridge) implements Action {
        public String describe() {
            return "+ create tap " + tap + (bridge == null ? " (not plugged into any bridge)" : " on bridge " + bridge);
        }

        public Optional<Action> undo() {
            return Optional.of(new DeleteTap(tap));
        }
    }

    /** Move an existing tap to another bridge (null: unplug it). */
    record PlugTap(String tap, String bridge, String previousBridge) implements Action {
        public String describe() {
            return bridge == null ? "~ unplug tap " + tap + " from " + previousBridge
                    : "~ plug tap " + tap + " into bridge " + bridge;
        }

        public Optional<Action> undo() {
            return Optional.of(new PlugTap(tap, previousBridge == null || previousBridge.isEmpty() ? null : previousBridge, bridge));
        }
    }

    record DeleteTap(String tap) implements Action {
        public String describe() {
            return "- delete tap " + tap;
        }

        public Optional<Action> undo() {
            return Optional.of(new CreateTap(tap, null));
        }
    }

    /** Define a new domain, or redefine one of ours (its uuid and generated MACs are kept). */
    record DefineDomain(VmDef def, Ownership owner, DomainState previous) implements Action {
        public String describe() {
            String nics = def.nics().stream().map(Action::nicSummary).collect(Collectors.joining(", "));
            String what = (def.os() == null ? "" : "os " + def.os() + ", ")
                    + def.memoryMiB() + " MiB, " + def.cpus() + " cpu" + (def.cpus() == 1 ? "" : "s")
                    + (nics.isEmpty() ? "" : ", " + nics);
            String edits = def.customize().stream().map(e -> "\n      customize: " + e.describe())
                    .collect(Collectors.joining());
            if (previous == null) {
                return "+ define vm " + def.name() + " (" + what + ")" + edits;
            }
            return "~ redefine vm " + def.name() + " (" + what + ")"
                    + (previous.running() ? " — takes effect at its next boot" : "") + edits;
        }

        public Optional<Action> undo() {
            return Optional.of(previous == null ? new UndefineDomain(def.name(), null) : new RestoreDomain(previous));
        }
    }

    /**
     * Take an existing domain kvmsh does not manage under management: only kvmsh's ownership
     * metadata is written (virDomainSetMetadata), so nothing restarts and uuid and MACs stay.
     */
    record AdoptDomain(String name, Ownership owner, DomainState previous) implements Action {
        public String describe() {
            return "= adopt vm " + name + " (kvmsh's metadata only; the VM is not redefined or restarted)";
        }

        public Optional<Action> undo() {
            return Optional.of(new ReleaseDomain(name));
        }
    }

    /** Remove kvmsh's ownership metadata from a domain again (rollback of an adoption only). */
    record ReleaseDomain(String name) implements Action {
        public String describe() {
            return "~ release vm " + name + " (kvmsh's metadata removed)";
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    /**
     * Rename a domain with libvirt's rename (virDomainRename): the same domain, UUID, MACs and disks; its
     * volumes keep their names. libvirt renames only stopped domains, so a running one is shut down first
     * (ACPI, then powered off if it does not stop in time: consent), and the plan starts it again.
     *
     * @param running    the domain was running when planned
     * @param startAfter start it again after the rename (a rollback's rename back of a VM that was running)
     * @param previous   the domain as planned (its owner names the volumes kept), or null in a rollback
     */
    record RenameDomain(String from, String to, boolean running, boolean startAfter, DomainState previous)
            implements Action {
        public String describe() {
            List<Ownership.VolumeRef> disks = previous == null ? List.of()
                    : previous.owner().map(Ownership::volumes).orElse(List.of());
            return "~ rename vm " + from + " → " + to + " (the same domain: UUID, MACs"
                    + (disks.isEmpty() ? "" : " and disks " + disks.stream().map(v -> v.pool() + "/" + v.name())
                            .collect(Collectors.joining(", ")))
                    + " kept)" + (running ? " — it is running: shut down for the rename, started again after it" : "");
        }

        public Optional<Action> undo() {
            return Optional.of(new RenameDomain(to, from, false, running, null));
        }

        public Optional<String> dataLoss() {
            return running ? Optional.of("vm " + from + " is running: it is shut down to be renamed (libvirt renames"
                    + " only stopped VMs), and powered off if its guest does not stop in time") : Optional.empty();
        }
    }

    /** Put back a domain definition exactly as it was (rollback only). */
    record RestoreDomain(DomainState previous) implements Action {
        public String describe() {
            return "~ restore vm " + previous.name();
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    record StartDomain(String name) implements Action {
        public String describe() {
            return "+ start vm " + name;
        }

        public Optional<Action> undo() {
            return Optional.of(new StopDomain(name, false));
        }
    }

    /** Stop a domain: graceful (ACPI shutdown, then destroy after a timeout) or hard (destroy). */
    record StopDomain(String name, boolean graceful) implements Action {
        public String describe() {
            return "- " + (graceful ? "shut down" : "destroy") + " vm " + name;
        }

        public Optional<Action> undo() {
            return Optional.of(new StartDomain(name));
        }

        public Optional<String> dataLoss() {
            return graceful ? Optional.empty()
                    : Optional.of("vm " + name + " is powered off at once: what its guest has not written to disk is lost");
        }
    }

    record SetDomainAutostart(String name, boolean autostart) implements Action {
        public String describe() {
            return "~ vm " + name + " autostart " + (autostart ? "on" : "off");
        }

        public Optional<Action> undo() {
            return Optional.of(new SetDomainAutostart(name, !autostart));
        }
    }

    record UndefineDomain(String name, DomainState previous) implements Action {
        public String describe() {
            return "- undefine vm " + name;
        }

        public Optional<Action> undo() {
            return Optional.ofNullable(previous).map(RestoreDomain::new);
        }

        public Optional<String> dataLoss() {
            List<Ownership.VolumeRef> disks = previous == null ? List.of()
                    : previous.owner().map(Ownership::volumes).orElse(List.of());
            return disks.isEmpty() ? Optional.empty()
                    : Optional.of("vm " + name + " goes with the disks kvmsh made for it ("
                            + disks.stream().map(v -> v.pool() + "/" + v.name()).collect(Collectors.joining(", ")) + ")");
        }
    }

    /**
     * Move a VM to another host of the script ({@link Hypervisor#migrate}): a running one live (its
     * memory copied while it runs, unless {@code options} say otherwise), a stopped one by its
     * definition; the disks that are not on shared storage are created in the same pool on the target
     * and copied, and the source copies of the volumes kvmsh made for it are deleted once it runs there.
     * kvmsh's ownership metadata travels with its definition. Undone by moving it back.
     *
     * @param running  it runs now (what the plan was made against)
     * @param networks the networks its NICs use, or null when not known (then it is ordered with every network)
     * @param volumes  the volumes kvmsh made for it (created on the target, deleted on the source)
     * @param at       the {@code migrate} or {@code evacuate} statement asking for it; null when its {@code on} changed
     */
    record MigrateDomain(String vm, String from, String to, boolean running, MigrationOptions options,
                         List<String> networks, List<Ownership.VolumeRef> volumes, kvmsh.model.Origin at)
            implements Action {
        public MigrateDomain {
            networks = networks == null ? null : List.copyOf(networks);
            volumes = List.copyOf(volumes);
        }

        public String describe() {
            String how = !running ? "stopped: by its definition" : options.live() ? "live" : "paused while it moves";
            String storage = options.copyStorage() == MigrationOptions.CopyStorage.FALSE ? ", storage not copied (shared)"
                    : !volumes.isEmpty() ? ", copy storage: " + volumes.stream().map(v -> v.pool() + "/" + v.name())
                            .collect(Collectors.joining(", "))
                    : ", copy storage of disks not on shared storage";
            String limits = (options.bandwidthMiBs() > 0 ? ", at most " + options.bandwidthMiBs() + " MiB/s" : "")
                    + (running && options.live() && options.timeoutSeconds() > 0
                            ? ", paused after " + options.timeoutSeconds() + " s" : "");
            return (at == null ? "~ " : "> ") + "migrate vm " + vm + " " + from + " → " + to + " (" + how + storage + limits
                    + ")" + (at == null ? "" : "   (" + at + ")");
        }

        /** Moving it back (a stopped VM by its definition again). */
        public Optional<Action> undo() {
            return Optional.of(new MigrateDomain(vm, to, from, running, options, networks, volumes, null));
        }
    }

    /** An imperative statement of the script, run after the declarations converged. */
    record RunOp(OpDef op) implements Action {
        public String describe() {
            if (op.verb().afterStart()) {
                // Planned only because this run starts the VM: "then" says so.
                String as = op.options().containsKey("user") ? " as " + op.options().get("user") : "";
                String limit = Durations.text(op.options().get("timeout"));
                return op.verb() == OpDef.Verb.SSH
                        ? "> then: ssh " + op.target() + as + " " + quoted(op.options().get("command"))
                                + "   (" + op.origin() + ")"
                        : "> then: wait for ssh on " + op.target() + as + " (up to " + limit + ")   (" + op.origin() + ")";
            }
            String verb = op.verb() == OpDef.Verb.MOVE_NIC
                    ? (op.options().containsKey("to") || op.options().containsKey("bridge") ? "attach" : "detach")
                    : op.verb().keyword();
            String opts = op.options().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
            return "> " + verb + (op.target() == null ? "" : " " + op.target()) + (opts.isEmpty() ? "" : ", " + opts)
                    + "   (" + op.origin() + ")";
        }

        public Optional<Action> undo() {
            return Optional.empty();
        }
    }

    /** A statement's text as the script writes it: in single quotes, a quote in it escaped. */
    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String nicSummary(NicDef nic) {
        return switch (nic.kind()) {
            case NETWORK -> "nic on " + nic.network();
            case BRIDGE -> "nic on bridge " + nic.bridge();
            case TAP -> "tap " + nic.tap() + (nic.network() == null ? "" : " on " + nic.network());
        };
    }
}
