package kvmsh.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;

/**
 * Fingerprints of declarations as a backend renders them, without uuid, generated MACs and
 * metadata. Stored in {@link Ownership#digest()}; equal fingerprints mean nothing to change.
 */
public interface Digester {

    /**
     * A network's fingerprint, leaving out its DHCP range and static hosts (compared directly).
     *
     * @throws DeclarationException when this backend cannot realize the network (the planner reports it)
     */
    String network(NetworkDef def);

    String domain(VmDef def);

    /**
     * The fingerprint of a network kvmsh does not manage yet, as {@code kvmsh import} declares it:
     * equal to {@link #network(NetworkDef)} of a block that says what the network is, so adopting it
     * plans no other change.
     */
    String network(NetworkState existing);

    /** The fingerprint of a domain kvmsh does not manage yet, as {@code kvmsh import} declares it. */
    String domain(DomainState existing);

    /** SHA-256 of the UTF-8 bytes of {@code text}, as lowercase hex: the digest every backend records. */
    static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
