package kvmsh.hostnet

import kvmsh.model.DhcpRange
import kvmsh.model.Ipv6Def
import kvmsh.model.NetworkDef
import kvmsh.model.NetworkMode
import kvmsh.model.Origin
import kvmsh.model.PortForward
import kvmsh.model.StaticHost

/** Networks for the host network specs: one per mode, with a range and two static hosts. */
class HostNets {

    static final Origin O = Origin.UNKNOWN

    static NetworkDef network(Map opts = [:], NetworkMode mode) {
        String name = opts.name ?: 'lan'
        if (mode == NetworkMode.BRIDGE) {
            return new NetworkDef(name, mode, null, null, 0, opts.bridge ?: 'br0', false, 0, null, [], false, null, null, O)
        }
        int third = opts.third ?: 0
        String net = "10.${third}.0"
        DhcpRange range = opts.containsKey('dhcp') ? opts.dhcp : new DhcpRange("${net}.100", "${net}.200", O)
        List<StaticHost> hosts = opts.containsKey('hosts') ? opts.hosts :
                [new StaticHost('web', '52:54:00:00:00:0a', "${net}.10", O),
                 new StaticHost('db', '52:54:00:00:00:0b', "${net}.11", O)]
        new NetworkDef(name, mode, "${net}.0/24", "${net}.1", 24,
                opts.bridge ?: 'kvbr-' + mode.keyword(),
                opts.containsKey('stp') ? opts.stp : false,
                opts.containsKey('delay') ? opts.delay : 0,
                range, hosts, false, opts.pxe, null, O, opts.ipv6, opts.domain, opts.forwards ?: [])
    }

    /** A NAT network forwarding tcp 2222 to web:22 and udp 5353 to db's same port (both static hosts of {@link #network}). */
    static NetworkDef forwarding(Map opts = [:]) {
        network(NetworkMode.NAT, name: opts.name ?: 'lan', ipv6: opts.ipv6, forwards: [
                new PortForward('tcp', 2222, 'web', 22, '10.0.0.10', O),
                new PortForward('udp', 5353, 'db', 5353, '10.0.0.11', O)])
    }

    /** A NAT network with {@code 10.0.0.0/24} and {@code fd00:10::/64} (SLAAC, a DHCPv6 range, a host with both addresses). */
    static NetworkDef dualStack(Map opts = [:]) {
        network(NetworkMode.NAT, name: opts.name ?: 'lan', bridge: opts.bridge, domain: opts.domain,
                hosts: [new StaticHost('web', '52:54:00:00:00:0a', '10.0.0.10', 'fd00:10::10', O),
                        new StaticHost('db', '52:54:00:00:00:0b', '10.0.0.11', O)],
                ipv6: new Ipv6Def('fd00:10::/64', 'fd00:10::1', 64,
                        opts.containsKey('dhcp6') ? opts.dhcp6 : new DhcpRange('fd00:10::100', 'fd00:10::1ff', O), O))
    }

    /** An IPv6-only network of {@code mode} on {@code fd00:20::/64}, SLAAC only. */
    static NetworkDef ipv6Only(Map opts = [:], NetworkMode mode) {
        new NetworkDef(opts.name ?: 'six', mode, null, null, 0, opts.bridge ?: 'kvbr-six', false, 0, null, [], false, null,
                null, O, new Ipv6Def('fd00:20::/64', 'fd00:20::1', 64, null, O))
    }
}
