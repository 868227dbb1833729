package kvmsh.plan

import org.libvirt.Connect

import kvmsh.host.SimulatedLinks
import kvmsh.libvirt.LibvirtHypervisor
import kvmsh.model.*
import spock.lang.Specification

/**
 * The stale-plan check on libvirt's test driver: between kvmsh's read and its apply, "someone else"
 * (a second connection to the same simulated host) defines, edits or removes an object the plan
 * touches; the step refuses, the run is undone, and the other party's object is left as it made it.
 */
class StalePlanSpec extends Specification {

    Connect other = new Connect('test:///default')
    LibvirtHypervisor hv = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())

    def cleanup() {
        ['sp-vm'].each { n -> try { other.domainLookupByName(n).undefine() } catch (ignored) { } }
        ['sp-net'].each { n -> try { def x = other.networkLookupByName(n); if (x.isActive() == 1) { x.destroy() }; x.undefine() } catch (ignored) { } }
        hv.close()
        other.close()
    }

    static NetworkDef net(String name) {
        new NetworkDef(name, NetworkMode.NAT, '10.9.0.0/24', '10.9.0.1', 24, name, true, 0, null, [], true, null, null, Origin.UNKNOWN)
    }

    static VmDef vm(String name, int memory = 128) {
        new VmDef(name, 'qemu', memory, 1, [], ['hd'], null, [], null, null, false, VmState.STOPPED, Origin.UNKNOWN)
    }

    static String domainXml(String name, int mib) {
        "<domain type='test'><name>$name</name><memory unit='MiB'>$mib</memory><os><type>hvm</type></os></domain>"
    }

    ApplyException applyAfter(HostModel model, Closure meanwhile) {
        def plan = new Planner(hv.digester()).converge(model, hv.read())
        meanwhile()
        try {
            new Applier(hv, { }).apply(plan)
        } catch (ApplyException e) {
            return e
        }
        null
    }

    def 'a VM someone defined after the read is not overwritten: the step refuses and the run is undone'() {
        when:
        def e = applyAfter(new HostModel('/s.kvm', [net('sp-net')], [vm('sp-vm')], [])) {
            other.domainDefineXML(domainXml('sp-vm', 64))
        }

        then:
        e != null
        e.message.contains('vm sp-vm was defined on test:///default after kvmsh read it, by someone else; it was left as it is — run plan again to see it now')
        e.undone().contains('- undefine network sp-net')
        other.domainLookupByName('sp-vm').getMaxMemory() == 64 * 1024
        !hv.read().networks().containsKey('sp-net')
    }

    def 'a VM someone edited after the read is not redefined, and one that is as read is'() {
        given: 'a VM of this script'
        def model = new HostModel('/s.kvm', [], [vm('sp-vm')], [])
        new Applier(hv, { }).apply(new Planner(hv.digester()).converge(model, hv.read()))
        def bigger = new HostModel('/s.kvm', [], [vm('sp-vm', 256)], [])

        when: 'someone edits it between plan and apply'
        def d = other.domainLookupByName('sp-vm')
        def e = applyAfter(bigger) { other.domainDefineXML(d.getXMLDesc(2).replace('</name>', '</name><title>edited by hand</title>')) }

        then:
        e.message.contains('vm sp-vm was changed on test:///default after kvmsh read it')
        other.domainLookupByName('sp-vm').getXMLDesc(2).contains('edited by hand')

        when: 'planned again, against what is there now'
        def again = applyAfter(bigger) { }

        then:
        again == null
        other.domainLookupByName('sp-vm').getMaxMemory() == 256 * 1024
    }

    def 'down does not remove a VM someone removed and made again after the read'() {
        given:
        def model = new HostModel('/s.kvm', [], [vm('sp-vm')], [])
        new Applier(hv, { }).apply(new Planner(hv.digester()).converge(model, hv.read()))
        def down = new Planner(hv.digester()).down(model, hv.read())

        when:
        other.domainLookupByName('sp-vm').undefine()
        other.domainDefineXML(domainXml('sp-vm', 64))
        new Applier(hv, { }).apply(down)

        then:
        def e = thrown(ApplyException)
        e.message.contains('vm sp-vm was changed on test:///default after kvmsh read it')
        other.domainLookupByName('sp-vm').getMaxMemory() == 64 * 1024
    }
}
