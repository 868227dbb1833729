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
 * @param origin    where the {@code vm} statement is
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
        Origin origin) {

    public VmDef {
        disks = List.copyOf(disks);
        boot = List.copyOf(boot);
        nics = List.copyOf(nics);
    }
}
