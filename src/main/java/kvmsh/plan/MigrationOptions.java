package kvmsh.plan;

/**
 * How to move a VM to another host ({@code migrate 'web', to: 'b', live: true, copyStorage: 'auto',
 * bandwidth: 100, timeout: 60}).
 *
 * @param live          keep a running VM running while its memory is copied (else it is paused for the copy)
 * @param copyStorage   whether its disks are copied to the target (see {@link CopyStorage})
 * @param bandwidthMiBs the most the migration may send, in MiB/s; 0 for no limit
 * @param timeoutSeconds after this many seconds of a live migration, the VM is paused so the
 *                      migration can finish (as {@code virsh migrate --timeout}); 0 for never
 */
public record MigrationOptions(boolean live, CopyStorage copyStorage, long bandwidthMiBs, int timeoutSeconds) {

    /** Live, disks copied where they are not on shared storage, no bandwidth limit, no timeout. */
    public static final MigrationOptions DEFAULT = new MigrationOptions(true, CopyStorage.AUTO, 0, 0);

    public MigrationOptions {
        if (copyStorage == null) {
            throw new IllegalArgumentException("copyStorage is required");
        }
        if (bandwidthMiBs < 0 || timeoutSeconds < 0) {
            throw new IllegalArgumentException("bandwidth and timeout cannot be negative");
        }
    }

    /** Whether a VM's disks travel with it. */
    public enum CopyStorage {
        /** Copied unless they are in a pool on shared storage (netfs, gluster, rbd, iscsi…). */
        AUTO,
        /** Always copied (libvirt's {@code --copy-storage-all}). */
        TRUE,
        /** Never: they must already be visible on the target (shared storage). */
        FALSE
    }
}
