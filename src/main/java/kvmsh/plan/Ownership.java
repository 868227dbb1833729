package kvmsh.plan;

import java.util.List;

/**
 * What kvmsh records in a libvirt object's {@code <metadata>} to mark it as its own:
 * <pre>{@code
 * <metadata>
 *   <kvmsh:owner xmlns:kvmsh="https://kvmsh.dev/xmlns/kvmsh/1" script="/abs/site.kvm" digest="…">
 *     <kvmsh:tap name="vnet1"/>
 *     <kvmsh:volume pool="default" name="web-vda.qcow2"/>
 *   </kvmsh:owner>
 * </metadata>
 * }</pre>
 *
 * @param script  absolute path of the script that declared the object
 * @param digest  SHA-256 (hex) of the object's rendered XML without uuid, generated MACs and metadata;
 *                equal digests mean nothing to change
 * @param taps    tap devices kvmsh created for this domain (removed with it)
 * @param volumes storage volumes kvmsh created for this domain (removed with it)
 */
public record Ownership(String script, String digest, List<String> taps, List<VolumeRef> volumes) {

    public static final String NAMESPACE = "https://kvmsh.dev/xmlns/kvmsh/1";
    public static final String PREFIX = "kvmsh";

    public Ownership {
        taps = List.copyOf(taps);
        volumes = List.copyOf(volumes);
    }

    /** A volume in a storage pool. */
    public record VolumeRef(String pool, String name) {
    }
}
