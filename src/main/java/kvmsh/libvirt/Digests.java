package kvmsh.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;

/**
 * The digest kvmsh records in an object's metadata. The planner renders the desired object with
 * {@link Annotations#NONE} and digests that text; an equal digest in the live object's metadata means
 * the declaration has not changed since kvmsh last applied it.
 */
public final class Digests {

    private Digests() {
    }

    /** The digest of a declared network: of its rendering without annotations. */
    public static String of(NetworkDef def) {
        return of(XmlRenderer.network(def, Annotations.NONE));
    }

    /** The digest of a declared VM: of its rendering without annotations (so without generated MACs). */
    public static String of(VmDef vm) {
        return of(XmlRenderer.domain(vm, Annotations.NONE));
    }

    /** SHA-256 of the UTF-8 bytes of {@code xml}, as lowercase hex. */
    public static String of(String xml) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(xml.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
