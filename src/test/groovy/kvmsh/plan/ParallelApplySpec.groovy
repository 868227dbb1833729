package kvmsh.plan

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

import org.libvirt.Connect

import kvmsh.host.SimulatedLinks
import kvmsh.libvirt.LibvirtHypervisor
import kvmsh.model.*
import spock.lang.Specification

import static kvmsh.plan.RollbackSpec.net
import static kvmsh.plan.RollbackSpec.vm

/**
 * Parallel apply on libvirt's test driver, made deterministic by latches rather than timing: a
 * wrapper holds chosen steps until the test lets them go, fails chosen steps, and records the
 * order in which steps started. Everything else runs on real libvirt.
 */
class ParallelApplySpec extends Specification {

    /** Long enough never to matter; only there so a broken applier fails the test instead of hanging it. */
    static final long STUCK_SECONDS = 60

    Connect keepAlive = new Connect('test:///default')

    def cleanup() {
        keepAlive.close()
    }

    /** Passes steps to the real hypervisor; records starts; can hold a step on a latch or fail it. */
    static class Gate implements Hypervisor {
        @Delegate(excludes = ['execute', 'close'])
        final Hypervisor real
        final List<String> started = new CopyOnWriteArrayList<>()
        final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>()
        final Map<String, CountDownLatch> reached = new ConcurrentHashMap<>()
        final Set<String> fails = ConcurrentHashMap.newKeySet()

        Gate(Hypervisor real) { this.real = real }

        /** Step {@code what} waits, once started, until {@link #release}. */
        CountDownLatch hold(String what) {
            reached[what] = new CountDownLatch(1)
            holds.computeIfAbsent(what) { new CountDownLatch(1) }
        }

        void release(String what) { holds[what].countDown() }

        String execute(Action a) {
            String what = a.describe()
            started << what
            reached[what]?.countDown()
            def hold = holds[what]
            if (hold != null && !hold.await(STUCK_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("held step never released: $what")
            }
            if (what in fails) {
                throw new StepFailedException('injected failure')
            }
            real.execute(a)
        }

        void close() { real.close() }
    }

    static List<String> vmSteps(List<String> lines, String verb) {
        lines.findAll { it.startsWith(verb) }
    }

    def 'with one worker steps start in plan order; with several, each starts only after what it waits for ended'() {
        given:
        def hv = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())
        def model = new HostModel('/p.kvm', [net('pa1', '10.61.0.0/24', '10.61.0.1')],
                (1..6).collect { vm("pavm$it", 'pa1') }, [])
        def planner = new Planner(hv.digester())
        def plan = planner.converge(model, hv.read())
        def graph = StepGraph.of(plan.steps())

        when:
        def one = new Gate(hv)
        new Applier(one, {}, {}, 1).apply(plan)
        new Applier(hv, {}).apply(planner.down(model, hv.read()))
        def many = new Gate(hv)
        def ended = new CopyOnWriteArrayList<String>()
        new Applier(many, { ended << it.replaceAll(/ {3}\(.*\)$/, '') }, {}, 4).apply(plan)

        then:
        one.started == plan.steps()*.describe()
        many.started as Set == plan.steps()*.describe() as Set
        (0..<graph.size()).every { i ->
            graph.dependencies(i).every { d ->
                ended.indexOf(graph.step(d).describe()) < many.started.indexOf(graph.step(i).describe())
            }
        }
        hv.read().domains().keySet().containsAll((1..6).collect { "pavm$it".toString() })

        cleanup:
        new Applier(hv, {}).apply(planner.down(model, hv.read()))
        hv.close()
    }

    def 'a step failing while others run: they finish, nothing new starts, everything done is undone'() {
        given: 'a network and four VMs on it; two workers, so define a and define b run together'
        def hv = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())
        def before = hv.read()
        def model = new HostModel('/p.kvm', [net('pf1', '10.62.0.0/24', '10.62.0.1')],
                ['pfa', 'pfb', 'pfc', 'pfd'].collect { vm(it, 'pf1') }, [])
        def plan = new Planner(hv.digester()).converge(model, before)
        def gate = new Gate(hv)
        String defineA = plan.steps()*.describe().find { it.startsWith('+ define vm pfa') }
        String defineB = plan.steps()*.describe().find { it.startsWith('+ define vm pfb') }
        gate.hold(defineA)
        // define b fails only once define a is running beside it.
        gate.hold(defineB)
        gate.fails << defineB
        def lines = new CopyOnWriteArrayList<String>()
        def applier = new Applier(gate, { line ->
            lines << line
            // The applier reports the failure only once it has taken it in: now let define a finish.
            if (line.startsWith('! failed: define vm pfb')) {
                gate.release(defineA)
            }
        }, {}, 2)

        when:
        Thread.start {
            gate.reached[defineA].await(STUCK_SECONDS, TimeUnit.SECONDS)
            gate.release(defineB)
        }
        applier.apply(plan)

        then:
        def e = thrown(ApplyException)
        !e.interrupted()
        e.message.contains('define vm pfb')
        e.message.contains('injected failure')

        and: 'only the steps that had started before the failure ran: no define of c or d, no start of any vm'
        gate.started.take(3) == plan.steps()*.describe().take(3)
        // define a and define b start side by side, in either order.
        gate.started.subList(3, 5) as Set == [defineA, defineB] as Set
        gate.started.drop(5) == e.undone()
        !gate.started.any { it.contains('pfc') || it.contains('pfd') || it.startsWith('+ start vm') }

        and: 'define a, which was running, finished and was undone first; then the network, newest first'
        lines.any { it.startsWith(defineA) }
        e.undone() == ['- undefine vm pfa', '- stop network pf1', '~ network pf1 autostart off', '- undefine network pf1']
        e.rollbackFailures().isEmpty()
        hv.read().networks().keySet() == before.networks().keySet()
        hv.read().domains().keySet() == before.domains().keySet()

        cleanup:
        hv.close()
    }

    def 'cancel: the running steps finish, nothing new starts, what was done is undone, and the error says interrupted'() {
        given:
        def hv = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())
        def before = hv.read()
        def model = new HostModel('/p.kvm', [net('pc1', '10.63.0.0/24', '10.63.0.1')],
                ['pca', 'pcb', 'pcc'].collect { vm(it, 'pc1') }, [])
        def plan = new Planner(hv.digester()).converge(model, before)
        def gate = new Gate(hv)
        String defineA = plan.steps()*.describe().find { it.startsWith('+ define vm pca') }
        String defineB = plan.steps()*.describe().find { it.startsWith('+ define vm pcb') }
        gate.hold(defineA)
        gate.hold(defineB)
        def applier = new Applier(gate, {}, {}, 2)

        when: 'cancelled while define a and define b run, on both workers'
        Thread.start {
            gate.reached[defineA].await(STUCK_SECONDS, TimeUnit.SECONDS)
            gate.reached[defineB].await(STUCK_SECONDS, TimeUnit.SECONDS)
            applier.cancel()
            gate.release(defineA)
            gate.release(defineB)
        }
        applier.apply(plan)

        then:
        def e = thrown(ApplyException)
        e.interrupted()
        e.message.startsWith('interrupted after')
        !gate.started.any { it.contains('pcc') || it.startsWith('+ start vm') }
        e.message == 'interrupted after 5 of 9 steps'
        e.undone().take(2) as Set == ['- undefine vm pca', '- undefine vm pcb'] as Set
        e.undone().takeRight(3) == ['- stop network pc1', '~ network pc1 autostart off', '- undefine network pc1']
        hv.read().networks().keySet() == before.networks().keySet()
        hv.read().domains().keySet() == before.domains().keySet()

        cleanup:
        hv.close()
    }

    def 'cancelled before it starts, an apply changes nothing'() {
        given:
        def hv = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())
        def plan = new Planner(hv.digester()).converge(
                new HostModel('/p.kvm', [net('pz1', '10.64.0.0/24', '10.64.0.1')], [], []), hv.read())
        def gate = new Gate(hv)
        def applier = new Applier(gate, {})
        applier.cancel()

        when:
        applier.apply(plan)

        then:
        def e = thrown(ApplyException)
        e.interrupted()
        gate.started.isEmpty()
        e.undone().isEmpty()

        cleanup:
        hv.close()
    }
}
