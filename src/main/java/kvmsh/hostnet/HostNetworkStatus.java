package kvmsh.hostnet;

import java.util.List;
import java.util.OptionalLong;
import kvmsh.model.NetworkMode;

/**
 * What the host holds of one network, read fresh from the kernel, nft and the pid file.
 *
 * @param name              network name
 * @param mode              mode recorded by {@code up}, or null when kvmsh has no record of the network
 * @param bridge            bridge device, or null without a record
 * @param bridgePresent     the bridge exists
 * @param bridgeUp          the bridge is administratively up
 * @param stp               spanning tree is on
 * @param forwardDelayCentis the kernel's forward delay in hundredths of a second (-1 when unknown)
 * @param addresses         IPv4 addresses of the bridge, {@code address/prefix}
 * @param chains            this network's chains in {@code table inet kvmsh}
 * @param dnsmasqPid        pid of this network's dnsmasq, when it runs
 * @param ports             interfaces plugged into the bridge (guest taps, veths)
 */
public record HostNetworkStatus(
        String name,
        NetworkMode mode,
        String bridge,
        boolean bridgePresent,
        boolean bridgeUp,
        boolean stp,
        int forwardDelayCentis,
        List<String> addresses,
        List<String> chains,
        OptionalLong dnsmasqPid,
        List<String> ports) {

    public HostNetworkStatus {
        addresses = List.copyOf(addresses);
        chains = List.copyOf(chains);
        ports = List.copyOf(ports);
    }

    /** True when {@code up} has run for this network (and {@code down} has not). */
    public boolean known() {
        return mode != null;
    }
}
