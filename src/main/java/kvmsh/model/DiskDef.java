package kvmsh.model;

/**
 * A disk or CD-ROM of a VM.
 *
 * @param device    DISK or CDROM
 * @param path      image file for an existing image or ISO; null for a new volume
 * @param format    image format: qcow2, raw, …
 * @param bus       virtio, ide, sata, scsi, usb
 * @param target    guest device name (vda, hdc, sda …), resolved from bus and position
 * @param pool      storage pool of a new volume (null for an existing image)
 * @param volume    volume name in the pool (null for an existing image)
 * @param sizeBytes capacity of a new thin volume (0 for an existing image)
 * @param origin    where the {@code disk}/{@code cdrom} statement is
 */
public record DiskDef(
        Device device,
        String path,
        String format,
        String bus,
        String target,
        String pool,
        String volume,
        long sizeBytes,
        Origin origin) {

    public enum Device { DISK, CDROM }

    /** True when kvmsh creates this disk as a new volume (and so removes it on {@code down}). */
    public boolean isNewVolume() {
        return volume != null;
    }
}
