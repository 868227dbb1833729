package kvmsh.plan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of what the hypervisor host has, as far as kvmsh plans against it.
 *
 * @param uri      the libvirt URI it was read from
 * @param networks libvirt networks by name
 * @param domains  libvirt domains by name
 * @param pools    storage pool names
 * @param volumes  volumes as {@code pool/name}
 * @param links    host network links by name, mapped to their bridge master ("" when none)
 * @param poolInfo state and free space of the pools by name (may be missing for some pools)
 */
public record HostState(String uri, Map<String, NetworkState> networks, Map<String, DomainState> domains,
                        Set<String> pools, Set<String> volumes, Map<String, String> links,
                        Map<String, PoolState> poolInfo) {

    public HostState {
        networks = Map.copyOf(networks);
        domains = Map.copyOf(domains);
        pools = Set.copyOf(pools);
        volumes = Set.copyOf(volumes);
        links = Map.copyOf(links);
        poolInfo = poolInfo == null ? Map.of() : Map.copyOf(poolInfo);
    }

    public Optional<NetworkState> network(String name) {
        return Optional.ofNullable(networks.get(name));
    }

    public Optional<DomainState> domain(String name) {
        return Optional.ofNullable(domains.get(name));
    }
}
