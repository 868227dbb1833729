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
 * @param placement which declared hypervisor holds what ({@link Placement#NONE}: one host, from {@code -c})
 * @param project  the script's stable identity ({@code project 'name'}), or null: then the script's path is its
 *                 identity. Objects recorded with a project belong to whichever script declares that project,
 *                 wherever it lives, so a moved script keeps its objects.
 */
public record HostModel(String script, List<NetworkDef> networks, List<VmDef> vms, List<OpDef> ops,
                        List<PoolDef> pools, Adoption adoption, Placement placement, String project) {

    public HostModel {
        networks = List.copyOf(networks);
        vms = List.copyOf(vms);
        ops = List.copyOf(ops);
        pools = pools == null ? List.of() : List.copyOf(pools);
        adoption = adoption == null ? Adoption.NONE : adoption;
        placement = placement == null ? Placement.NONE : placement;
    }

    /** A model without a project: its path is its identity. */
    public HostModel(String script, List<NetworkDef> networks, List<VmDef> vms, List<OpDef> ops,
                     List<PoolDef> pools, Adoption adoption, Placement placement) {
        this(script, networks, vms, ops, pools, adoption, placement, null);
    }

    /** A model on one host (no hypervisors declared). */
    public HostModel(String script, List<NetworkDef> networks, List<VmDef> vms, List<OpDef> ops,
                     List<PoolDef> pools, Adoption adoption) {
        this(script, networks, vms, ops, pools, adoption, Placement.NONE);
    }

    /** A model that adopts nothing. */
    public HostModel(String script, List<NetworkDef> networks, List<VmDef> vms, List<OpDef> ops,
                     List<PoolDef> pools) {
        this(script, networks, vms, ops, pools, Adoption.NONE);
    }

    /** This model recorded as {@code script}'s (ownership is by absolute path). */
    public HostModel withScript(String newScript) {
        return new HostModel(newScript, networks, vms, ops, pools, adoption, placement, project);
    }

    /** This model under {@code name} ({@code project 'name'}; null: its path). */
    public HostModel withProject(String name) {
        return new HostModel(script, networks, vms, ops, pools, adoption, placement, name);
    }

    /** This model adopting every declared VM and network that exists unmanaged ({@code --adopt}). */
    public HostModel adoptingAll() {
        return new HostModel(script, networks, vms, ops, pools, adoption.everything(), placement, project);
    }

    /** This model without its imperative statements (what {@code run --verify} plans again). */
    public HostModel withoutOps() {
        return new HostModel(script, networks, vms, List.of(), pools, adoption, placement, project);
    }

    /**
     * What this model declares on hypervisor {@code host}: its VMs placed there, the networks and
     * pools whose {@code on} names it; no statements (they run after every host's declarations).
     */
    public HostModel on(String host) {
        return new HostModel(script,
                networks.stream().filter(n -> placement.networkHosts(n.name()).contains(host)).toList(),
                vms.stream().filter(v -> placement.vmHost(v.name()).filter(host::equals).isPresent()).toList(),
                List.of(),
                pools.stream().filter(p -> placement.poolHosts(p.name()).contains(host)).toList(),
                adoption, Placement.NONE, project);
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
