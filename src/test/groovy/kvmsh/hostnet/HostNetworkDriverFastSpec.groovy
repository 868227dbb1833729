package kvmsh.hostnet

import java.nio.file.Files
import kvmsh.model.NetworkMode
import spock.lang.Specification
import spock.lang.TempDir

import static kvmsh.hostnet.HostNets.network

/**
 * The driver's logic on a {@link RecordingHost}: no root, no namespace, no process started.
 * The real kernel, nft and dnsmasq are {@link HostNetworkDriverSpec}'s (end-to-end).
 */
class HostNetworkDriverFastSpec extends Specification {

    @TempDir java.nio.file.Path dir
    RecordingHost host = new RecordingHost()
    RunDirectory run
    HostNetworkDriver driver

    def setup() {
        run = new RunDirectory(dir.resolve('net'))
        driver = new HostNetworkDriver(host, run)
    }

    /** A NAT network without DHCP: no dnsmasq wanted (the double can start none). */
    static plain(Map opts = [:]) {
        network([dhcp: null, hosts: []] + opts, NetworkMode.NAT)
    }

    def 'up of a NAT network makes a marked bridge with the gateway, no IPv6, ip_forward and one nft load'() {
        when:
        driver.up(plain())

        then:
        def br = host.links['kvbr-nat']
        br.kind == 'bridge' && br.alias == 'kvmsh:lan' && br.up
        br.addrs == ['10.0.0.1/24']
        host.sysctls['net/ipv6/conf/kvbr-nat/disable_ipv6'] == '1'
        host.sysctls['net.ipv4.ip_forward'] == '1'
        host.nft['inet'].keySet() == ['postrouting_lan', 'forward_lan', 'input_lan'] as Set
        host.lines().count('nft -f -') == 1
        host.lines().indexOf('ip link add name kvbr-nat type bridge forward_delay 0 stp_state 0') <
                host.lines().indexOf('ip link set dev kvbr-nat alias kvmsh:lan')
        host.dnsmasqStarts.isEmpty()
    }

    def 'up again changes nothing on the host'() {
        given:
        driver.up(plain())
        int before = host.commands.size()

        when:
        driver.up(plain())

        then:
        def again = host.lines().drop(before)
        !again.any { it.startsWith('ip link add') || it.startsWith('ip addr') || it == 'nft -f -' || it.startsWith('sysctl -w') }
        host.links.keySet() == ['kvbr-nat'] as Set
    }

    def 'a bridge that exists but is not kvmsh\'s is refused and left untouched'() {
        given:
        host.bridge('kvbr-nat', null).addrs << '192.168.7.1/24'

        when:
        driver.up(plain())

        then:
        def e = thrown(HostNetworkException)
        e.message.contains('already exists and is not kvmsh\'s bridge')
        host.links['kvbr-nat'].addrs == ['192.168.7.1/24']
        host.lines().every { it.startsWith('ip -force -json') }
        !host.nft
    }

    def "a restart plugs the guests' taps back into the new bridge, and leaves a tap that went away gone"() {
        given: 'two taps qemu made, on the network'
        ['vnet1', 'vnet2'].each { host.links[it] = new RecordingHost.Link(kind: 'tun', up: true) }
        driver.join(plain(), '/s.kvm', 'vnet1')
        driver.join(plain(), '/s.kvm', 'vnet2')

        when: 'one guest stops while the network restarts'
        host.links.remove('vnet2')
        driver.restart('lan')

        then:
        host.links['kvbr-nat'].kind == 'bridge'
        host.links['vnet1'].master == 'kvbr-nat'
        !host.links.containsKey('vnet2')
        host.lines().count { it == 'ip link del dev kvbr-nat' } == 1
    }

    def 'a tap joins the bridge and the last leave takes the network down unless kept'() {
        when:
        driver.join(plain(), '/s.kvm', 'vnet1')

        then:
        host.links['vnet1'].kind == 'tun' && host.links['vnet1'].master == 'kvbr-nat' && host.links['vnet1'].up

        when:
        int left = driver.leave('vnet1', 'lan', keep)

        then:
        left == 0
        host.links.containsKey('vnet1') == false
        host.links.containsKey('kvbr-nat') == keep
        host.nft.isEmpty() == !keep

        where:
        keep << [false, true]
    }

    def 'a hook joins a network another script declared only as that script declares it'() {
        given:
        driver.join(plain(), '/one.kvm', 'vnet1')
        def before = host.links.collectEntries { k, v -> [k, v.properties.toString()] }

        when: 'another file declares it identically: the tap joins'
        driver.join(plain(), '/two.kvm', 'vnet2')

        then:
        host.links['vnet2'].master == 'kvbr-nat'

        when: 'another file declares it differently (STP on)'
        driver.join(plain(stp: true), '/three.kvm', 'vnet3')

        then:
        def e = thrown(HostNetworkException)
        e.message.startsWith("network 'lan' belongs to /one.kvm, which declares it differently from /three.kvm")
        !host.links.containsKey('vnet3')
        host.links['kvbr-nat'].properties.toString() == before['kvbr-nat']
        Files.readString(run.record('lan')).contains('script=/one.kvm')

        when: 'its own file, edited, may change it'
        driver.join(plain(stp: true), '/one.kvm', 'vnet4')

        then:
        host.links['vnet4'].master == 'kvbr-nat'
    }

    def 'a join that fails half-way leaves no half network'() {
        given:
        host.failing << 'ip addr add'

        when:
        driver.join(plain(), '/s.kvm', 'vnet1')

        then:
        thrown(RuntimeException)
        host.links.isEmpty()
        host.nft.isEmpty()
        !Files.exists(run.network('lan'))
    }

    def 'down removes exactly what up made'() {
        given:
        host.bridge('br-other', null)
        host.nft['inet'] = [:]
        driver.up(plain())

        when:
        driver.down('lan')

        then:
        host.links.keySet() == ['br-other'] as Set
        host.nft.isEmpty()
        !Files.exists(run.network('lan'))
    }

    def 'define records without touching the host, start realizes it and stop takes it down'() {
        when:
        driver.define(plain(), '/s.kvm', null)

        then:
        host.commands.isEmpty()

        when:
        driver.start('lan')
        driver.reown('lan', '/t.kvm', null)

        then:
        host.links['kvbr-nat'].alias == 'kvmsh:lan'
        NetworkRecord.read(run, 'lan').get().script() == '/t.kvm'

        when:
        driver.stop('lan')

        then:
        host.links.isEmpty()
        host.nft.isEmpty()
    }

    def 'a DHCP network writes its dnsmasq config in the run directory and starts dnsmasq with it'() {
        when:
        driver.up(network(NetworkMode.NAT))

        then: 'no dnsmasq lives, since the double starts no process: the driver says so'
        def e = thrown(HostNetworkException)
        e.message.contains('names no running dnsmasq of ours')
        host.dnsmasqStarts == [run.dnsmasqConf('lan').toString()]
        Files.readString(run.dnsmasqConf('lan')).contains('dhcp-range=10.0.0.100,10.0.0.200,')
    }

    def 'a dnsmasq that cannot start falls back to DHCP only when another server listens on port 53 where ours would'() {
        given:
        host.failing << 'dnsmasq'
        host.port53 << listener

        when:
        driver.up(network(NetworkMode.NAT))

        then: 'the double never starts a dnsmasq, so the (last) start fails either way'
        def e = thrown(HostNetworkException)
        e.message.contains('dnsmasq did not start')
        host.lines().count { it.startsWith('dnsmasq ') } == starts
        Files.readString(run.dnsmasqConf('lan')).contains('port=0') == dhcpOnly

        where:
        listener                                        | starts | dhcpOnly
        'udp   UNCONN 0      0      0.0.0.0:53      0.0.0.0:*' | 2 | true
        'tcp   LISTEN 0      32     10.0.0.1%kvbr-nat:53 0.0.0.0:*' | 2 | true
        'tcp   LISTEN 0      32        [::]:53         [::]:*' | 2 | true
        'udp   UNCONN 0      0      10.9.9.9:53     0.0.0.0:*' | 1 | false
    }

    def 'a dnsmasq that cannot start with nothing on port 53 fails with its own reason'() {
        given:
        host.failing << 'dnsmasq'

        when:
        driver.up(network(NetworkMode.NAT))

        then:
        def e = thrown(HostNetworkException)
        e.message.contains('dnsmasq did not start (exit 2): RTNETLINK answers')
        host.lines().count { it.startsWith('dnsmasq ') } == 1
        !Files.readString(run.dnsmasqConf('lan')).contains('port=0')
    }

    def 'an address from an earlier subnet on our bridge gives way to the gateway'() {
        given:
        driver.up(plain())
        host.links['kvbr-nat'].addrs << '10.5.0.1/24'

        when:
        driver.up(plain())

        then:
        host.links['kvbr-nat'].addrs == ['10.0.0.1/24']
        host.lines().contains('ip addr del 10.5.0.1/24 dev kvbr-nat')
    }

    def 'turning STP on sets the forward delay before the STP state'() {
        given:
        driver.up(plain())
        int before = host.commands.size()

        when:
        driver.up(plain(stp: true, delay: 4))

        then:
        host.lines().drop(before).findAll { it.contains('type bridge') } == [
                'ip link set dev kvbr-nat type bridge forward_delay 400',
                'ip link set dev kvbr-nat type bridge stp_state 1']
        host.links['kvbr-nat'].stp == 1 && host.links['kvbr-nat'].delay == 400
    }

    def 'the double refuses commands it does not know'() {
        when:
        host.run(['ip', 'route', 'add', 'default'])

        then:
        thrown(AssertionError)
    }
}
