package kvmsh.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest kvmsh records in an object's metadata. The planner renders the desired object with
 * {@link Annotations#NONE} and digests that text; an equal digest in the live object's metadata means
 * the declaration has not changed since kvmsh last applied it.
 */
public final class Digests {

    private Digests() {
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
