package kvmsh.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import kvmsh.model.DiskDef;
import kvmsh.model.NicDef;
import kvmsh.model.VmDef;

/**
 * Which steps of a plan must wait for which, derived from what each step creates, changes, uses or
 * removes on the host (its footprint: networks, bridges, pools, volumes, taps, VMs by name).
 *
 * <p>Two steps that touch the same object, at least one of them changing it, keep their plan order;
 * steps that share nothing, or only use the same object, may run at the same time. So a network's
 * steps run before the VMs on it are defined, a pool and its volumes before the VM using them, a
 * VM's destroy before its undefine and before its taps and volumes are deleted, and a network is
 * stopped only after every VM that may be on it is gone. Where a step does not say what it uses (a
 * VM started or stopped whose definition is not in the plan), it is taken to use every network and
 * bridge, which only ever orders more, never less. Imperative statements ({@link Action.RunOp}, and
 * the migrations of {@code migrate} and {@code evacuate}) touch everything: they run one at a time,
 * in script order, after the declarations. A migration of a VM whose {@code on} changed touches the
 * VM, its networks and its volumes on both of its hosts.
 *
 * <p>Every dependency points to an earlier step, so running the steps one at a time in plan order
 * satisfies the graph, and applying with one worker is exactly the sequential plan.
 */
public final class StepGraph {

    /** The kinds of host object a step can touch. */
    enum Kind { NETWORK, BRIDGE, POOL, VOLUME, TAP, VM }

    /** One access: a named object (or every object of the kind, {@code name == null}), changed or only used. */
    record Access(Kind kind, String name, boolean writes) {
    }

    private final List<Action> steps;
    private final int[][] dependencies;
    private final int[][] dependents;

    private StepGraph(List<Action> steps, int[][] dependencies) {
        this.steps = steps;
        this.dependencies = dependencies;
        List<List<Integer>> out = new ArrayList<>();
        steps.forEach(s -> out.add(new ArrayList<>()));
        for (int i = 0; i < dependencies.length; i++) {
            for (int d : dependencies[i]) {
                out.get(d).add(i);
            }
        }
        this.dependents = out.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** The graph of {@code steps}, in plan order. */
    public static StepGraph of(List<Action> steps) {
        // Steps on several hosts (Action.OnHost): each host's objects are its own, so a network of the
        // same name on two hosts orders nothing across them. "Every object of a kind" (a statement, a
        // VM whose definition the plan lacks) stays across every host: that only orders more.
        Map<String, List<Action>> byHost = new HashMap<>();
        for (Action a : steps) {
            byHost.computeIfAbsent(hostOf(a), h -> new ArrayList<>()).add(Action.inner(a));
        }
        Map<String, Footprints> footprints = new HashMap<>();
        byHost.forEach((host, list) -> footprints.put(host, new Footprints(list)));
        Tracker tracker = new Tracker();
        int[][] deps = new int[steps.size()][];
        for (int i = 0; i < steps.size(); i++) {
            TreeSet<Integer> d = new TreeSet<>();
            if (Action.inner(steps.get(i)) instanceof Action.MigrateDomain m && m.at() != null) {
                // A migrate or evacuate statement is a statement: ordered with every other step, in script order.
                for (Kind k : Kind.values()) {
                    tracker.access(i, new Access(k, null, true), d);
                }
                d.remove(i);
                deps[i] = d.stream().mapToInt(Integer::intValue).toArray();
                continue;
            }
            if (Action.inner(steps.get(i)) instanceof Action.MigrateDomain m) {
                // A migration touches its VM on both hosts: what it needs on the target, what it leaves on the source.
                for (String host : List.of(m.from(), m.to())) {
                    for (Access a : footprints.computeIfAbsent(host, h -> new Footprints(List.of())).migration(m)) {
                        tracker.access(i, onHost(host, a), d);
                    }
                }
                d.remove(i);
                deps[i] = d.stream().mapToInt(Integer::intValue).toArray();
                continue;
            }
            String host = hostOf(steps.get(i));
            for (Access a : footprints.get(host).of(Action.inner(steps.get(i)))) {
                tracker.access(i, onHost(host, a), d);
            }
            d.remove(i);
            deps[i] = d.stream().mapToInt(Integer::intValue).toArray();
        }
        return new StepGraph(List.copyOf(steps), deps);
    }

    /** An access to a named object of one host (every object of a kind stays across every host). */
    private static Access onHost(String host, Access a) {
        return host == null || a.name() == null ? a : new Access(a.kind(), host + "\u0000" + a.name(), a.writes());
    }

    private static String hostOf(Action a) {
        return a instanceof Action.OnHost h ? h.host() : null;
    }

    public int size() {
        return steps.size();
    }

    public Action step(int i) {
        return steps.get(i);
    }

    /** Indices of the earlier steps step {@code i} waits for, ascending. */
    public int[] dependencies(int i) {
        return dependencies[i].clone();
    }

    /** Indices of the later steps that wait for step {@code i}, ascending. */
    public int[] dependents(int i) {
        return dependents[i].clone();
    }

    /**
     * Per object: the last step that changed it and the steps that used it since. A step that changes
     * an object waits for both; one that uses it waits for the last change only. "Every object of a
     * kind" is tracked beside the named ones.
     */
    private static final class Tracker {
        private static final class Slot {
            int writer = -1;
            List<Integer> readers = new ArrayList<>();
        }

        private final Map<Kind, Map<String, Slot>> named = new EnumMap<>(Kind.class);
        private final Map<Kind, Slot> every = new EnumMap<>(Kind.class);

        void access(int step, Access a, TreeSet<Integer> deps) {
            Map<String, Slot> byName = named.computeIfAbsent(a.kind(), k -> new HashMap<>());
            Slot all = every.computeIfAbsent(a.kind(), k -> new Slot());
            if (a.name() == null) {
                add(deps, all.writer);
                byName.values().forEach(s -> add(deps, s.writer));
                if (a.writes()) {
                    deps.addAll(all.readers);
                    byName.values().forEach(s -> deps.addAll(s.readers));
                    // Everything of the kind is now ordered before this step: later ones need wait for it only.
                    byName.clear();
                    all.writer = step;
                    all.readers = new ArrayList<>();
                } else {
                    all.readers.add(step);
                }
                return;
            }
            Slot s = byName.computeIfAbsent(a.name(), k -> new Slot());
            add(deps, s.writer);
            add(deps, all.writer);
            if (a.writes()) {
                deps.addAll(s.readers);
                deps.addAll(all.readers);
                s.writer = step;
                s.readers = new ArrayList<>();
            } else {
                s.readers.add(step);
            }
        }

        private static void add(TreeSet<Integer> deps, int step) {
            if (step >= 0) {
                deps.add(step);
            }
        }
    }

    /** What each step touches, with what the plan as a whole says about networks' bridges and VMs' definitions. */
    static final class Footprints {
        private final Map<String, String> bridges = new HashMap<>();
        private final Map<String, VmDef> vms = new HashMap<>();
        private final Map<String, Ownership> owners = new HashMap<>();

        Footprints(List<Action> steps) {
            for (Action a : steps) {
                if (a instanceof Action.DefineNetwork d) {
                    bridges.put(d.def().name(), d.def().bridge());
                } else if (a instanceof Action.UpdateNetworkDhcp u) {
                    bridges.put(u.def().name(), u.def().bridge());
                } else if (a instanceof Action.UpdateNetworkForwards u) {
                    bridges.put(u.def().name(), u.def().bridge());
                } else if (a instanceof Action.UndefineNetwork u && u.previous() != null) {
                    bridges.putIfAbsent(u.name(), u.previous().bridge());
                } else if (a instanceof Action.RestoreNetwork r) {
                    bridges.putIfAbsent(r.previous().name(), r.previous().bridge());
                } else if (a instanceof Action.DefineDomain d) {
                    vms.put(d.def().name(), d.def());
                    owners.put(d.def().name(), d.owner());
                } else if (a instanceof Action.UndefineDomain u && u.previous() != null) {
                    u.previous().owner().ifPresent(o -> owners.putIfAbsent(u.name(), o));
                } else if (a instanceof Action.RenameDomain r && r.previous() != null) {
                    r.previous().owner().ifPresent(o -> owners.putIfAbsent(r.from(), o));
                }
            }
        }

        List<Access> of(Action step) {
            List<Access> out = new ArrayList<>();
            if (step instanceof Action.DefineNetwork a) {
                write(out, Kind.NETWORK, a.def().name());
            } else if (step instanceof Action.UpdateNetworkDhcp a) {
                write(out, Kind.NETWORK, a.def().name());
            } else if (step instanceof Action.UpdateNetworkForwards a) {
                write(out, Kind.NETWORK, a.def().name());
            } else if (step instanceof Action.RestoreNetwork a) {
                write(out, Kind.NETWORK, a.previous().name());
            } else if (step instanceof Action.SetNetworkAutostart a) {
                write(out, Kind.NETWORK, a.name());
            } else if (step instanceof Action.UndefineNetwork a) {
                write(out, Kind.NETWORK, a.name());
            } else if (step instanceof Action.StartNetwork a) {
                networkRuns(out, a.name());
            } else if (step instanceof Action.StopNetwork a) {
                networkRuns(out, a.name());
            } else if (step instanceof Action.RestartNetwork a) {
                networkRuns(out, a.name());
            } else if (step instanceof Action.RepairNetwork a) {
                networkRuns(out, a.name());
            } else if (step instanceof Action.CreatePool a) {
                write(out, Kind.POOL, a.def().name());
            } else if (step instanceof Action.StartPool a) {
                write(out, Kind.POOL, a.name());
            } else if (step instanceof Action.RemovePool a) {
                write(out, Kind.POOL, a.name());
            } else if (step instanceof Action.CreateVolume a) {
                volume(out, a.disk().pool(), a.disk().volume());
            } else if (step instanceof Action.DeleteVolume a) {
                volume(out, a.volume().pool(), a.volume().name());
            } else if (step instanceof Action.ResizeVolume a) {
                volume(out, a.volume().pool(), a.volume().name());
                write(out, Kind.VM, a.vm());
            } else if (step instanceof Action.CreateTap a) {
                write(out, Kind.TAP, a.tap());
                use(out, Kind.BRIDGE, a.bridge());
            } else if (step instanceof Action.PlugTap a) {
                write(out, Kind.TAP, a.tap());
                use(out, Kind.BRIDGE, a.bridge());
                use(out, Kind.BRIDGE, a.previousBridge() == null || a.previousBridge().isEmpty() ? null : a.previousBridge());
            } else if (step instanceof Action.DeleteTap a) {
                write(out, Kind.TAP, a.tap());
            } else if (step instanceof Action.DefineDomain a) {
                domain(out, a.def().name());
            } else if (step instanceof Action.RestoreDomain a) {
                domain(out, a.previous().name());
            } else if (step instanceof Action.RenameDomain a) {
                domain(out, a.from());
                domain(out, a.to());
            } else if (step instanceof Action.StartDomain a) {
                domain(out, a.name());
            } else if (step instanceof Action.StopDomain a) {
                domain(out, a.name());
            } else if (step instanceof Action.UndefineDomain a) {
                domain(out, a.name());
            } else if (step instanceof Action.SetDomainAutostart a) {
                write(out, Kind.VM, a.name());
            } else if (step instanceof Action.AdoptNetwork a) {
                write(out, Kind.NETWORK, a.name());
            } else if (step instanceof Action.AdoptDomain a) {
                write(out, Kind.VM, a.name());
            } else if (step instanceof Action.ReleaseDomain a) {
                write(out, Kind.VM, a.name());
            } else {
                // A statement (Action.RunOp) may touch anything: it is ordered with every other step.
                for (Kind k : Kind.values()) {
                    out.add(new Access(k, null, true));
                }
            }
            return out;
        }

        /**
         * What a migration touches on one of its two hosts: the VM (gone from one, arriving on the other),
         * the networks it is plugged into and their bridges (all of them when it is not known which), and
         * its volumes (made and filled on the target, deleted on the source).
         */
        List<Access> migration(Action.MigrateDomain m) {
            List<Access> out = new ArrayList<>();
            write(out, Kind.VM, m.vm());
            if (m.networks() == null) {
                out.add(new Access(Kind.NETWORK, null, false));
                out.add(new Access(Kind.BRIDGE, null, false));
            } else {
                for (String net : m.networks()) {
                    out.add(new Access(Kind.NETWORK, net, false));
                    use(out, Kind.BRIDGE, bridges.get(net));
                }
            }
            m.volumes().forEach(v -> volume(out, v.pool(), v.name()));
            return out;
        }

        /** Starting or stopping a network makes or removes its bridge (libvirt's, or the host's it joins). */
        private void networkRuns(List<Access> out, String name) {
            write(out, Kind.NETWORK, name);
            out.add(new Access(Kind.BRIDGE, bridges.get(name), true));
        }

        private static void volume(List<Access> out, String pool, String name) {
            use(out, Kind.POOL, pool);
            write(out, Kind.VOLUME, pool + "/" + name);
        }

        /**
         * A VM step changes the VM and uses what it is plugged into and stored on. From its definition
         * in the plan, exactly that; otherwise the taps and volumes kvmsh recorded for it, and every
         * network and bridge (a VM kvmsh did not define in this plan may be on any of them).
         */
        private void domain(List<Access> out, String name) {
            write(out, Kind.VM, name);
            VmDef def = vms.get(name);
            Ownership owner = owners.get(name);
            if (def != null) {
                for (NicDef nic : def.nics()) {
                    if (nic.network() != null) {
                        out.add(new Access(Kind.NETWORK, nic.network(), false));
                        String bridge = bridges.get(nic.network());
                        if (bridge != null) {
                            out.add(new Access(Kind.BRIDGE, bridge, false));
                        }
                    }
                    if (nic.bridge() != null) {
                        out.add(new Access(Kind.BRIDGE, nic.bridge(), false));
                    }
                    if (nic.tap() != null) {
                        out.add(new Access(Kind.TAP, nic.tap(), false));
                    }
                }
                for (DiskDef disk : def.disks()) {
                    if (disk.pool() != null) {
                        out.add(new Access(Kind.POOL, disk.pool(), false));
                        if (disk.volume() != null) {
                            out.add(new Access(Kind.VOLUME, disk.pool() + "/" + disk.volume(), false));
                        }
                    }
                }
            } else {
                out.add(new Access(Kind.NETWORK, null, false));
                out.add(new Access(Kind.BRIDGE, null, false));
            }
            if (owner != null) {
                owner.taps().forEach(t -> out.add(new Access(Kind.TAP, t, false)));
                owner.volumes().forEach(v -> out.add(new Access(Kind.VOLUME, v.pool() + "/" + v.name(), false)));
            } else if (def == null) {
                out.add(new Access(Kind.TAP, null, false));
                out.add(new Access(Kind.VOLUME, null, false));
            }
        }

        private static void write(List<Access> out, Kind kind, String name) {
            out.add(new Access(kind, name, true));
        }

        /** A use of a named object; null names nothing (a tap left unplugged uses no bridge). */
        private static void use(List<Access> out, Kind kind, String name) {
            if (name != null) {
                out.add(new Access(kind, name, false));
            }
        }
    }
}
