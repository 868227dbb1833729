package kvmsh.plan;

import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;

/**
 * Fingerprints of declarations as rendered for the hypervisor, without uuid, generated MACs and
 * metadata. Stored in {@link Ownership#digest()}; equal fingerprints mean nothing to change.
 */
public interface Digester {

    /** A network's fingerprint, leaving out its DHCP range and static hosts (compared directly). */
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
}
