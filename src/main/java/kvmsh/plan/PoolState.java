package kvmsh.plan;

/**
 * A storage pool as it is on the host.
 *
 * @param name      pool name
 * @param active    started (its volumes can be used)
 * @param path      the target directory (dir pools), or null
 * @param capacity  bytes the pool's file system holds (0 when inactive or unknown)
 * @param available bytes free in it now
 */
public record PoolState(String name, boolean active, String path, long capacity, long available) {
}
