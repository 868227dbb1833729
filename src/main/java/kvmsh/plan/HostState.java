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

    public Optional<NetworkState> network(String name) {
        return Optional.ofNullable(networks.get(name));
    }

    public Optional<DomainState> domain(String name) {
        return Optional.ofNullable(domains.get(name));
    }
}
