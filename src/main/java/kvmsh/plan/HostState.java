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
 * @param volumeCapacity capacity in bytes of the volumes as {@code pool/name} (may be missing for some)
 * @param seeds    the instance-id of each domain's cloud-init seed as its metadata records it, by domain name
 */
public record HostState(String uri, Map<String, NetworkState> networks, Map<String, DomainState> domains,
                        Set<String> pools, Set<String> volumes, Map<String, String> links,
                        Map<String, PoolState> poolInfo, Map<String, Long> volumeCapacity,
                        Map<String, String> seeds) {

    public HostState {
        volumeCapacity = volumeCapacity == null ? Map.of() : Map.copyOf(volumeCapacity);
        seeds = seeds == null ? Map.of() : Map.copyOf(seeds);
        networks = Map.copyOf(networks);
        domains = Map.copyOf(domains);
        pools = Set.copyOf(pools);
        volumes = Set.copyOf(volumes);
        links = Map.copyOf(links);
        poolInfo = poolInfo == null ? Map.of() : Map.copyOf(poolInfo);
    }

    /** A snapshot without volume sizes and seeds: a backend that has neither (the host network driver). */
    public HostState(String uri, Map<String, NetworkState> networks, Map<String, DomainState> domains,
                     Set<String> pools, Set<String> volumes, Map<String, String> links,
                     Map<String, PoolState> poolInfo) {
        this(uri, networks, domains, pools, volumes, links, poolInfo, Map.of(), Map.of());
    }

    /** One snapshot of everything {@code states} hold (the first one's object where several have a name). */
    public static HostState union(String uri, java.util.Collection<HostState> states) {
        Map<String, NetworkState> networks = new java.util.HashMap<>();
        Map<String, DomainState> domains = new java.util.HashMap<>();
        Set<String> pools = new java.util.HashSet<>();
        Set<String> volumes = new java.util.HashSet<>();
        Map<String, String> links = new java.util.HashMap<>();
        Map<String, PoolState> poolInfo = new java.util.HashMap<>();
        Map<String, Long> capacities = new java.util.HashMap<>();
        Map<String, String> seeds = new java.util.HashMap<>();
        for (HostState s : states) {
            s.networks().forEach(networks::putIfAbsent);
            s.domains().forEach(domains::putIfAbsent);
            pools.addAll(s.pools());
            volumes.addAll(s.volumes());
            s.links().forEach(links::putIfAbsent);
            s.poolInfo().forEach(poolInfo::putIfAbsent);
            s.volumeCapacity().forEach(capacities::putIfAbsent);
            s.seeds().forEach(seeds::putIfAbsent);
        }
        return new HostState(uri, networks, domains, pools, volumes, links, poolInfo, capacities, seeds);
    }

    public Optional<NetworkState> network(String name) {
        return Optional.ofNullable(networks.get(name));
    }

    public Optional<DomainState> domain(String name) {
        return Optional.ofNullable(domains.get(name));
    }
}
