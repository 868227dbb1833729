package kvmsh.plan

import kvmsh.model.HostModel
import kvmsh.model.NetworkDef
import kvmsh.model.OpDef
import kvmsh.model.Origin
import kvmsh.model.VmDef
import spock.lang.Specification

/**
 * One plan over several backends: what each step runs on. The backends here only record the steps
 * they are given (the real ones are tested on test:///default and in namespaces); what is checked
 * is the routing, the merged snapshot and the rollback across backends.
 */
class BackendsSpec extends Specification {

    static class Recording implements Hypervisor {
        final String name
        final HostState state
        final List<String> ran = []
        String failOn

        Recording(String name, Map<String, NetworkState> networks = [:]) {
            this.name = name
            this.state = new HostState(name, networks, [:], [] as Set, [] as Set, [:], [:])
        }

        String uri() { name }

        HostState read() { state }

        String execute(Action a) {
            if (failOn != null && a.describe().contains(failOn)) {
                throw new StepFailedException("refused by " + name)
            }
            ran << a.describe()
            ''
        }

        Digester digester() {
            [network: { NetworkDef d -> name + ':' + d.name() }, domain: { VmDef v -> name + ':' + v.name() }] as Digester
        }

        void close() {}
    }

    static NetworkDef net(String name) {
        PlannerSpec.net(name, '10.9.0.0/24')
    }

    def 'declared networks run on the backend they are placed on, everything else on the first'() {
        given:
        def libvirt = new Recording('libvirt')
        def host = new Recording('host driver')
        def b = new Backends('this host', [libvirt: libvirt, 'host driver': host], [lan: 'host driver'])
        def model = new HostModel('/s.kvm', [net('lan'), net('wan')], [], [])

        when:
        def plan = new Planner(b.digester()).converge(model, b.read())
        new Applier(b, {}).apply(plan)

        then:
        host.ran == ['+ define network lan (nat 10.9.0.0/24, bridge lan)', '~ network lan autostart on', '+ start network lan']
        libvirt.ran == ['+ define network wan (nat 10.9.0.0/24, bridge wan)', '~ network wan autostart on', '+ start network wan']
        plan.render(false, b::where).contains('+ start network lan   [host driver]')
        b.names() == ['libvirt', 'host driver']
    }

    def 'a network found on the host is read from, and removed on, the backend that holds it'() {
        given:
        def owned = new NetworkState('old', true, false, Optional.of(new Ownership('/s.kvm', 'd', [], [])), 'old', null, [], '')
        def libvirt = new Recording('libvirt')
        def host = new Recording('host driver', [old: owned])
        def b = new Backends('this host', [libvirt: libvirt, 'host driver': host], [:])

        when:
        def plan = new Planner(b.digester()).converge(new HostModel('/s.kvm', [], [], []), b.read())
        new Applier(b, {}).apply(plan)

        then:
        host.ran == ['- stop network old', '- undefine network old']
        libvirt.ran.isEmpty()
    }

    def 'a statement attaching to a network runs on that network\'s backend'() {
        given:
        def libvirt = new Recording('libvirt')
        def host = new Recording('host driver')
        def b = new Backends('this host', [libvirt: libvirt, 'host driver': host], [lan: 'host driver'])
        def attach = new OpDef(OpDef.Verb.MOVE_NIC, 'vnet1', [to: 'lan'], Origin.UNKNOWN)
        def start = new OpDef(OpDef.Verb.START, 'web', [:], Origin.UNKNOWN)

        expect:
        b.backendOf(new Action.RunOp(attach)) == 'host driver'
        b.backendOf(new Action.RunOp(start)) == 'libvirt'
    }

    def 'a failed step on one backend rolls back what the others did'() {
        given:
        def libvirt = new Recording('libvirt')
        def host = new Recording('host driver')
        host.failOn = 'start network lan'
        def b = new Backends('this host', [libvirt: libvirt, 'host driver': host], [lan: 'host driver'])
        def model = new HostModel('/s.kvm', [net('wan'), net('lan')], [], [])

        when: 'one worker, so wan is up before lan fails (with more, how far wan got depends on timing)'
        new Applier(b, {}, {}, 1).apply(new Planner(b.digester()).converge(model, b.read()))

        then:
        ApplyException e = thrown()
        e.reason() == 'refused by host driver'
        host.ran == ['+ define network lan (nat 10.9.0.0/24, bridge lan)', '~ network lan autostart on',
                     '~ network lan autostart off', '- undefine network lan']
        libvirt.ran.takeRight(3) == ['- stop network wan', '~ network wan autostart off', '- undefine network wan']
    }
}
