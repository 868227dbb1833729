package kvmsh.dsl;

/**
 * What validation may ask about the host a script is meant for, so the DSL layer itself never
 * touches libvirt. Tests pass an in-memory implementation.
 */
public interface ValidationEnv {

    /** True when a network exists on the host without being declared by the script, e.g. 'default'. */
    boolean networkExists(String name);

    /** True when an absolute path exists (disk images, ISOs, kernels); kvmsh runs on the host, so: locally. */
    default boolean fileExists(String path) {
        return java.nio.file.Files.exists(java.nio.file.Path.of(path));
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
