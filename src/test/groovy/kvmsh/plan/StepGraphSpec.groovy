package kvmsh.plan

import kvmsh.libvirt.XmlDigester
import kvmsh.model.*
import spock.lang.Specification

import static kvmsh.plan.PlannerSpec.applied
import static kvmsh.plan.PlannerSpec.net
import static kvmsh.plan.PlannerSpec.tap

/** Dependencies derived from what the planner's steps touch, on plans the planner really makes. */
class StepGraphSpec extends Specification {

    static final Origin O = Origin.UNKNOWN
    Planner planner = new Planner(XmlDigester.INSTANCE)

    static VmDef vm(String name, List<NicDef> nics, List<DiskDef> disks = []) {
        new VmDef(name, 'kvm', 512, 1, disks, ['hd'], null, nics, null, null, false, VmState.RUNNING, O)
    }

    static NicDef on(String network) {
        new NicDef(NicDef.Kind.NETWORK, network, null, null, null, 'virtio', O)
    }

    static DiskDef volume(String pool, String name) {
        new DiskDef(DiskDef.Device.DISK, null, 'qcow2', 'virtio', 'vda', pool, name, 1L << 30, O)
    }

    /**
     * The steps step {@code what} (a description without its sign) waits for directly, leaving out
     * those it also waits for through another of them; as descriptions without signs or details.
     */
    static Set<String> waitsFor(StepGraph g, String what) {
        int i = (0..<g.size()).find { g.step(it).describe().substring(2).startsWith(what) }
        assert i != null: "no step '$what' in ${(0..<g.size()).collect { g.step(it).describe() }}"
        def deps = g.dependencies(i) as List<Integer>
        def direct = deps.findAll { d -> !deps.any { o -> o != d && d in ancestors(g, o) } }
        direct.collect { g.step(it).describe().substring(2).replaceAll(/ +\(.*/, '') } as Set
    }

    static Set<Integer> ancestors(StepGraph g, int i) {
        Set<Integer> out = [] as Set
        List<Integer> todo = g.dependencies(i) as List
        while (todo) {
            int d = todo.pop()
            if (out.add(d)) {
                todo.addAll(g.dependencies(d) as List)
            }
        }
        out
    }

    def 'a new network comes before the VMs on it; VMs wait for nothing of each other; a VM waits for its pool, volume and tap'() {
        given:
        def model = new HostModel('/s.kvm', [net('n1'), net('n2', '10.2.0.0/24')],
                [vm('a', [on('n1')]), vm('b', [on('n1')]), vm('c', [tap('t1', 'n1')], [volume('p', 'c.qcow2')]),
                 vm('d', [on('n2')])],
                [new OpDef(OpDef.Verb.LIST, null, [:], O), new OpDef(OpDef.Verb.INFO, 'a', [:], O)],
                [new PoolDef('p', 'dir', '/srv/p', true, O)])
        def plan = planner.converge(model, new HostState('test:///default', [:], [:], [] as Set, [] as Set, [:], [:]))
        def g = StepGraph.of(plan.steps())

        expect: 'a network\'s own steps in order'
        waitsFor(g, 'network n1 autostart on') == ['define network n1'] as Set
        waitsFor(g, 'start network n1') == ['network n1 autostart on'] as Set
        waitsFor(g, 'define network n2') == [] as Set

        and: 'a VM is defined once its networks run, and started once defined'
        waitsFor(g, 'define vm a') == ['start network n1'] as Set
        waitsFor(g, 'define vm b') == ['start network n1'] as Set
        waitsFor(g, 'start vm a') == ['define vm a'] as Set
        waitsFor(g, 'define vm d') == ['start network n2'] as Set

        and: 'the VM is defined first (its record owns them), then its volume and tap, which its start waits for'
        waitsFor(g, 'define vm c') == ['start network n1', 'create pool p'] as Set
        waitsFor(g, 'create volume p/c.qcow2') == ['define vm c'] as Set
        waitsFor(g, 'create tap t1 on bridge n1') == ['define vm c'] as Set
        waitsFor(g, 'start vm c') == ['create tap t1 on bridge n1', 'create volume p/c.qcow2'] as Set

        and: 'statements wait for every step before them, in script order'
        waitsFor(g, 'list') == ['start vm a', 'start vm b', 'start vm c', 'start vm d'] as Set
        waitsFor(g, 'info a') == ['list'] as Set
    }

    def 'down: destroys run at once; undefine after destroy; taps and volumes after the undefine; networks last'() {
        given:
        def n1 = net('n1')
        def owner = { List taps, List vols -> Optional.of(new Ownership('/s.kvm', 'd', taps, vols)) }
        def host = new HostState('test:///default', [n1: applied(n1)],
                [a: new DomainState('a', true, false, owner([], [new Ownership.VolumeRef('p', 'a.qcow2')]), '<domain/>'),
                 b: new DomainState('b', true, false, owner(['tb'], []), '<domain/>'),
                 c: new DomainState('c', true, false, owner([], []), '<domain/>')],
                ['p'] as Set, ['p/a.qcow2'] as Set, [tb: 'n1'], [:])
        def model = new HostModel('/s.kvm', [n1], [vm('a', [on('n1')]), vm('b', [tap('tb', 'n1')]), vm('c', [on('n1')])], [])
        def g = StepGraph.of(planner.down(model, host).steps())

        expect:
        waitsFor(g, 'destroy vm c') == [] as Set
        waitsFor(g, 'destroy vm b') == [] as Set
        waitsFor(g, 'destroy vm a') == [] as Set
        waitsFor(g, 'undefine vm b') == ['destroy vm b'] as Set
        waitsFor(g, 'delete tap tb') == ['undefine vm b'] as Set
        waitsFor(g, 'delete volume p/a.qcow2') == ['undefine vm a'] as Set
        waitsFor(g, 'stop network n1') == ['undefine vm a', 'undefine vm b', 'undefine vm c'] as Set
        waitsFor(g, 'undefine network n1') == ['stop network n1'] as Set
    }

    def 'a VM started whose definition is not in the plan waits for every network change before it'() {
        given: 'vm a exists, defined as declared but stopped; network n1 is redefined and restarted'
        def n1 = net('n1')
        def a = vm('a', [on('n1')])
        def dom = new DomainState('a', false, false,
                Optional.of(new Ownership('/s.kvm', XmlDigester.INSTANCE.domain(a), [], [])), '<domain/>')
        def oldNet = applied(net('n1', '10.7.0.0/24'))
        def plan = planner.converge(new HostModel('/s.kvm', [n1], [a], []),
                new HostState('test:///default', [n1: oldNet], [a: dom], [] as Set, [] as Set, [:], [:]))
        def g = StepGraph.of(plan.steps())

        expect:
        plan.steps()*.describe().any { it.startsWith('~ restart network n1') }
        !plan.steps()*.describe().any { it.contains('define vm a') }
        waitsFor(g, 'start vm a') == ['restart network n1'] as Set
    }

    def 'every dependency points to an earlier step, so plan order satisfies the graph'() {
        given:
        def model = new HostModel('/s.kvm', (1..5).collect { net("n$it", "10.$it.0.0/24") },
                (1..20).collect { vm("v$it", [on("n${it % 5 + 1}")]) }, [new OpDef(OpDef.Verb.LIST, null, [:], O)])
        def g = StepGraph.of(planner.converge(model, new HostState('test:///default', [:], [:], [] as Set, [] as Set, [:], [:])).steps())

        expect:
        (0..<g.size()).every { i -> g.dependencies(i).every { it < i } }
        (0..<g.size()).every { i -> g.dependents(i).every { d -> i in g.dependencies(d) } }
    }
}
