package kvmsh.libvirt

import org.libvirt.Connect

import kvmsh.dsl.DslFixture
import kvmsh.dsl.FakeEnv
import kvmsh.host.CommandRunner
import kvmsh.host.HostLinks
import kvmsh.host.SimulatedLinks
import kvmsh.hostnet.RecordingHost
import kvmsh.model.HostModel
import kvmsh.plan.Applier
import kvmsh.plan.NetworkState
import kvmsh.plan.Plan
import kvmsh.plan.Planner
import spock.lang.Specification

/**
 * A libvirt network's port forwards on libvirt's test driver, with kvmsh's nft table on a
 * {@link RecordingHost}: the links of the simulated host, and a host to run nft on as a sandbox's
 * namespace would be (the real kernel's side is ForwardE2ESpec's). The chains follow the network's
 * definition, their absence after a reboot is planned as a repair, and a host kvmsh cannot run
 * nft on refuses the forward at its line.
 */
class ForwardFirewallSpec extends Specification {

    static final String URI = 'test:///default'

    Connect keepAlive = new Connect(URI)
    RecordingHost nft = new RecordingHost()

    def cleanup() {
        try {
            def n = keepAlive.networkLookupByName('fw-lab')
            if (n.isActive() == 1) {
                n.destroy()
            }
            n.undefine()
        } catch (ignored) {
        }
        keepAlive.close()
    }

    /** The simulated host's links, with {@code runner} (or none) as the host's command line. */
    static HostLinks links(CommandRunner runner) {
        def simulated = new SimulatedLinks()
        [list: { simulated.list() }, createTap: { String t, String b -> simulated.createTap(t, b) },
         plug: { String t, String b -> simulated.plug(t, b) }, delete: { String t -> simulated.delete(t) },
         commands: { Optional.ofNullable(runner) }] as HostLinks
    }

    static HostModel model(String forwards) {
        DslFixture.load("""network 'fw-lab' { nat '10.44.0.0/24'; dhcp '10.44.0.100'..'10.44.0.200'
    host 'web', mac: '52:54:00:44:00:05', ip: '10.44.0.5'; host 'db', mac: '52:54:00:44:00:06', ip: '10.44.0.6'
    $forwards }""", new FakeEnv())
    }

    Plan plan(LibvirtHypervisor hv, String forwards) {
        new Planner(hv.digester()).converge(model(forwards), hv.read())
    }

    List<String> lines(Plan plan) {
        plan.steps()*.describe()
    }

    def 'the chains follow the definition: loaded with it, reloaded when a forward changes, gone with the last forward and with the network'() {
        given:
        def hv = LibvirtHypervisor.connect(URI, links(nft))

        when: 'a new network with a forward'
        def first = plan(hv, "forward 2222, to: 'web:22'")
        new Applier(hv, { }).apply(first)

        then:
        lines(first)[0] == '+ define network fw-lab (nat 10.44.0.0/24, bridge fw-lab, forward tcp 2222 → web:22 (10.44.0.5))'
        keepAlive.networkLookupByName('fw-lab').getXMLDesc(0).contains("<forward mode='open'/>")
        nft.nft['inet'].keySet() == ['postrouting_fw-lab', 'prerouting_fw-lab', 'output_fw-lab', 'forward_fw-lab', 'input_fw-lab'] as Set
        nft.nft['inet']['prerouting_fw-lab'] == ['type nat hook prerouting priority dstnat; policy accept;',
                'iifname != "fw-lab" meta nfproto ipv4 fib daddr type local tcp dport 2222 dnat ip to 10.44.0.5:22']
        plan(hv, "forward 2222, to: 'web:22'").isEmpty()

        when: 'a second forward: in place, no restart'
        def more = plan(hv, "forward 2222, to: 'web:22'; forward 8080, to: 'db:80'")
        new Applier(hv, { }).apply(more)

        then:
        lines(more) == ['~ update network fw-lab forwards in place (+forward tcp 8080 → db:80 (10.44.0.6))']
        nft.nft['inet']['output_fw-lab'].count { it.contains('dnat') } == 2
        plan(hv, "forward 2222, to: 'web:22'; forward 8080, to: 'db:80'").isEmpty()

        when: 'no forward left: libvirt\'s nat mode again, which needs a restart'
        def none = plan(hv, '')

        then:
        lines(none) == ['~ redefine network fw-lab (nat 10.44.0.0/24, bridge fw-lab)', '~ restart network fw-lab']
        kvmsh.plan.Fields.changed(none.steps()[0])*.name() == ['forwards']

        when: 'applied to the stopped network (the test driver shows a running one\'s new definition only after its next start)'
        keepAlive.networkLookupByName('fw-lab').destroy()
        def stopped = plan(hv, '')
        new Applier(hv, { }).apply(stopped)

        then: 'kvmsh\'s chains go with the forwards'
        lines(stopped) == ['~ redefine network fw-lab (nat 10.44.0.0/24, bridge fw-lab)', '+ start network fw-lab']
        keepAlive.networkLookupByName('fw-lab').getXMLDesc(0).contains("<forward mode='nat'")
        nft.nft.isEmpty()
        plan(hv, '').isEmpty()

        when: 'forwards again (on the stopped network, as above), then the network goes'
        keepAlive.networkLookupByName('fw-lab').destroy()
        new Applier(hv, { }).apply(plan(hv, "forward 2222, to: 'web:22'"))
        new Applier(hv, { }).apply(new Plan([new kvmsh.plan.Action.StopNetwork('fw-lab'),
                new kvmsh.plan.Action.UndefineNetwork('fw-lab', hv.read().network('fw-lab').get())], [], []))

        then:
        nft.nft.isEmpty()

        cleanup:
        hv?.close()
    }

    def 'missing chains of a running network (libvirt started it after a reboot) are a fault, planned as a repair that loads them'() {
        given:
        def hv = LibvirtHypervisor.connect(URI, links(nft))
        new Applier(hv, { }).apply(plan(hv, "forward 2222, to: 'web:22'"))
        nft.nft.clear()

        when:
        def repair = plan(hv, "forward 2222, to: 'web:22'")

        then:
        hv.read().network('fw-lab').get().faults() == [NetworkState.CHAINS_MISSING]
        lines(repair) == ["~ repair network fw-lab (${NetworkState.CHAINS_MISSING})".toString()]

        when:
        new Applier(hv, { }).apply(repair)

        then:
        nft.nft['inet'].containsKey('prerouting_fw-lab')
        plan(hv, "forward 2222, to: 'web:22'").isEmpty()

        cleanup:
        hv?.close()
    }

    def 'a host kvmsh cannot run nft on refuses the forward at its line, and plans nothing'() {
        given:
        def hv = LibvirtHypervisor.connect(URI, links(null))

        when:
        def p = plan(hv, "forward 2222, to: 'web:22'")

        then:
        p.steps().isEmpty()
        p.problems()*.toString() == ["t.kvm:3:5: network 'fw-lab' forwards ports, which kvmsh sets up in the hypervisor host's own nft table, and test:///default is remote: kvmsh cannot run nft there — run kvmsh on that host (-c qemu:///system there), or remove the forward"]

        cleanup:
        hv?.close()
    }
}
