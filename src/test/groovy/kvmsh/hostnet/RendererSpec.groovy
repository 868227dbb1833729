package kvmsh.hostnet

import java.nio.file.Files
import java.nio.file.Path
import kvmsh.model.DhcpRange
import kvmsh.model.NetworkMode
import kvmsh.model.StaticHost
import spock.lang.Specification

import static kvmsh.hostnet.HostNets.O
import static kvmsh.hostnet.HostNets.network

class RendererSpec extends Specification {

    static final RunDirectory RUN = RunDirectory.standard()

    def 'renders the nft rule set of a #mode network like its golden file'() {
        expect:
        matchesGolden("nft-${mode.keyword()}.nft", NftRuleset.render(network(mode)))

        where:
        mode << [NetworkMode.NAT, NetworkMode.ISOLATED, NetworkMode.ROUTED]
    }

    def 'renders a dual-stack NAT network: NAT66, IPv6 forwarding and the gateway\'s DHCPv6 port beside IPv4\'s'() {
        expect:
        matchesGolden('nft-dualstack.nft', NftRuleset.render(HostNets.dualStack()))
        matchesGolden('dnsmasq-dualstack.conf', DnsmasqConfig.render(HostNets.dualStack(), RUN))
    }

    def 'renders a network with a DNS domain: the domain answered locally, each static host a record of both its addresses'() {
        expect:
        matchesGolden('dnsmasq-domain.conf', DnsmasqConfig.render(HostNets.dualStack(domain: 'lab.local'), RUN))
        !DnsmasqConfig.render(HostNets.dualStack(domain: 'lab.local'), RUN, false).contains('host-record')
    }

    def 'renders an IPv6-only #mode network: ip6 rules only, router advertisements without DHCPv6'() {
        expect:
        matchesGolden("nft-ipv6-${mode.keyword()}.nft", NftRuleset.render(HostNets.ipv6Only(mode)))
        DnsmasqConfig.wanted(HostNets.ipv6Only(mode))
        matchesGolden("dnsmasq-ipv6-${mode.keyword()}.conf", DnsmasqConfig.render(HostNets.ipv6Only(mode), RUN))

        where:
        mode << [NetworkMode.NAT, NetworkMode.ROUTED, NetworkMode.ISOLATED]
    }

    def 'renders a NAT network\'s forwards: DNAT from outside and from the host itself, and only DNAT\'d connections let in'() {
        when:
        String script = NftRuleset.render(HostNets.forwarding())

        then:
        matchesGolden('nft-forward.nft', script)
        script.contains('iifname != "kvbr-nat" meta nfproto ipv4 fib daddr type local tcp dport 2222 dnat ip to 10.0.0.10:22')
        script.contains('ip daddr != 127.0.0.0/8 fib daddr type local udp dport 5353 dnat ip to 10.0.0.11:5353')
        // The DNAT'd accept comes before the bridge's drop, or nothing gets in.
        script.indexOf('ct status dnat accept') < script.indexOf('oifname "kvbr-nat" drop')
        !NftRuleset.render(network(NetworkMode.NAT)).contains('dnat')
    }

    def 'a dual-stack network forwards IPv4 only: no IPv6 rule lets DNAT\'d traffic in'() {
        when:
        String script = NftRuleset.render(HostNets.forwarding(ipv6: HostNets.dualStack().ipv6()))

        then:
        script.readLines().findAll { it.contains('dnat') }.every { !it.contains('ip6') }
        script.contains('ip6 saddr fd00:10::/64 ip6 daddr != fd00:10::/64 masquerade')
    }

    def 'renders the removal of a network as deleting only its own chains'() {
        expect:
        matchesGolden('nft-remove.nft', NftRuleset.remove('lan'))
    }

    def 'every script names only table inet kvmsh and the network\'s own chains'() {
        when:
        String script = NftRuleset.render(network(NetworkMode.NAT, name: 'a-b.c'))
        def tables = script.readLines().findAll { it =~ /\btable\b/ }
        def chains = (script =~ /chain (?:inet kvmsh )?(\S+)/).collect { it[1] }.toSet()

        then:
        tables.every { it.contains('table inet kvmsh') }
        chains == ['postrouting_a-b.c', 'forward_a-b.c', 'input_a-b.c', 'prerouting_a-b.c', 'output_a-b.c'] as Set
        !script.contains('flush table') && !script.contains('flush ruleset')
    }

    def 'renders the dnsmasq config of a #mode network like its golden file'() {
        expect:
        matchesGolden("dnsmasq-${mode.keyword()}.conf", DnsmasqConfig.render(network(mode), RUN))

        where:
        mode << [NetworkMode.NAT, NetworkMode.ISOLATED, NetworkMode.ROUTED]
    }

    def 'renders a static-hosts-only dnsmasq config with a static range over the subnet'() {
        expect:
        matchesGolden('dnsmasq-static.conf',
                DnsmasqConfig.render(network(NetworkMode.NAT, dhcp: null), RUN))
    }

    def 'renders TFTP and a boot file when asked for network boot'() {
        expect:
        matchesGolden('dnsmasq-pxe.conf', DnsmasqConfig.render(network(NetworkMode.NAT, hosts: [],
                pxe: new kvmsh.model.PxeDef('/srv/tftp', 'pxelinux.0', kvmsh.model.Origin.UNKNOWN)), RUN))
    }

    def 'renders a DHCP-only config for hosts where another server holds port 53'() {
        expect:
        matchesGolden('dnsmasq-dhcp-only.conf', DnsmasqConfig.render(network(NetworkMode.NAT), RUN, false))
    }

    def 'a network without DHCP, or a bridged one, wants no dnsmasq'() {
        expect:
        !DnsmasqConfig.wanted(network(NetworkMode.NAT, dhcp: null, hosts: []))
        !DnsmasqConfig.wanted(network(NetworkMode.BRIDGE))
        DnsmasqConfig.wanted(network(NetworkMode.ISOLATED))
    }

    def 'rejects #what before anything is rendered'() {
        when:
        NftRuleset.render(net)
        DnsmasqConfig.render(net, RUN)

        then:
        HostNetworkException e = thrown()
        e.message.contains(message)

        where:
        what                              | net                                                            || message
        'a quote in the bridge name'      | network(NetworkMode.NAT, bridge: 'br"; flush ruleset')         || 'interface name'
        'a too long bridge name'          | network(NetworkMode.NAT, bridge: 'a' * 16)                     || 'interface name'
        'a space in the network name'     | network(NetworkMode.NAT, name: 'my lan')                       || "network name 'my lan'"
        'a DHCP range outside the subnet' | network(NetworkMode.NAT, dhcp: new DhcpRange('10.0.0.100', '10.1.0.5', O)) || 'outside subnet'
        'a static host outside the subnet' | network(NetworkMode.NAT, hosts: [new StaticHost('x', '52:54:00:00:00:01', '192.168.1.1', O)]) || 'outside subnet'
        'a bad MAC'                       | network(NetworkMode.NAT, hosts: [new StaticHost('x', '52:54:00:00:00', '10.0.0.9', O)]) || 'not a MAC'
        'a newline in a host name'        | network(NetworkMode.NAT, hosts: [new StaticHost("x\ndhcp-boot=evil", '52:54:00:00:00:01', '10.0.0.9', O)]) || 'host name'
        'a reversed DHCP range'           | network(NetworkMode.NAT, dhcp: new DhcpRange('10.0.0.200', '10.0.0.100', O)) || 'ends before'
    }

    def 'rejects a run directory dnsmasq could not parse'() {
        when:
        DnsmasqConfig.render(network(NetworkMode.NAT), new RunDirectory(Path.of('/tmp/my dir,x')))

        then:
        HostNetworkException e = thrown()
        e.message.contains('path')
    }

    def 'keeps STP off with the declared delay, and clamps a delay the kernel refuses with STP on'() {
        expect:
        BridgeSettings.of(network(NetworkMode.NAT, stp: stp, delay: delay)) == new BridgeSettings(stp, effective)

        where:
        stp   | delay || effective
        false | 0     || 0
        false | 15    || 15
        true  | 0     || 2
        true  | 1     || 2
        true  | 2     || 2
        true  | 30    || 30
    }

    def 'rejects a forward delay above 30 s'() {
        when:
        BridgeSettings.of(network(NetworkMode.NAT, stp: true, delay: 31))

        then:
        HostNetworkException e = thrown()
        e.message.contains('0..30')
    }

    static boolean matchesGolden(String name, String actual) {
        Path dir = Path.of(System.getProperty('kvmsh.projectDir', '.'), 'src/test/resources/golden/hostnet')
        if (System.getProperty('kvmsh.writeGolden') == 'true') {
            Files.createDirectories(dir)
            Files.writeString(dir.resolve(name), actual)
        }
        String expected = RendererSpec.getResourceAsStream("/golden/hostnet/${name}")?.text
        assert expected != null, "missing golden file ${name}"
        assert actual == expected
        true
    }
}
