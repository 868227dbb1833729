package kvmsh.plan;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kvmsh.model.NetworkDef;
import kvmsh.model.OpDef;
import kvmsh.model.VmDef;

/**
 * Several backends behind one {@link Hypervisor}, so that one plan and one apply (with one
 * rollback) span them: libvirt on this machine and kvmsh's host network driver today, several
 * libvirt hosts later. Each step runs on the backend that holds its object: a declared network on
 * the backend its placement names, a network found on the host on the backend it was read from,
 * a statement attaching to a network on that network's backend, everything else (domains, pools,
 * volumes, taps of VMs, other statements) on the first backend. {@link #backendOf} says which, so
 * a plan can name it.
 * <p>
 * Which backend serves what is policy decided before planning (see {@code kvmsh.backend.DriverChoice});
 * this class only routes, and knows no backend's kind.
 */
public final class Backends implements Hypervisor {

    private final String label;
    private final Map<String, Hypervisor> members;
    private final String first;
    private final Map<String, String> placed;
    private final Map<String, String> found = new HashMap<>();

    /**
     * @param label    how messages name the host ({@link #uri()})
     * @param members  backends by name, in order; the first serves everything not placed
     * @param networks declared networks placed on a backend other than the first, by name
     */
    public Backends(String label, Map<String, ? extends Hypervisor> members, Map<String, String> networks) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no backend");
        }
        this.label = label;
        this.members = new LinkedHashMap<>(members);
        this.first = this.members.keySet().iterator().next();
        this.placed = Map.copyOf(networks);
        placed.values().forEach(this::member);
    }

    /** One backend serving everything. */
    public static Backends of(String name, Hypervisor backend) {
        return new Backends(backend.uri(), Map.of(name, backend), Map.of());
    }

    /** The backends' names, the first (the one serving whatever is not placed) first. */
    public List<String> names() {
        return List.copyOf(members.keySet());
    }

    /** The first backend of {@code type}, if any (for questions only one kind can answer, like host limits). */
    public <T extends Hypervisor> java.util.Optional<T> find(Class<T> type) {
        return members.values().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public String uri() {
        return label;
    }

    /**
     * Every backend's snapshot in one: a network from the backend it is placed on, else from the
     * first backend that has it; the other objects as every backend has them.
     */
    @Override
    public HostState read() {
        Map<String, NetworkState> networks = new HashMap<>();
        List<HostState> states = new java.util.ArrayList<>();
        found.clear();
        for (Map.Entry<String, Hypervisor> m : members.entrySet()) {
            HostState s = m.getValue().read();
            states.add(s);
            s.networks().forEach((name, n) -> {
                String on = placed.get(name);
                if (on != null ? on.equals(m.getKey()) : !networks.containsKey(name)) {
                    networks.put(name, n);
                    found.put(name, m.getKey());
                }
            });
        }
        HostState all = HostState.union(label, states);
        return new HostState(label, networks, all.domains(), all.pools(), all.volumes(), all.links(), all.poolInfo(),
                all.volumeCapacity(), all.seeds());
    }

    @Override
    public String execute(Action action) {
        return member(backendOf(action)).execute(action);
    }

    /** Every member's keys: an apply holds the lock of each host it may change. */
    @Override
    public List<String> lockKeys() {
        return members.values().stream().flatMap(h -> h.lockKeys().stream()).distinct().toList();
    }

    /** The name of the backend {@code action} runs on. */
    public String backendOf(Action action) {
        String network = network(action);
        return network == null ? first : networkBackend(network);
    }

    /** {@link Action#describe()}, naming the backend when there are several. */
    public String describe(Action action) {
        return action.describe() + where(action);
    }

    /** {@code "   [backend]"} naming the backend {@code action} runs on when there are several, else empty. */
    public String where(Action action) {
        return members.size() == 1 ? "" : "   [" + backendOf(action) + "]";
    }

    private String networkBackend(String name) {
        return placed.getOrDefault(name, found.getOrDefault(name, first));
    }

    /** The network a step is about, or null when it is about something else. */
    private static String network(Action action) {
        if (action instanceof Action.DefineNetwork a) {
            return a.def().name();
        } else if (action instanceof Action.UpdateNetworkDhcp a) {
            return a.def().name();
        } else if (action instanceof Action.UpdateNetworkForwards a) {
            return a.def().name();
        } else if (action instanceof Action.RestoreNetwork a) {
            return a.previous().name();
        } else if (action instanceof Action.StartNetwork a) {
            return a.name();
        } else if (action instanceof Action.StopNetwork a) {
            return a.name();
        } else if (action instanceof Action.RestartNetwork a) {
            return a.name();
        } else if (action instanceof Action.RepairNetwork a) {
            return a.name();
        } else if (action instanceof Action.SetNetworkAutostart a) {
            return a.name();
        } else if (action instanceof Action.UndefineNetwork a) {
            return a.name();
        } else if (action instanceof Action.RunOp a && a.op().verb() == OpDef.Verb.MOVE_NIC) {
            return a.op().options().get("to");
        }
        return null;
    }

    private Hypervisor member(String name) {
        Hypervisor h = members.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no backend " + name);
        }
        return h;
    }

    /** Each network digested by the backend it is placed on; domains by the first. */
    @Override
    public Digester digester() {
        return new Digester() {
            @Override
            public String network(NetworkDef def) {
                return member(networkBackend(def.name())).digester().network(def);
            }

            @Override
            public String domain(VmDef def) {
                return member(first).digester().domain(def);
            }

            @Override
            public String network(NetworkState existing) {
                return member(networkBackend(existing.name())).digester().network(existing);
            }

            @Override
            public String domain(DomainState existing) {
                return member(first).digester().domain(existing);
            }
        };
    }

    @Override
    public void close() {
        RuntimeException failed = null;
        for (Hypervisor h : members.values()) {
            try {
                h.close();
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
