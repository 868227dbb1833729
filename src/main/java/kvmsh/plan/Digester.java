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

    /**
     * The static hosts of {@code def} that have an IPv6 address, as IPv6-only reservations: what a
     * digest keeps of the hosts. Only IPv4 reservations are updated in place; a changed IPv6 one
     * redefines the network.
     */
    static java.util.List<kvmsh.model.StaticHost> ipv6Hosts(NetworkDef def) {
        return def.hosts().stream().filter(h -> h.ip6() != null)
                .map(h -> new kvmsh.model.StaticHost(h.name(), h.mac(), null, h.ip6(), h.origin())).toList();
    }

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
