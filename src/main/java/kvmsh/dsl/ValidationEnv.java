package kvmsh.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What validation may ask about the host a script is meant for, so the DSL layer itself never
 * touches libvirt. Tests pass an in-memory implementation.
 */
public interface ValidationEnv {

    /** What a path is on the host, as far as disks, CD-ROMs, kernels and logs care. */
    enum FileKind {
        MISSING, REGULAR, DIRECTORY, BLOCK_DEVICE, CHAR_DEVICE, OTHER;

        /** What a path is on this machine (symlinks followed). */
        public static FileKind of(String path) {
            Path p = Path.of(path);
            if (!Files.exists(p)) {
                return MISSING;
            }
            if (Files.isDirectory(p)) {
                return DIRECTORY;
            }
            if (Files.isRegularFile(p)) {
                return REGULAR;
            }
            try {
                // st_mode's file type bits: S_IFBLK 060000, S_IFCHR 020000.
                int type = (Integer) Files.getAttribute(p, "unix:mode") & 0170000;
                return type == 0060000 ? BLOCK_DEVICE : type == 0020000 ? CHAR_DEVICE : OTHER;
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return OTHER;
            }
        }
    }

    /** True when a network exists on the host without being declared by the script, e.g. 'default'. */
    boolean networkExists(String name);

    /**
     * True when a VM of that name exists on the host, so a statement may act on it without the script
     * declaring it; false here, where there is no host to ask (every statement then names a declared VM).
     */
    default boolean vmExists(String name) {
        return false;
    }

    /** True when an absolute path exists (disk images, ISOs, kernels); kvmsh runs on the host, so: locally. */
    default boolean fileExists(String path) {
        return Files.exists(Path.of(path));
    }

    /** What an absolute path is: a disk must be a file or block device, a log no directory … */
    default FileKind fileKind(String path) {
        return FileKind.of(path);
    }

    /** The host's memory in MiB (libvirt's node info), if known: no VM may ask for more. */
    default OptionalLong hostMemoryMiB() {
        return OptionalLong.empty();
    }

    /**
     * The memory in MiB the VM of that name has on the host now, if it exists. A host may already give
     * one VM more than it has (memory overcommit); declaring that VM as it is asks for nothing new, so
     * only asking for more than both the host and the VM has is an error.
     */
    default OptionalLong vmMemoryMiB(String name) {
        return OptionalLong.empty();
    }

    /** The most virtual CPUs one VM of this libvirt type ('kvm', 'qemu') may have on the host, if known. */
    default OptionalInt maxVcpus(String virtType) {
        return OptionalInt.empty();
    }

    /**
     * What validation asks about one hypervisor a script declares, for a vm placed on it with
     * {@code on}: that host's memory, vCPU limit and VMs, since a fleet's hosts differ. This env itself
     * where the hosts are not told apart (a script without hypervisors, a test).
     */
    default ValidationEnv on(String hypervisor) {
        return this;
    }

    /**
     * Why the host cannot carry out statements of this kind (libvirt's reason), or empty when it
     * can or nobody knows: a statement the host cannot serve is a problem of the plan, not a failure
     * halfway through the run.
     */
    default java.util.Optional<String> cannotServe(kvmsh.model.OpDef.Verb verb) {
        return java.util.Optional.empty();
    }

    /**
     * The test guest's kernel and initrd, built if needed; empty where kvmsh cannot build it.
     * Scripts ask for it with {@code guest} in a vm block.
     */
    default java.util.Optional<TestGuest> testGuest() {
        return java.util.Optional.empty();
    }

    /**
     * The osinfo database for {@code os 'debian11'}; empty where {@code osinfo-db} is not installed,
     * and then explicit settings (and kvmsh's own defaults) still work.
     */
    default java.util.Optional<kvmsh.osinfo.OsInfoDb> osinfo() {
        return kvmsh.osinfo.OsInfoDb.system();
    }

    /** The local filesystem and no networks besides the script's own. */
    static ValidationEnv local() {
        return name -> false;
    }
}
