package kvmsh.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything one script declares: the desired networks and VMs plus its imperative statements.
 * Immutable; built by the DSL layer, read by the planner.
 *
 * @param script   the script's path as given by the user (recorded as owner in libvirt metadata)
 * @param networks networks in declaration order
 * @param vms      VMs in declaration order
 * @param ops      imperative statements in script order
 * @param pools    storage pools in declaration order
 * @param adoption which existing unmanaged objects the script takes over ({@code adopt true}, {@code --adopt})
 */
public record HostModel(String script, List<NetworkDef> networks, List<VmDef> vms, List<OpDef> ops,
                        List<PoolDef> pools, Adoption adoption) {

    public HostModel {
        networks = List.copyOf(networks);
        vms = List.copyOf(vms);
        ops = List.copyOf(ops);
        pools = pools == null ? List.of() : List.copyOf(pools);
        adoption = adoption == null ? Adoption.NONE : adoption;
    }

    /** A model that adopts nothing. */
    public HostModel(String script, List<NetworkDef> networks, List<VmDef> vms, List<OpDef> ops,
                     List<PoolDef> pools) {
        this(script, networks, vms, ops, pools, Adoption.NONE);
    }

    /** This model recorded as {@code script}'s (ownership is by absolute path). */
    public HostModel withScript(String newScript) {
        return new HostModel(newScript, networks, vms, ops, pools, adoption);
    }

    /** This model adopting every declared VM and network that exists unmanaged ({@code --adopt}). */
    public HostModel adoptingAll() {
        return new HostModel(script, networks, vms, ops, pools, adoption.everything());
    }

    /** This model without its imperative statements (what {@code run --verify} plans again). */
    public HostModel withoutOps() {
        return new HostModel(script, networks, vms, List.of(), pools, adoption);
    }

    /** A model without storage pools (the shape before {@code pool} existed). */
    public HostModel(String script, List<NetworkDef> networks, List<VmDef> vms, List<OpDef> ops) {
        this(script, networks, vms, ops, List.of());
    }

    public Optional<PoolDef> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<NetworkDef> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<VmDef> vm(String name) {
        return vms.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
