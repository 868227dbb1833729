package kvmsh.libvirt;

import java.util.List;
import java.util.Optional;
import kvmsh.plan.Ownership;

/**
 * What kvmsh reads back from a libvirt network's XML.
 *
 * @param name   the network's name
 * @param uuid   libvirt's UUID (kept on redefine)
 * @param bridge the bridge device, or null if libvirt has not picked one
 * @param mac    the bridge's MAC ({@code <mac address>}, kept on redefine), or null
 * @param owner  kvmsh's metadata, empty for a network kvmsh does not own
 * @param ranges DHCP ranges of the first IPv4 {@code <ip>}, in document order
 * @param hosts  static DHCP hosts of that {@code <ip>}, in document order
 * @param forwards the port forwards kvmsh recorded in its metadata
 */
public record NetworkFacts(String name, String uuid, String bridge, String mac, Optional<Ownership> owner,
                           List<Range> ranges, List<Host> hosts, List<kvmsh.model.PortForward> forwards) {

    public NetworkFacts {
        ranges = List.copyOf(ranges);
        hosts = List.copyOf(hosts);
        forwards = List.copyOf(forwards);
    }

    /** A DHCP range as libvirt has it. */
    public record Range(String start, String end) {
    }

    /** A static DHCP host as libvirt has it; any attribute may be null. */
    public record Host(String mac, String name, String ip) {
    }
}
