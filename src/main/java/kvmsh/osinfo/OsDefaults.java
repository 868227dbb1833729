package kvmsh.osinfo;

/**
 * What a VM of a given OS gets unless the script says otherwise.
 *
 * @param id        the osinfo id (written into the domain's libosinfo metadata, as virt-install does)
 * @param name      human name
 * @param diskBus   bus for disks: virtio when the OS has virtio-blk drivers, else ide
 * @param nicModel  NIC model: virtio, else e1000, else rtl8139
 * @param memoryMiB recommended (else minimum) memory in MiB, 0 when the database does not say
 */
public record OsDefaults(String id, String name, String diskBus, String nicModel, long memoryMiB) {
}
