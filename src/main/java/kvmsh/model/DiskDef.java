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
 * @param sizeBytes capacity of a new thin volume (0 for an existing image; for an overlay: 0 = the backing size)
 * @param backing   for a new copy-on-write overlay volume: the absolute path of its backing image, else null
 * @param backingFormat format of {@code backing} (qcow2, raw), or null
 * @param origin    where the {@code disk}/{@code cdrom} statement is
 * @param protect   {@code protect: true}: no step may delete this disk's volume
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
        String backing,
        String backingFormat,
        Origin origin,
        boolean protect) {

    /** An unprotected disk. */
    public DiskDef(Device device, String path, String format, String bus, String target, String pool, String volume,
                   long sizeBytes, String backing, String backingFormat, Origin origin) {
        this(device, path, format, bus, target, pool, volume, sizeBytes, backing, backingFormat, origin, false);
    }

    /** A disk without a backing image (the shape before overlays existed). */
    public DiskDef(Device device, String path, String format, String bus, String target, String pool, String volume,
                   long sizeBytes, Origin origin) {
        this(device, path, format, bus, target, pool, volume, sizeBytes, null, null, origin);
    }

    /** This disk in another pool (the planner resolves a missing pool to the host's default). */
    public DiskDef inPool(String newPool) {
        return new DiskDef(device, path, format, bus, target, newPool, volume, sizeBytes, backing, backingFormat,
                origin, protect);
    }

    /** This disk on another volume of its pool (a renamed VM keeps the volumes it had). */
    public DiskDef withVolume(String newVolume) {
        return new DiskDef(device, path, format, bus, target, pool, newVolume, sizeBytes, backing, backingFormat,
                origin, protect);
    }

    /** This disk with {@code protect: true} or without. */
    public DiskDef withProtect(boolean on) {
        return new DiskDef(device, path, format, bus, target, pool, volume, sizeBytes, backing, backingFormat,
                origin, on);
    }

    /** True for a new volume that is a copy-on-write overlay of {@link #backing()}. */
    public boolean isOverlay() {
        return backing != null;
    }

    public enum Device { DISK, CDROM }

    /**
     * The guest device name of the {@code index}th disk (from 0) on a bus: {@code vd}/{@code hd}/{@code sd}
     * and a, b … z, aa, ab, as libvirt and Linux name them.
     */
    public static String target(String bus, int index) {
        String prefix = switch (bus) {
            case "virtio" -> "vd";
            case "ide" -> "hd";
            default -> "sd"; // sata, scsi and usb disks share the sd* names, as in libvirt
        };
        StringBuilder sb = new StringBuilder();
        int i = index;
        do {
            sb.insert(0, (char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return prefix + sb;
    }

    /** {@code vd}, {@code hd} or {@code sd}: the disks of buses sharing it are counted together. */
    public static String targetPrefix(String bus) {
        return target(bus, 0).substring(0, 2);
    }

    /** True when kvmsh creates this disk as a new volume (and so removes it on {@code down}). */
    public boolean isNewVolume() {
        return volume != null;
    }
}
