package kvmsh.plan;

import java.util.List;

/**
 * What kvmsh records in a libvirt object's {@code <metadata>} to mark it as its own:
 * <pre>{@code
 * <metadata>
 *   <kvmsh:owner xmlns:kvmsh="https://kvmsh.dev/xmlns/kvmsh/1" script="/abs/site.kvm" project="site" digest="…" protect="true">
 *     <kvmsh:tap name="vnet1"/>
 *     <kvmsh:volume pool="default" name="web-vda.qcow2"/>   (protect="true" with protect: true)
 *   </kvmsh:owner>
 * </metadata>
 * }</pre>
 *
 * @param script  absolute path of the script that declared the object
 * @param digest  SHA-256 (hex) of the object's rendered XML without uuid, generated MACs and metadata;
 *                equal digests mean nothing to change
 * @param taps    tap devices kvmsh created for this domain (removed with it)
 * @param volumes storage volumes kvmsh created for this domain (removed with it)
 * @param project the declaring script's {@code project 'name'}, or null: then {@code script} (its path) is the owner
 * @param protect  the VM was declared with {@code protect true}: no step may undefine it
 * @param kept     volumes declared with {@code protect: true}: no step may delete them
 * @param login    the user {@code kvmsh ssh} logs in as (the VM's first cloud-init user), or null: none
 *                 declared, or a VM defined before kvmsh recorded it ({@code login="admin"} on the owner element)
 */
public record Ownership(String script, String digest, List<String> taps, List<VolumeRef> volumes, String project,
                        boolean protect, List<VolumeRef> kept, String login) {

    public static final String NAMESPACE = "https://kvmsh.dev/xmlns/kvmsh/1";
    public static final String PREFIX = "kvmsh";

    public Ownership {
        taps = List.copyOf(taps);
        volumes = List.copyOf(volumes);
        kept = kept == null ? List.of() : List.copyOf(kept);
    }

    /** An owner without a login user. */
    public Ownership(String script, String digest, List<String> taps, List<VolumeRef> volumes, String project,
                     boolean protect, List<VolumeRef> kept) {
        this(script, digest, taps, volumes, project, protect, kept, null);
    }

    /**
     * Whether this owner record says what {@code host} says, the host being read from the host: equal,
     * or equal but for a login user the host's record lacks (a VM defined before kvmsh recorded logins
     * is not redefined for that alone; its next definition records it).
     */
    public boolean sameAs(Ownership host) {
        return equals(host) || host.login == null && equals(host.withLogin(login));
    }

    /** This owner with login user {@code user} (null: none). */
    public Ownership withLogin(String user) {
        return new Ownership(script, digest, taps, volumes, project, protect, kept, user);
    }

    /** An owner recorded by path (a script without {@code project}), nothing protected. */
    public Ownership(String script, String digest, List<String> taps, List<VolumeRef> volumes) {
        this(script, digest, taps, volumes, null);
    }

    /** An owner with nothing protected. */
    public Ownership(String script, String digest, List<String> taps, List<VolumeRef> volumes, String project) {
        this(script, digest, taps, volumes, project, false, List.of());
    }

    /**
     * Whether a script at {@code path} declaring {@code project} (or none: null) is this object's owner.
     * An object recorded with a project is that project's, wherever its script has moved; one recorded by
     * path only is the script's at that path (also once it declares a project: it is then recorded with it).
     */
    public boolean ownedBy(String path, String project) {
        return this.project != null ? this.project.equals(project) : script.equals(path);
    }

    /** The owner as messages name it: {@code project 'site' (/srv/site.kvm)}, or the script's path. */
    public String who() {
        return project == null ? script : "project '" + project + "' (" + script + ")";
    }

    /** A volume in a storage pool. */
    public record VolumeRef(String pool, String name) {
    }
}
