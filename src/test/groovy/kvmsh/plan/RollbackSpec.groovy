package kvmsh.plan

import org.libvirt.Connect

import kvmsh.host.SimulatedLinks
import kvmsh.libvirt.LibvirtHypervisor
import kvmsh.model.*
import spock.lang.Specification

/**
 * Rollback on libvirt's test driver. The driver accepts almost anything, so a decorator makes the
 * chosen step fail; everything else is carried out by real libvirt code.
 */
class RollbackSpec extends Specification {

    Connect keepAlive = new Connect('test:///default')

    def cleanup() {
        keepAlive.close()
    }

    /** Passes every step to the real hypervisor, except that step number {@code failAt} throws. */
    static class FailingAt implements Hypervisor {
        @Delegate(excludes = ['execute', 'close'])
        final Hypervisor real
        final int failAt
        int count = 0

        FailingAt(Hypervisor real, int failAt) { this.real = real; this.failAt = failAt }

        String execute(Action a) {
            if (!(a.describe().startsWith('~ restore') || a.describe().startsWith('- ')) && ++count == failAt) {
                throw new StepFailedException('injected failure')
            }
            real.execute(a)
        }

        void close() { real.close() }
    }

    static NetworkDef net(String name, String cidr, String gw) {
        new NetworkDef(name, NetworkMode.NAT, cidr, gw, 24, name, true, 0, null, [], true, null, null, Origin.UNKNOWN)
    }

    static VmDef vm(String name, String network) {
        new VmDef(name, 'qemu', 128, 1, [], ['hd'], null,
                [new NicDef(NicDef.Kind.NETWORK, network, null, null, null, 'virtio', Origin.UNKNOWN)],
                null, null, false, VmState.RUNNING, Origin.UNKNOWN)
    }

    def 'a failure midway undoes every step the run carried out, newest first'() {
        given:
        def hv = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())
        def before = hv.read()
        def model = new HostModel('/s.kvm', [net('rb1', '10.5.0.0/24', '10.5.0.1')], [vm('rbvm', 'rb1')], [])
        def plan = new Planner(hv.digester()).converge(model, before)
        def lines = []

        when: 'the step that starts the vm fails'
        new Applier(new FailingAt(hv, plan.steps().size()), { lines << it }).apply(plan)

        then:
        def e = thrown(ApplyException)
        e.message.contains('start vm rbvm')
        e.message.contains('injected failure')
        e.undone() == ['- undefine vm rbvm', '- stop network rb1', '~ network rb1 autostart off', '- undefine network rb1']
        e.rollbackFailures().isEmpty()

        and: 'the host is as before'
        hv.read().networks().keySet() == before.networks().keySet()
        hv.read().domains().keySet() == before.domains().keySet()

        cleanup:
        hv.close()
    }

    def 'a failed redefinition restores the previous definition'() {
        given:
        def hv = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())
        def planner = new Planner(hv.digester())
        def v1 = new HostModel('/s.kvm', [net('rb2', '10.4.0.0/24', '10.4.0.1')], [], [])
        new Applier(hv, {}).apply(planner.converge(v1, hv.read()))
        // Stopped, so its XML is the persistent definition (the test driver has no INACTIVE flag).
        keepAlive.networkLookupByName('rb2').destroy()
        def xmlBefore = keepAlive.networkLookupByName('rb2').getXMLDesc(0)
        def v2 = new HostModel('/s.kvm', [net('rb2', '10.3.0.0/24', '10.3.0.1')], [], [])
        def plan = planner.converge(v2, hv.read())

        expect:
        plan.steps()*.describe() == ['~ redefine network rb2 (nat 10.3.0.0/24, bridge rb2)', '+ start network rb2']

        when: 'starting it after the redefinition fails'
        new Applier(new FailingAt(hv, 2), {}).apply(plan)

        then:
        def e = thrown(ApplyException)
        e.undone() == ['~ restore network rb2']
        keepAlive.networkLookupByName('rb2').getXMLDesc(0) == xmlBefore
        keepAlive.networkLookupByName('rb2').getXMLDesc(0).contains('10.4.0.1')

        cleanup:
        new Applier(hv, {}).apply(planner.down(v1, hv.read()))
        hv.close()
    }
}
