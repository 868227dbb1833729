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
}
