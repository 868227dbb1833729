package kvmsh.plan

import kvmsh.libvirt.XmlDigester
import kvmsh.model.*
import spock.lang.Specification

/** The planner alone: a model and a host snapshot in, steps out. No hypervisor involved. */
class PlannerSpec extends Specification {

    Planner planner = new Planner(XmlDigester.INSTANCE)

    static NetworkDef net(String name, String cidr = '10.1.0.0/24', DhcpRange dhcp = null, List hosts = []) {
        new NetworkDef(name, NetworkMode.NAT, cidr, cidr.replace('.0/24', '.1'), 24, name, true, 0, dhcp, hosts, true,
                null, null, Origin.UNKNOWN)
    }

    static VmDef vm(String name, List<NicDef> nics = [], VmState state = null) {
        new VmDef(name, 'kvm', 512, 1, [], ['hd'], null, nics, null, null, false, state, new Origin('s.kvm', 3, 1))
    }

    static NicDef tap(String tap, String network) {
        new NicDef(NicDef.Kind.TAP, network, null, tap, null, 'virtio', Origin.UNKNOWN)
    }

    static HostState host(Map<String, NetworkState> nets = [:], Map<String, DomainState> doms = [:],
                          Map<String, String> links = [:]) {
        new HostState('test:///default', nets, doms, ['default'] as Set, [] as Set, links, [:])
    }

    static NetworkState applied(NetworkDef nd, String script = '/s.kvm', boolean active = true) {
        def owner = new Ownership(script, XmlDigester.INSTANCE.network(nd), [], [])
        new NetworkState(nd.name(), active, nd.autostart(), Optional.of(owner), nd.bridge(), nd.dhcp(), nd.hosts(), "<network/>")
    }

    def 'a new network is defined, set to autostart and started'() {
        when:
        def plan = planner.converge(new HostModel('/s.kvm', [net('n1')], [], []), host())

        then:
        plan.steps()*.describe() == ['+ define network n1 (nat 10.1.0.0/24, bridge n1)', '~ network n1 autostart on',
                                     '+ start network n1']
    }

    def 'an unchanged network plans nothing'() {
        given:
        def n = net('n1')

        expect:
        planner.converge(new HostModel('/s.kvm', [n], [], []), host([n1: applied(n)])).isEmpty()
    }

    def 'a changed DHCP range is an in-place update, a changed subnet a redefinition with restart'() {
        given:
        def old = net('n1', '10.1.0.0/24', new DhcpRange('10.1.0.10', '10.1.0.20', Origin.UNKNOWN))
        def wider = net('n1', '10.1.0.0/24', new DhcpRange('10.1.0.10', '10.1.0.90', Origin.UNKNOWN))
        def moved = net('n1', '10.2.0.0/24', new DhcpRange('10.2.0.10', '10.2.0.20', Origin.UNKNOWN))

        expect:
        planner.converge(new HostModel('/s.kvm', [wider], [], []), host([n1: applied(old)])).steps()*.describe() ==
                ['~ update network n1 DHCP in place (range 10.1.0.10..10.1.0.20 → 10.1.0.10..10.1.0.90)']
        planner.converge(new HostModel('/s.kvm', [moved], [], []), host([n1: applied(old)])).steps()*.describe() ==
                ['~ redefine network n1 (nat 10.2.0.0/24, bridge n1)', '~ restart network n1']
    }

    def "a restart names the guests it cuts off: taps on the host's links are plugged back in, a remote host's VMs stay cut off"() {
        given: 'VMs whose (inactive) definitions have a NIC on n1; only a running one is cut off'
        def old = net('n1', '10.1.0.0/24', new DhcpRange('10.1.0.10', '10.1.0.20', Origin.UNKNOWN))
        def moved = net('n1', '10.2.0.0/24', new DhcpRange('10.2.0.10', '10.2.0.20', Origin.UNKNOWN))
        String xml = """<domain type='qemu'><name>g</name><devices>
            <interface type='network'><source network='n1'/></interface>
            <interface type='network'><source network='other'/></interface>
            </devices></domain>"""
        def doms = [g: new DomainState('g', true, false, Optional.empty(), xml),
                    h: new DomainState('h', false, false, Optional.empty(), xml),
                    k: new DomainState('k', true, false, Optional.empty(), xml.replace("'n1'", "'n2'"))]

        when:
        def restart = planner.converge(new HostModel('/s.kvm', [moved], [], []),
                host([n1: applied(old)], doms, links)).steps().last()

        then:
        restart.describe() == describe
        restart.dataLoss().get().startsWith(loss)

        where:
        links                      | describe | loss
        [vnet7: 'n1', eth0: '']    | "~ restart network n1 (its guests' taps vnet7 are plugged back in after it)" | 'the guests on it (vnet7) lose'
        [:]                        | "~ restart network n1 (vm g stays cut off until it restarts: kvmsh cannot reach this host's links to plug their taps back in)" | 'the guests on it (vm g) lose'
    }

    def 'a network kvmsh does not own is a located problem, not a step'() {
        given:
        def n = new NetworkDef('default', NetworkMode.NAT, '10.1.0.0/24', '10.1.0.1', 24, 'virbr9', true, 0, null, [],
                true, null, null, new Origin('s.kvm', 2, 5))
        def theirs = new NetworkState('default', true, true, Optional.empty(), 'virbr0', null, [], '<network/>')

        when:
        def plan = planner.converge(new HostModel('/s.kvm', [n], [], []), host([default: theirs]))

        then:
        plan.steps().isEmpty()
        plan.problems()*.toString() == ["s.kvm:2:5: network 'default' already exists on test:///default and kvmsh "
                                                + "does not manage it — add adopt true to its block (or run with --adopt) to take it over, choose "
                                                + "another name, or remove it first"]
    }

    def 'a named tap is created on its network bridge before the vm, and kept on later runs'() {
        given:
        def n = net('n1')
        def v = vm('v1', [tap('vnet1', 'n1')])

        when:
        def first = planner.converge(new HostModel('/s.kvm', [n], [v], []), host([n1: applied(n)]))

        then:
        first.steps()*.describe() == ['+ define vm v1 (512 MiB, 1 cpu, tap vnet1 on n1)', '+ create tap vnet1 on bridge n1']
        (first.steps()[0] as Action.DefineDomain).owner().taps() == ['vnet1']
    }

    def 'objects the same script no longer declares are removed; others are left alone'() {
        given:
        def gone = applied(net('old1'), '/s.kvm', true)
        def other = applied(net('old2'), '/other.kvm', true)

        when:
        def plan = planner.converge(new HostModel('/s.kvm', [], [], []), host([old1: gone, old2: other]))

        then:
        plan.steps()*.describe() == ['- stop network old1', '- undefine network old1']
    }

    def 'down removes vms before networks, and volumes last'() {
        given:
        def n = net('n1')
        def owner = new Ownership('/s.kvm', 'x', ['vnet1'], [new Ownership.VolumeRef('default', 'v1-vda.qcow2')])
        def d = new DomainState('v1', true, false, Optional.of(owner), '<domain/>')
        def h = new HostState('test:///default', [n1: applied(n)], [v1: d], ['default'] as Set,
                ['default/v1-vda.qcow2'] as Set, [vnet1: 'n1'], [:])

        when:
        def plan = planner.down(new HostModel('/s.kvm', [n], [vm('v1')], []), h)

        then:
        plan.steps()*.describe() == ['- destroy vm v1', '- undefine vm v1', '- delete tap vnet1', '- stop network n1',
                                     '- undefine network n1', '- delete volume default/v1-vda.qcow2']
    }
}
