package kvmsh.model;

import java.util.List;

/**
 * A declared VM, with every default resolved.
 *
 * @param name      libvirt domain name
 * @param virtType  libvirt domain type: {@code kvm} (hardware) or {@code qemu} (TCG emulation)
 * @param memoryMiB memory in MiB
 * @param cpus      virtual CPUs
 * @param disks     disks and CD-ROMs in declaration order
 * @param boot      boot device order: {@code hd}, {@code cdrom}, {@code network}; empty with kernel boot
 * @param kernel    direct kernel boot, or null
 * @param nics      network interfaces in declaration order
 * @param graphics  graphical console, or null for none
 * @param serialLog file the serial console is also logged to, or null
 * @param autostart start with the host
 * @param state     desired state after apply, or null to leave it as it is
 * @param os        the guest OS as an osinfo id ({@code http://debian.org/debian/11}), or null
 * @param customize edits of the generated domain XML, applied in order after rendering
 * @param cloudInit cloud-init data for a NoCloud seed, or null for none
 * @param origin    where the {@code vm} statement is
 * @param protectAt where {@code protect true} is, or null: no step may delete a VM declared with it
 * @param was       the name this VM had before ({@code was 'old'}: a rename), or null
 * @param wasAt     where {@code was} is, or null
 */
public record VmDef(
        String name,
        String virtType,
        long memoryMiB,
        int cpus,
        List<DiskDef> disks,
        List<String> boot,
        KernelBoot kernel,
        List<NicDef> nics,
        GraphicsDef graphics,
        String serialLog,
        boolean autostart,
        VmState state,
        String os,
        List<XmlEdit> customize,
        CloudInitDef cloudInit,
        Origin origin,
        Origin protectAt,
        String was,
        Origin wasAt) {

    public VmDef {
        disks = List.copyOf(disks);
        boot = List.copyOf(boot);
        nics = List.copyOf(nics);
        customize = customize == null ? List.of() : List.copyOf(customize);
    }

    /** A VM without OS id and XML edits (the shape before {@code os}/{@code customize} existed). */
    /** A VM without protect or was. */
    public VmDef(String name, String virtType, long memoryMiB, int cpus, List<DiskDef> disks, List<String> boot,
                 KernelBoot kernel, List<NicDef> nics, GraphicsDef graphics, String serialLog, boolean autostart,
                 VmState state, String os, List<XmlEdit> customize, CloudInitDef cloudInit, Origin origin) {
        this(name, virtType, memoryMiB, cpus, disks, boot, kernel, nics, graphics, serialLog, autostart, state, os,
                customize, cloudInit, origin, null, null, null);
    }

    public VmDef(String name, String virtType, long memoryMiB, int cpus, List<DiskDef> disks, List<String> boot,
                 KernelBoot kernel, List<NicDef> nics, GraphicsDef graphics, String serialLog, boolean autostart,
                 VmState state, Origin origin) {
        this(name, virtType, memoryMiB, cpus, disks, boot, kernel, nics, graphics, serialLog, autostart, state, null,
                List.of(), null, origin);
    }

    /** A VM without cloud-init (the shape before {@code cloudInit} existed). */
    public VmDef(String name, String virtType, long memoryMiB, int cpus, List<DiskDef> disks, List<String> boot,
                 KernelBoot kernel, List<NicDef> nics, GraphicsDef graphics, String serialLog, boolean autostart,
                 VmState state, String os, List<XmlEdit> customize, Origin origin) {
        this(name, virtType, memoryMiB, cpus, disks, boot, kernel, nics, graphics, serialLog, autostart, state, os,
                customize, null, origin);
    }

    /**
     * The boot order a VM gets when its block names none: the first disk, else the CD-ROM, else the
     * network (PXE); nothing with direct kernel boot.
     */
    public static List<String> defaultBoot(List<DiskDef> disks, List<NicDef> nics, KernelBoot kernel) {
        if (kernel != null) {
            return List.of();
        }
        if (disks.stream().anyMatch(d -> d.device() == DiskDef.Device.DISK)) {
            return List.of("hd");
        }
        if (!disks.isEmpty()) {
            return List.of("cdrom");
        }
        return nics.isEmpty() ? List.of() : List.of("network");
    }

    /** This VM with other disks (the planner resolves their pools). */
    public VmDef withDisks(List<DiskDef> newDisks) {
        return new VmDef(name, virtType, memoryMiB, cpus, newDisks, boot, kernel, nics, graphics, serialLog, autostart,
                state, os, customize, cloudInit, origin, protectAt, was, wasAt);
    }

    /** This VM with other cloud-init data (the planner resolves the seed's pool). */
    public VmDef withCloudInit(CloudInitDef newCloudInit) {
        return new VmDef(name, virtType, memoryMiB, cpus, disks, boot, kernel, nics, graphics, serialLog, autostart,
                state, os, customize, newCloudInit, origin, protectAt, was, wasAt);
    }

    /** This VM under another name (what it would be had it kept its old name), without was. */
    public VmDef withName(String newName) {
        return new VmDef(newName, virtType, memoryMiB, cpus, disks, boot, kernel, nics, graphics, serialLog, autostart,
                state, os, customize, cloudInit, origin, protectAt, null, null);
    }

    /** Whether the VM is declared with {@code protect true}. */
    public boolean isProtected() {
        return protectAt != null;
    }
}
