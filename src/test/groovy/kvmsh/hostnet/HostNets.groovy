package kvmsh.hostnet

import kvmsh.model.DhcpRange
import kvmsh.model.NetworkDef
import kvmsh.model.NetworkMode
import kvmsh.model.Origin
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
                range, hosts, false, opts.pxe, null, O)
    }
}
