package kvmsh.hostnet

import kvmsh.host.CommandRunner
import kvmsh.model.NetworkDef
import kvmsh.model.NetworkMode
import kvmsh.model.Origin
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Specification

import static kvmsh.hostnet.HostNets.network

/**
 * What kvmsh's bridges let through, IPv6 included, with real packets between network namespaces:
 * a "guest" is a namespace whose veth end is plugged into the bridge as a tap would be, the "LAN"
 * another namespace joined to the host by a veth pair. Each isolation is shown to hold, then to be
 * kvmsh's doing: with kvmsh's table gone, the same packet gets through.
 */
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class IsolationE2ESpec extends Specification {

    @AutoCleanup Namespaces spaces = new Namespaces()
    String host, guest, lan
    CommandRunner inHost, inGuest, inLan
    HostNetworkDriver driver

    def setup() {
        host = spaces.add()
        guest = spaces.add('-g')
        lan = spaces.add('-l')
        inHost = spaces.inside(host)
        inGuest = spaces.inside(guest)
        inLan = spaces.inside(lan)
        driver = new HostNetworkDriver(inHost, spaces.run)
        [inHost, inGuest, inLan].each { it.check('ip', 'link', 'set', 'lo', 'up') }
    }

    /** A guest NIC: veth {@code port} in the host namespace (to be plugged in), {@code geth} in the guest's. */
    void guestNic(String port) {
        inHost.check('ip', 'link', 'add', port, 'type', 'veth', 'peer', 'name', 'geth', 'netns', guest)
        inGuest.check('sysctl', '-q', '-w', 'net.ipv6.conf.geth.accept_dad=0')
        inGuest.check('ip', 'link', 'set', 'geth', 'up')
    }

    /** Host eth0 fd00:1::2 / LAN fd00:1::1, with a route back to the guests' fd00:2::/64; IPv6 forwarding on. */
    void lanWithIpv6() {
        inHost.check('ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', lan)
        [inHost, inLan].each {
            it.check('sysctl', '-q', '-w', 'net.ipv6.conf.eth0.accept_dad=0')
            it.check('ip', 'link', 'set', 'eth0', 'up')
        }
        inHost.check('ip', '-6', 'addr', 'add', 'fd00:1::2/64', 'dev', 'eth0', 'nodad')
        inLan.check('ip', '-6', 'addr', 'add', 'fd00:1::1/64', 'dev', 'eth0', 'nodad')
        inLan.check('ip', '-6', 'route', 'add', 'fd00:2::/64', 'via', 'fd00:1::2')
        inHost.check('sysctl', '-q', '-w', 'net.ipv6.conf.all.forwarding=1')
    }

    /** What a host whose bridge kept IPv6 would have (before kvmsh turned it off): fd00:2::1 and a link-local address. */
    void ipv6BackOn(String bridge) {
        inHost.check('sysctl', '-q', '-w', "net/ipv6/conf/${bridge}/accept_dad=0".toString())
        inHost.check('sysctl', '-q', '-w', "net/ipv6/conf/${bridge}/disable_ipv6=0".toString())
        inHost.check('ip', '-6', 'addr', 'add', 'fd00:2::1/64', 'dev', bridge, 'nodad')
    }

    /** One ICMPv6 echo from the guest's NIC (busybox's ping: the test guest's own tool, in SANDBOX_PACKAGES). */
    boolean ping6(String to) {
        inGuest.run('busybox', 'ping', '-6', '-c', '1', '-W', '1', '-I', 'geth', to).ok()
    }

    /** A packet that should get through: a few tries, as neighbour discovery on a busy machine can outlast one. */
    boolean reaches(String to) {
        (1..5).any { ping6(to) }
    }

    static NetworkDef guestsOnly(String bridge) {
        new NetworkDef('iso', NetworkMode.ISOLATED, null, null, 0, bridge, false, 0, null, [], false, null,
                NetworkDef.Driver.AUTO, Origin.UNKNOWN)
    }

    def 'every kvmsh bridge has IPv6 off, read back from the kernel, also when its name holds a dot'() {
        when:
        driver.up(guestsOnly('iso.x'))
        driver.up(network(NetworkMode.NAT))

        then:
        inHost.check('cat', '/proc/sys/net/ipv6/conf/iso.x/disable_ipv6').stdout().strip() == '1'
        inHost.check('cat', '/proc/sys/net/ipv6/conf/kvbr-nat/disable_ipv6').stdout().strip() == '1'
        inHost.check('ip', '-6', '-o', 'addr', 'show', 'dev', 'iso.x').stdout().isBlank()

        when: 'something turns it back on: the next call (a VM starting) turns it off again'
        inHost.check('sysctl', '-q', '-w', 'net/ipv6/conf/iso.x/disable_ipv6=0')
        driver.up(guestsOnly('iso.x'))

        then:
        inHost.check('cat', '/proc/sys/net/ipv6/conf/iso.x/disable_ipv6').stdout().strip() == '1'
    }

    def "a guest on a guests-only bridge does not reach the host's link-local address, even with IPv6 back on the bridge"() {
        given:
        driver.up(guestsOnly('iso.x'))
        guestNic('vport1')
        driver.attachTap('vport1', 'iso')
        ipv6BackOn('iso.x')
        String hostLinkLocal = inHost.check('ip', '-6', '-o', 'addr', 'show', 'dev', 'iso.x', 'scope', 'link').stdout()
                .find(/fe80::[0-9a-f:]+/)
        assert hostLinkLocal

        expect: 'kvmsh\'s input chain drops it'
        !ping6(hostLinkLocal)
        !ping6('fd00:2::1')

        when: 'without kvmsh\'s table'
        inHost.check('nft', 'delete', 'table', 'inet', 'kvmsh')

        then: 'the same packets get through: the table is what stopped them (neighbour discovery may want a retry on a busy machine)'
        reaches(hostLinkLocal)
    }

    def "a NAT guest's IPv6 is never routed to the LAN un-NATed, even with IPv6 forwarding on and IPv6 on the bridge"() {
        given:
        lanWithIpv6()
        driver.up(network(NetworkMode.NAT))
        guestNic('vport1')
        driver.attachTap('vport1', 'lan')
        ipv6BackOn('kvbr-nat')
        inGuest.check('ip', '-6', 'addr', 'add', 'fd00:2::10/64', 'dev', 'geth', 'nodad')
        inGuest.check('ip', '-6', 'route', 'add', 'default', 'via', 'fd00:2::1')

        expect: 'the guest reaches its gateway, but nothing beyond it'
        reaches('fd00:2::1')
        !ping6('fd00:1::1')

        when:
        inHost.check('nft', 'delete', 'table', 'inet', 'kvmsh')

        then:
        reaches('fd00:1::1')
    }

    def 'a host-only guest reaches neither the LAN nor anything else over IPv6'() {
        given:
        lanWithIpv6()
        driver.up(network(NetworkMode.ISOLATED, name: 'host-only', third: 1, bridge: 'kvbr-ho'))
        guestNic('vport1')
        driver.attachTap('vport1', 'host-only')
        ipv6BackOn('kvbr-ho')
        inGuest.check('ip', '-6', 'addr', 'add', 'fd00:2::10/64', 'dev', 'geth', 'nodad')
        inGuest.check('ip', '-6', 'route', 'add', 'default', 'via', 'fd00:2::1')

        expect:
        !ping6('fd00:1::1')

        when:
        inHost.check('nft', 'delete', 'table', 'inet', 'kvmsh')

        then:
        reaches('fd00:1::1')
    }

    def 'two NAT networks do not forward to each other, IPv4 nor IPv6, by default'() {
        given: 'a guest on each of two dual-stack NAT networks'
        inHost.check('sysctl', '-q', '-w', 'net.ipv6.conf.all.forwarding=1')
        driver.up(HostNets.dualStack(name: 'a', bridge: 'kvbr-a', dhcp6: null))
        driver.up(new NetworkDef('b', NetworkMode.NAT, '10.1.0.0/24', '10.1.0.1', 24, 'kvbr-b', false, 0, null, [], false, null,
                NetworkDef.Driver.AUTO, Origin.UNKNOWN, new kvmsh.model.Ipv6Def('fd00:11::/64', 'fd00:11::1', 64, null, Origin.UNKNOWN)))
        guestNic('vport1')
        driver.attachTap('vport1', 'a')
        inGuest.check('ip', 'addr', 'add', '10.0.0.10/24', 'dev', 'geth')
        inGuest.check('ip', 'route', 'add', 'default', 'via', '10.0.0.1')
        inGuest.check('ip', '-6', 'addr', 'add', 'fd00:10::10/64', 'dev', 'geth', 'nodad')
        inGuest.check('ip', '-6', 'route', 'add', 'default', 'via', 'fd00:10::1')
        String other = spaces.add('-o')
        def inOther = spaces.inside(other)
        inHost.check('ip', 'link', 'add', 'vport2', 'type', 'veth', 'peer', 'name', 'oeth', 'netns', other)
        driver.attachTap('vport2', 'b')
        inOther.check('sysctl', '-q', '-w', 'net.ipv6.conf.oeth.accept_dad=0')
        inOther.check('ip', 'link', 'set', 'oeth', 'up')
        inOther.check('ip', 'addr', 'add', '10.1.0.10/24', 'dev', 'oeth')
        inOther.check('ip', 'route', 'add', 'default', 'via', '10.1.0.1')
        inOther.check('ip', '-6', 'addr', 'add', 'fd00:11::10/64', 'dev', 'oeth', 'nodad')
        inOther.check('ip', '-6', 'route', 'add', 'default', 'via', 'fd00:11::1')
        def ping = { String to -> inGuest.run('busybox', 'ping', '-c', '1', '-W', '1', to).ok() }

        expect: 'each guest reaches its gateway, not the other network\'s guest'
        (1..5).any { ping('10.0.0.1') } && reaches('fd00:10::1')
        !ping('10.1.0.10')
        !ping6('fd00:11::10')

        when:
        inHost.check('nft', 'delete', 'table', 'inet', 'kvmsh')

        then: 'kvmsh\'s table is what kept them apart'
        (1..5).any { ping('10.1.0.10') }
        reaches('fd00:11::10')
    }

    def "the gateway's DNS answers only its own bridge: not the LAN"() {
        given:
        lanWithIpv6()
        inHost.check('ip', 'addr', 'add', '172.16.0.2/24', 'dev', 'eth0')
        inLan.check('ip', 'addr', 'add', '172.16.0.1/24', 'dev', 'eth0')
        inLan.check('ip', 'route', 'add', '10.0.0.0/24', 'via', '172.16.0.2')
        driver.up(network(NetworkMode.NAT))
        // A TCP connection to the gateway's DNS port, from the LAN (routed there through the host).
        def probe = { -> inLan.run('timeout', '3', 'bash', '-c', 'exec 3<>/dev/tcp/10.0.0.1/53 && echo open').stdout().contains('open') }

        expect:
        !probe()

        when:
        inHost.check('nft', 'delete', 'table', 'inet', 'kvmsh')

        then:
        probe()
    }

    def 'a host with the old table ip kvmsh is migrated: the network moves to table inet kvmsh and the old table goes'() {
        given: 'what an earlier kvmsh left: this network\'s chains in table ip kvmsh'
        inHost.run(['nft', '-f', '-'], '''table ip kvmsh {
            chain forward_lan {
                type filter hook forward priority filter; policy accept;
                iifname "kvbr-nat" drop
            }
            chain forward_other {
                type filter hook forward priority filter; policy accept;
                iifname "kvbr-other" drop
            }
        }
        '''.stripIndent()).orThrow()

        when:
        driver.up(network(NetworkMode.NAT))

        then: 'only the other network is left in the old table'
        spaces.kvmshChains(host, 'ip') == [forward_other: 1]
        spaces.kvmshChains(host) == [postrouting_lan: 3, forward_lan: 5, input_lan: 2]

        when: 'the other network is taken down by this kvmsh'
        driver.down('other')

        then:
        spaces.kvmshChains(host, 'ip') == null
        spaces.kvmshChains(host) == [postrouting_lan: 3, forward_lan: 5, input_lan: 2]
    }

    def 'a tap marker naming a device that is not a tap does not make kvmsh delete that device'() {
        given:
        inHost.check('ip', 'link', 'add', 'victim0', 'type', 'veth', 'peer', 'name', 'victim1')
        driver.up(network(NetworkMode.NAT))
        RunFiles.touch(spaces.run.tapMarker('lan', 'victim0'))

        when:
        driver.down('lan')

        then:
        inHost.run('ip', 'link', 'show', 'victim0').ok()
        spaces.bridges(host).isEmpty()
    }
}
