package kvmsh.plan;

/**
 * Where a running migration reports how far it is, from libvirt's job info (about twice a second).
 * Memory is re-sent while the guest dirties it, so {@code memoryRemaining} can grow again.
 */
@FunctionalInterface
public interface MigrationProgress {

    MigrationProgress NONE = (elapsed, memRemaining, memTotal, diskRemaining, diskTotal) -> { };

    void update(long elapsedMillis, long memoryRemaining, long memoryTotal, long diskRemaining, long diskTotal);
}
