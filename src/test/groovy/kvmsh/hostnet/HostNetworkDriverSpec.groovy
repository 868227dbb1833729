package kvmsh.hostnet

import java.nio.file.Files
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import kvmsh.host.CommandResult
import kvmsh.host.CommandRunner
import kvmsh.host.ProcessRunner
import kvmsh.model.NetworkMode
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification

import static kvmsh.hostnet.HostNets.network

/**
 * The driver against a real kernel, nft and dnsmasq — always inside network namespaces this spec
 * creates and deletes. The root namespace's links, ruleset and ip_forward are compared before and
 * after.
 */
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class HostNetworkDriverSpec extends Specification {

    @Shared ProcessRunner root = new ProcessRunner()
    @Shared Map<String, String> rootBefore

    @AutoCleanup Namespaces spaces = new Namespaces()
    String ns
    CommandRunner inNs
    HostNetworkDriver driver

    def setupSpec() {
        rootBefore = rootState()
    }

    def cleanupSpec() {
        assert rootState() == rootBefore
        assert root.check('ip', 'netns', 'list').stdout().readLines().findAll { it.startsWith(Namespaces.PREFIX) }.isEmpty()
    }

    def setup() {
        ns = spaces.add()
        inNs = spaces.inside(ns)
        driver = new HostNetworkDriver(inNs, spaces.run)
    }

    def 'up twice yields one bridge, exactly our chains, one dnsmasq and ip_forward on'() {
        given:
        def lan = network(NetworkMode.NAT)

        when:
        def first = driver.up(lan)
        def second = driver.up(lan)

        then:
        spaces.bridges(ns) == ['kvbr-nat']
        spaces.kvmshChains(ns) == [postrouting_lan: 3, forward_lan: 5, input_lan: 2]
        spaces.dnsmasqPids() == [first.dnsmasqPid().asLong]
        second.dnsmasqPid() == first.dnsmasqPid()
        second.addresses() == ['10.0.0.1/24']
        second.bridgeUp()
        inNs.check('cat', '/proc/sys/net/ipv4/ip_forward').stdout().trim() == '1'
    }

    def 'down removes the bridge, our table, our dnsmasq and the run files'() {
        given:
        driver.up(network(NetworkMode.NAT))
        driver.attachTap('kvtap0', 'lan')

        when:
        driver.down('lan')

        then:
        spaces.bridges(ns).isEmpty()
        spaces.kvmshChains(ns) == null
        spaces.dnsmasqPids().isEmpty()
        !Files.exists(spaces.run.network('lan'))
        !inNs.run('ip', 'link', 'show', 'dev', 'kvtap0').ok()
        !driver.status('lan').known()

        when: 'down again'
        driver.down('lan')

        then:
        noExceptionThrown()
    }

    def 'a foreign nft table is untouched by up and down'() {
        given:
        inNs.run(['nft', '-f', '-'], '''table ip nat {
            chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                ip saddr 192.168.5.0/24 masquerade
            }
        }
        table inet filter {
            chain forward {
                type filter hook forward priority filter; policy accept;
                iifname "eth9" drop
            }
        }
        '''.stripIndent()).orThrow()
        String foreign = foreignTables()

        when:
        driver.up(network(NetworkMode.NAT))

        then:
        foreignTables() == foreign

        when:
        driver.down('lan')

        then:
        foreignTables() == foreign
        foreign.contains('masquerade') && foreign.contains('eth9')
    }

    def 'each network replaces only its own chains, and the table goes with the last one'() {
        given:
        driver.up(network(NetworkMode.NAT))
        driver.up(network(NetworkMode.ISOLATED, name: 'host-only', third: 1))
        driver.up(network(NetworkMode.ROUTED, name: 'dmz', third: 2))

        expect:
        spaces.kvmshChains(ns) == [postrouting_lan: 3, forward_lan: 5, input_lan: 2, 'forward_host-only': 3, 'input_host-only': 2, forward_dmz: 5, input_dmz: 2]
        spaces.dnsmasqPids().size() == 3

        when:
        driver.down('lan')

        then:
        spaces.kvmshChains(ns) == ['forward_host-only': 3, 'input_host-only': 2, forward_dmz: 5, input_dmz: 2]
        spaces.bridges(ns).toSet() == ['kvbr-isolated', 'kvbr-routed'] as Set

        when:
        driver.down('host-only')
        driver.down('dmz')

        then:
        spaces.kvmshChains(ns) == null
        spaces.dnsmasqPids().isEmpty()
    }

    def 'a changed declaration is converged: new rules and a restarted dnsmasq with the new config'() {
        given:
        def before = driver.up(network(NetworkMode.NAT))

        when:
        def after = driver.up(network(NetworkMode.ROUTED, name: 'lan', bridge: 'kvbr-nat', hosts: []))

        then:
        spaces.kvmshChains(ns) == [forward_lan: 5, input_lan: 2]
        after.dnsmasqPid().asLong != before.dnsmasqPid().asLong
        spaces.dnsmasqPids() == [after.dnsmasqPid().asLong]
        !Files.readString(spaces.run.dnsmasqConf('lan')).contains('dhcp-host')
    }

    def 'joining an up network reads its bridge and the tap once and loads no rules; rules flushed behind its back are restored'() {
        given: 'the real runner in the namespace, with the commands it starts (and their input) written down'
        List<List<String>> commands = []
        CommandRunner recording = new CommandRunner() {
            CommandResult run(List<String> command) { commands << command; inNs.run(command) }
            CommandResult run(List<String> command, String stdin) { commands << command + [stdin]; inNs.run(command, stdin) }
        }
        def recorded = new HostNetworkDriver(recording, spaces.run)
        def lan = network(NetworkMode.NAT)
        recorded.up(lan)
        inNs.check('ip', 'tuntap', 'add', 'dev', 'kvtap1', 'mode', 'tap')
        inNs.check('ip', 'tuntap', 'add', 'dev', 'kvtap2', 'mode', 'tap')
        def read = { String tap -> ['ip', '-force', '-json', '-details', '-batch', '-',
                                    "addr show dev kvbr-nat\naddr show dev $tap\n".toString()] }

        when:
        commands.clear()
        recorded.join(lan, '/t.kvm', 'kvtap1')

        then: 'one read of the bridge and the tap, a listing of the rules, one call plugging the tap in and setting it up'
        commands.findAll { it[0] == 'ip' } == [read('kvtap1'),
                                               ['ip', 'link', 'set', 'dev', 'kvtap1', 'master', 'kvbr-nat', 'up']]
        commands.findAll { it[0] == 'nft' } == [['nft', 'list', 'table', 'inet', 'kvmsh']]
        driver.ports('lan') == ['kvtap1']

        when: 'a firewall reload flushes everything, then the next VM starts'
        inNs.check('nft', 'flush', 'ruleset')
        commands.clear()
        recorded.join(lan, '/t.kvm', 'kvtap2')

        then:
        commands.count { it.take(2) == ['nft', '-f'] } == 1
        spaces.kvmshChains(ns) == [postrouting_lan: 3, forward_lan: 5, input_lan: 2]
        driver.ports('lan').toSorted() == ['kvtap1', 'kvtap2']

        when: 'joining again changes nothing'
        commands.clear()
        recorded.join(lan, '/t.kvm', 'kvtap2')

        then:
        commands.findAll { it[0] == 'ip' } == [read('kvtap2')]
        commands.count { it.take(2) == ['nft', '-f'] } == 0
    }

    def 'the kernel accepts the bridge settings for stp #stp and delay #delay'() {
        when:
        def status = driver.up(network(NetworkMode.ISOLATED, stp: stp, delay: delay))

        then:
        status.stp() == stp
        status.forwardDelayCentis() == centis

        where:
        stp   | delay || centis
        false | 0     || 0
        false | 15    || 1500
        true  | 0     || 200
        true  | 2     || 200
        true  | 30    || 3000
    }

    def 'switches STP off on an existing bridge, which needs STP off before the delay goes to 0'() {
        given:
        driver.up(network(NetworkMode.NAT, stp: true, delay: 4))

        when:
        def status = driver.up(network(NetworkMode.NAT, stp: false, delay: 0))

        then:
        !status.stp()
        status.forwardDelayCentis() == 0
        spaces.bridges(ns) == ['kvbr-nat']
    }

    def 'refuses a device of the same name that kvmsh did not create, and leaves it alone on down'() {
        given:
        inNs.check('ip', 'link', 'add', 'kvbr-nat', 'type', 'bridge')

        when:
        driver.up(network(NetworkMode.NAT))

        then:
        HostNetworkException e = thrown()
        e.message.contains('kvbr-nat') && e.message.contains('not kvmsh')

        when:
        driver.down('lan')

        then:
        spaces.bridges(ns) == ['kvbr-nat']
    }

    def 'a tap attached to a network is counted, and detaching the last one says so'() {
        given:
        driver.up(network(NetworkMode.NAT))
        inNs.check('ip', 'tuntap', 'add', 'dev', 'vnet1', 'mode', 'tap')

        when:
        driver.attachTap('vnet1', 'lan')
        driver.attachTap('kvtap0', 'lan')
        driver.attachTap('kvtap0', 'lan')

        then:
        driver.ports('lan').toSet() == ['vnet1', 'kvtap0'] as Set

        expect:
        driver.detachTap('kvtap0') == 1
        !inNs.run('ip', 'link', 'show', 'dev', 'kvtap0').ok()  // we created it: deleted
        driver.detachTap('vnet1') == 0
        inNs.run('ip', 'link', 'show', 'dev', 'vnet1').ok()     // the user's: only unplugged
        driver.ports('lan').isEmpty()
    }

    def 'a bridged network joins an existing bridge, creating and removing nothing else'() {
        given:
        inNs.check('ip', 'link', 'add', 'kvbr0', 'type', 'bridge')
        def wan = network(NetworkMode.BRIDGE, name: 'wan', bridge: 'kvbr0')

        when:
        def status = driver.up(wan)
        driver.attachTap('kvtap1', 'wan')

        then:
        status.bridgePresent()
        driver.ports('wan') == ['kvtap1']
        spaces.kvmshChains(ns) == null
        spaces.dnsmasqPids().isEmpty()

        when:
        driver.down('wan')

        then:
        spaces.bridges(ns) == ['kvbr0']
        !inNs.run('ip', 'link', 'show', 'dev', 'kvtap1').ok()
    }

    def 'a bridged network whose bridge is missing fails with a hint'() {
        when:
        driver.up(network(NetworkMode.BRIDGE, name: 'wan', bridge: 'kvbr0'))

        then:
        HostNetworkException e = thrown()
        e.message.contains('bridge kvbr0 does not exist') && e.message.contains('create it first')
        !driver.status('wan').known()
    }

    def '16 concurrent ups in threads yield one bridge, one rule set, one dnsmasq'() {
        given:
        def pool = Executors.newFixedThreadPool(16)

        when:
        def results = pool.invokeAll((1..16).collect { { -> driver.up(network(NetworkMode.NAT)) } as Callable })*.get()

        then:
        results*.dnsmasqPid().toSet().size() == 1
        spaces.bridges(ns) == ['kvbr-nat']
        spaces.kvmshChains(ns) == [postrouting_lan: 3, forward_lan: 5, input_lan: 2]
        spaces.dnsmasqPids().size() == 1

        cleanup:
        pool.shutdownNow()
    }

    def '16 concurrent ups in separate processes yield one bridge, one rule set, one dnsmasq'() {
        given:
        String java = ProcessHandle.current().info().command().get()
        String cp = System.getProperty('java.class.path')

        when:
        def procs = (1..16).collect {
            new ProcessBuilder(java, '-cp', cp, UpMain.name, ns, spaces.runRoot.toString())
                    .redirectErrorStream(true).start()
        }
        def outputs = procs.collect { it.inputStream.text }
        def codes = procs*.waitFor()

        then:
        codes.every { it == 0 } || { assert false, outputs.join('\n---\n') }()
        outputs.collect { it.readLines().last() }.toSet().size() == 1
        spaces.bridges(ns) == ['kvbr-nat']
        spaces.kvmshChains(ns) == [postrouting_lan: 3, forward_lan: 5, input_lan: 2]
        spaces.dnsmasqPids().size() == 1
    }

    def 'a DHCP client behind a veth gets a lease in the range, and its reserved address by MAC'() {
        given:
        driver.up(network(NetworkMode.NAT))
        def inClient = client('lan')

        when:
        String dynamic = lease(inClient, 'kvveth1')
        inClient.check('ip', 'link', 'set', 'dev', 'kvveth1', 'down')
        inClient.check('ip', 'link', 'set', 'dev', 'kvveth1', 'address', '52:54:00:00:00:0b')
        inClient.check('ip', 'link', 'set', 'dev', 'kvveth1', 'up')
        String reserved = lease(inClient, 'kvveth1')

        then:
        (100..200).contains(dynamic.tokenize('.').last().toInteger()) && dynamic.startsWith('10.0.0.')
        reserved == '10.0.0.11'
        Files.readString(spaces.run.dnsmasqLeases('lan')).contains('52:54:00:00:00:0b 10.0.0.11')
    }

    def 'a dual-stack network: the bridge has its IPv6 gateway, a client forms an address by SLAAC and pings it; down leaves no IPv6 behind'() {
        given:
        def up = driver.up(HostNets.dualStack())
        def inClient = client('lan')
        inClient.check('ip', 'link', 'set', 'dev', 'lo', 'up')

        when: 'the kernel of the client takes the router advertisement of our dnsmasq'
        String slaac = null
        for (int i = 0; i < 40 && slaac == null; i++) {
            slaac = inClient.check('ip', '-6', '-o', 'addr', 'show', 'dev', 'kvveth1', 'scope', 'global').stdout()
                    .find(/fd00:10::[0-9a-f:]+(?=\/64)/)
            if (slaac == null) {
                sleep(250)
            }
        }

        then:
        up.dnsmasqPid().isPresent()
        inNs.check('ip', '-6', '-o', 'addr', 'show', 'dev', 'kvbr-nat', 'scope', 'global').stdout().contains('fd00:10::1/64')
        inNs.check('cat', '/proc/sys/net/ipv6/conf/kvbr-nat/disable_ipv6').stdout().strip() == '0'
        inNs.check('cat', '/proc/sys/net/ipv6/conf/all/forwarding').stdout().strip() == '1'
        slaac != null
        (1..5).any { inClient.run('busybox', 'ping', '-6', '-c', '1', '-W', '1', 'fd00:10::1').ok() }
        spaces.kvmshChains(ns) == [postrouting_lan: 5, forward_lan: 7, input_lan: 4]

        when:
        driver.down('lan')

        then: 'nothing is left, as for IPv4 (the down feature above)'
        [spaces.bridges(ns), spaces.kvmshChains(ns), spaces.dnsmasqPids()] == [[], null, []]
    }

    def 'an IPv6-only network has no IPv4 on its bridge and still runs dnsmasq for its router advertisements'() {
        when:
        def up = driver.up(HostNets.ipv6Only(NetworkMode.NAT))

        then:
        up.dnsmasqPid().isPresent()
        up.addresses().isEmpty()
        inNs.check('ip', '-6', '-o', 'addr', 'show', 'dev', 'kvbr-six', 'scope', 'global').stdout().contains('fd00:20::1/64')
        spaces.kvmshChains(ns) == [postrouting_six: 2, forward_six: 5, input_six: 2]
    }

    def 'a system dnsmasq holding port 53 everywhere leaves our network DHCP-only, and down leaves it running'() {
        given: 'a dnsmasq like a distribution\'s default: DNS on the wildcard address'
        String sysPid = spaces.runRoot.resolve('system-dnsmasq.pid')
        inNs.check('ip', 'link', 'set', 'dev', 'lo', 'up')
        inNs.check('dnsmasq', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', "--pid-file=${sysPid}")
        long system = Files.readString(java.nio.file.Path.of(sysPid)).trim().toLong()

        when:
        def status = driver.up(network(NetworkMode.NAT))
        def again = driver.up(network(NetworkMode.NAT))

        then:
        Files.readString(spaces.run.dnsmasqConf('lan')).contains('port=0')
        again.dnsmasqPid() == status.dnsmasqPid()
        lease(client('lan'), 'kvveth1').startsWith('10.0.0.')

        when:
        driver.down('lan')

        then:
        spaces.dnsmasqPids() == [system]
    }

    /** A second namespace with a veth whose peer is plugged into {@code network}'s bridge; returns its runner. */
    private CommandRunner client(String network) {
        String client = spaces.add('-c')
        def inClient = spaces.inside(client)
        inNs.check('ip', 'link', 'add', 'kvveth0', 'type', 'veth', 'peer', 'name', 'kvveth1', 'netns', client)
        driver.attachTap('kvveth0', network)
        inClient.check('ip', 'link', 'set', 'dev', 'kvveth1', 'up')
        inClient
    }

    private static String lease(CommandRunner inClient, String ifname) {
        def r = inClient.run('busybox', 'udhcpc', '-i', ifname, '-n', '-q', '-t', '5', '-T', '1', '-s', '/bin/true')
        def m = (r.stdout() + r.stderr()) =~ /lease of (\S+) obtained/
        assert m.find(), r.stdout() + r.stderr()
        m.group(1)
    }

    private String foreignTables() {
        inNs.check('nft', 'list', 'table', 'ip', 'nat').stdout() + inNs.check('nft', 'list', 'table', 'inet', 'filter').stdout()
    }

    private Map<String, String> rootState() {
        [links  : root.check('ip', '-o', 'link', 'show').stdout().readLines().collect { it.replaceAll(/\s+link\/.*/, '') }.join('\n'),
         addrs  : root.check('ip', '-o', 'addr', 'show').stdout(),
         nft    : root.check('nft', 'list', 'ruleset').stdout(),
         forward: Files.readString(java.nio.file.Path.of('/proc/sys/net/ipv4/ip_forward'))]
    }
}
