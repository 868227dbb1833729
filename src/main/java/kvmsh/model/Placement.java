package kvmsh.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which declared host holds which object, for a script that declares its hypervisors. A script
 * without {@code hypervisor} declarations has {@link #NONE}: everything goes to the one host of
 * {@code -c URI}, as before there were several.
 *
 * @param hypervisors the declared hosts, in declaration order
 * @param vms         each VM's host ({@code on 'a'}), by VM name
 * @param networks    each network's hosts ({@code on 'a', 'b'}), by network name
 * @param pools       each pool's hosts, by pool name
 * @param vmsAt       where each VM's {@code on} is, by VM name (a move between hosts is reported there)
 */
public record Placement(List<HypervisorDef> hypervisors, Map<String, String> vms,
                        Map<String, List<String>> networks, Map<String, List<String>> pools,
                        Map<String, Origin> vmsAt) {

    /** No hypervisor declared: one host, named on the command line. */
    public static final Placement NONE = new Placement(List.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public Placement {
        hypervisors = List.copyOf(hypervisors);
        vms = Map.copyOf(vms);
        networks = Map.copyOf(networks);
        pools = Map.copyOf(pools);
        vmsAt = vmsAt == null ? Map.of() : Map.copyOf(vmsAt);
    }

    /** Where VM {@code name}'s {@code on} is, if placed. */
    public Optional<Origin> vmAt(String name) {
        return Optional.ofNullable(vmsAt.get(name));
    }

    /** Whether the script declares its hosts (then {@code -c} may not name one). */
    public boolean declared() {
        return !hypervisors.isEmpty();
    }

    public Optional<HypervisorDef> hypervisor(String name) {
        return hypervisors.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The host of VM {@code name}, if placed. */
    public Optional<String> vmHost(String name) {
        return Optional.ofNullable(vms.get(name));
    }

    /** The hosts of network {@code name} (empty when it is not placed). */
    public List<String> networkHosts(String name) {
        return networks.getOrDefault(name, List.of());
    }

    /** The hosts of pool {@code name} (empty when it is not placed). */
    public List<String> poolHosts(String name) {
        return pools.getOrDefault(name, List.of());
    }
}
