package kvmsh.dsl;

import kvmsh.model.Origin;
import kvmsh.model.PoolDef;

/**
 * The settings of a {@code pool 'name' { … }} block: a storage pool for new volumes. Directory
 * pools only, like libvirt's own 'default' pool.
 */
public final class PoolSpec extends BlockSpec {

    Located<String> dir;
    Boolean autostart;

    PoolSpec(String name, Origin origin, Declarations decl, KvmshScript script) {
        super(name, origin, decl, script);
    }

    @Override
    String blockName() {
        return "pool";
    }

    /**
     * A directory pool: volumes are files in this directory (created if missing).
     * <pre>{@code dir '/srv/images'}</pre>
     */
    @Keyword(summary = "directory pool: volumes are files in this directory", example = "dir '/srv/images'",
            expects = "an absolute directory")
    @Values(kind = Values.Kind.PATH)
    public void dir(String path) {
        dir = new Located<>(decl.absolute(path), here());
    }

    /**
     * Start the pool when the host boots (default true: VMs that autostart need their disks).
     * <pre>{@code autostart false}</pre>
     */
    @Keyword(summary = "start with the host (default true)", example = "autostart false", expects = "true or false")
    public void autostart(boolean on) {
        autostart = on;
    }

    /**
     * The hypervisors this pool is defined on, each of them declared in the script with
     * {@code hypervisor}: the same pool (and directory) on each.
     * <pre>{@code on 'a', 'b'}</pre>
     */
    @Keyword(summary = "the hypervisors this pool is on (the same directory on each)", example = "on 'a', 'b'",
            expects = "one or more hypervisor names: on 'a', 'b'")
    public void on(String... hypervisors) {
        placeOn(hypervisors);
    }

    /** The model, or null (with a problem) when the block has no type. */
    PoolDef resolve(Problems problems, ValidationEnv env) {
        if (dir == null) {
            problems.add(origin, "pool '" + name + "' has no type", "add dir '/srv/images'");
            return null;
        }
        ValidationEnv.FileKind kind = env.fileKind(dir.value());
        if (kind != ValidationEnv.FileKind.MISSING && kind != ValidationEnv.FileKind.DIRECTORY) {
            problems.add(dir.origin(), "pool directory " + dir.value() + " exists and is not a directory",
                    "name a directory (kvmsh creates a missing one)");
        }
        return new PoolDef(name, "dir", dir.value(), autostart == null || autostart, origin);
    }
}
