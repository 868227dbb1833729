package kvmsh.libvirt;

import java.util.List;
import java.util.Optional;
import kvmsh.plan.Ownership;

/**
 * What kvmsh reads back from a libvirt domain's XML.
 *
 * @param name       the domain's name
 * @param uuid       libvirt's UUID (kept on redefine)
 * @param owner      kvmsh's metadata, empty for a domain kvmsh does not own
 * @param interfaces the {@code <interface>} elements in document order (= NIC index)
 * @param seedInstanceId the instance-id of the domain's cloud-init seed as its metadata records it, or null
 */
public record DomainFacts(String name, String uuid, Optional<Ownership> owner, List<Interface> interfaces,
                          String seedInstanceId) {

    public DomainFacts {
        interfaces = List.copyOf(interfaces);
    }

    /** MACs by NIC index (null where libvirt has none), ready for {@link Annotations#macs()}. */
    public List<String> macs() {
        // Stream.toList keeps nulls, unlike List.copyOf.
        return interfaces.stream().map(Interface::mac).toList();
    }

    /**
     * One {@code <interface>}.
     *
     * @param type          network, bridge, ethernet …
     * @param sourceNetwork {@code <source network>}, or null
     * @param sourceBridge  {@code <source bridge>}, or null (libvirt also reports it for running
     *                      network interfaces)
     * @param targetDev     {@code <target dev>}: the live tap's name when running, or null
     * @param mac           {@code <mac address>}, or null
     */
    public record Interface(String type, String sourceNetwork, String sourceBridge, String targetDev, String mac) {
    }
}
