package kvmsh.hostnet

import kvmsh.model.HostModel
import kvmsh.model.NetworkDef
import kvmsh.model.NetworkMode
import kvmsh.model.PortForward
import kvmsh.plan.Plan
import kvmsh.plan.PlanText
import kvmsh.plan.Planner
import spock.lang.Specification
import spock.lang.TempDir

import static kvmsh.hostnet.HostNets.O
import static kvmsh.hostnet.HostNets.network

/**
 * Port forwards on the host driver through the planner and the backend, on a {@link RecordingHost}
 * (no root, no process): planned with the network, reloaded in place when they change (one nft
 * transaction, nothing else on the host touched), gone with the network. The kernel's side is
 * HookE2ESpec's.
 */
class ForwardPlanSpec extends Specification {

    @TempDir java.nio.file.Path dir
    RecordingHost host = new RecordingHost()
    HostDriverBackend backend

    static final PortForward SSH = new PortForward('tcp', 2222, 'web', 22, '10.0.0.10', O)
    static final PortForward DNS = new PortForward('udp', 5353, 'db', 53, '10.0.0.11', O)

    def setup() {
        backend = new HostDriverBackend(host, new RunDirectory(dir.resolve('net')))
    }

    /** A NAT network without DHCP (the double starts no dnsmasq) forwarding {@code forwards}. */
    static NetworkDef lan(List<PortForward> forwards) {
        network([dhcp: null, hosts: [], forwards: forwards], NetworkMode.NAT)
    }

    Plan plan(NetworkDef net) {
        new Planner(backend.digester()).converge(new HostModel('/s.kvm', [net], [], []), backend.read())
    }

    void apply(Plan plan) {
        plan.steps().each { backend.execute(it) }
    }

    def 'a network with forwards is planned with them and its DNAT chains are loaded with it; unchanged it plans nothing'() {
        when:
        def first = plan(lan([SSH, DNS]))
        apply(first)

        then:
        first.steps()*.describe() == [
                '+ define network lan (nat 10.0.0.0/24, bridge kvbr-nat, forward tcp 2222 → web:22 (10.0.0.10), udp 5353 → db:53 (10.0.0.11))',
                '+ start network lan']
        host.nft['inet'].keySet() == ['postrouting_lan', 'prerouting_lan', 'output_lan', 'forward_lan', 'input_lan'] as Set
        host.nft['inet']['prerouting_lan'].findAll { it.contains('dnat') } == [
                'iifname != "kvbr-nat" meta nfproto ipv4 fib daddr type local tcp dport 2222 dnat ip to 10.0.0.10:22',
                'iifname != "kvbr-nat" meta nfproto ipv4 fib daddr type local udp dport 5353 dnat ip to 10.0.0.11:53']
        plan(lan([DNS, SSH])).isEmpty()
        PlanText.render(plan(lan([SSH, DNS])), false).contains('No changes.')
    }

    def 'adding or removing a forward reloads the network\'s chains in one transaction, without restarting it'() {
        given:
        apply(plan(lan([SSH])))
        int before = host.commands.size()

        when:
        def add = plan(lan([SSH, DNS]))
        apply(add)
        def added = host.lines().drop(before)

        then:
        add.steps()*.describe() == ['~ update network lan forwards in place (+forward udp 5353 → db:53 (10.0.0.11))']
        added.count('nft -f -') == 1
        !added.any { it.startsWith('ip link add') || it.startsWith('ip link del') || it.startsWith('ip addr') }
        host.nft['inet']['output_lan'].count { it.contains('dnat') } == 2

        when:
        def remove = plan(lan([]))
        apply(remove)

        then:
        remove.steps()*.describe() == ['~ update network lan forwards in place (-forward tcp 2222 → web:22 (10.0.0.10), -forward udp 5353 → db:53 (10.0.0.11))']
        host.nft['inet'].keySet() == ['postrouting_lan', 'forward_lan', 'input_lan'] as Set
        !host.nft['inet']['forward_lan'].any { it.contains('dnat') }
        plan(lan([])).isEmpty()
    }

    def 'down removes the forwards\' chains with the network'() {
        given:
        apply(plan(lan([SSH])))

        when:
        backend.execute(new kvmsh.plan.Action.UndefineNetwork('lan', backend.read().network('lan').get()))

        then:
        host.nft.isEmpty()
        host.links.isEmpty()
    }
}
