package kvmsh.libvirt

import java.time.Duration

import kvmsh.host.SimulatedLinks
import kvmsh.model.NicDef
import kvmsh.model.OpDef
import kvmsh.model.Origin
import kvmsh.plan.Action
import kvmsh.plan.StepFailedException
import kvmsh.plan.Ownership
import spock.lang.Specification

/**
 * The lifecycle statements against libvirt's test driver (real libvirt code, simulated host):
 * suspend/resume, reboot, autostart, snapshots, stats, events and live NIC moves.
 */
class LifecycleOpsSpec extends Specification {

    LibvirtHypervisor hv = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())
    String name = TestDriver.unique('ops')

    def setup() {
        def vm = Models.simpleVm(name, [Models.nic(NicDef.Kind.NETWORK, 'default', '52:54:00:0f:00:01')])
        hv.execute(new Action.DefineDomain(vm, new Ownership('/s.kvm', 'd', [], []), null))
        hv.execute(new Action.StartDomain(name))
    }

    def cleanup() {
        hv.execute(new Action.StopDomain(name, false))
        hv.execute(new Action.UndefineDomain(name, null))
        hv.close()
    }

    String run(OpDef.Verb verb, Map<String, String> options = [:], String target = name) {
        hv.execute(new Action.RunOp(new OpDef(verb, target, options, Origin.UNKNOWN)))
    }

    String state() {
        OpRunner.state(hv.connection().domainLookupByName(name).info)
    }

    def 'suspend pauses, resume runs again, and both are no-ops when already there'() {
        when:
        run(OpDef.Verb.SUSPEND)
        run(OpDef.Verb.SUSPEND)

        then:
        state() == 'paused'

        when:
        run(OpDef.Verb.RESUME)
        run(OpDef.Verb.RESUME)

        then:
        state() == 'running'
    }

    def 'reboot and autostart act on the domain; reboot of a stopped VM says so'() {
        when:
        run(OpDef.Verb.REBOOT)
        run(OpDef.Verb.AUTOSTART, [on: 'true'])

        then:
        state() == 'running'
        hv.connection().domainLookupByName(name).autostart

        when:
        hv.execute(new Action.StopDomain(name, false))
        run(OpDef.Verb.REBOOT)

        then:
        def e = thrown(StepFailedException)
        e.message == "vm $name is not running"
    }

    def 'a snapshot is taken, listed, reverted to and deleted'() {
        when:
        String taken = run(OpDef.Verb.SNAPSHOT, [name: 's1', description: 'first'])
        String listed = run(OpDef.Verb.SNAPSHOTS)
        String reverted = run(OpDef.Verb.REVERT, [name: 's1'])
        run(OpDef.Verb.DELETE_SNAPSHOT, [name: 's1'])

        then:
        taken.contains("snapshot s1 of vm $name taken")
        listed =~ /s1\s+\d{4}-\S+Z\s+running/
        reverted.contains("reverted to snapshot s1")
        hv.connection().domainLookupByName(name).snapshotListNames().length == 0

        when:
        run(OpDef.Verb.REVERT, [name: 'nope'])

        then:
        def e = thrown(StepFailedException)
        e.message == "vm $name has no snapshot 'nope'"
    }

    def 'stats shows one sample, or a row per sample with CPU %'() {
        when:
        String one = run(OpDef.Verb.STATS)
        String three = run(OpDef.Verb.STATS, [samples: '3', interval: '0'])

        then:
        one.readLines()[0] =~ /TIME\s+STATE\s+CPU TIME\s+CPU %\s+MEMORY\s+NET RX/
        one.readLines().size() == 2
        one.readLines()[1] =~ /running.*-/
        three.readLines().size() == 4
        three.readLines().drop(1).every { it =~ /running\s+\S+ s\s+\d+\.\d/ }
    }

    def 'samples give CPU percent between 0 and 100 of the vCPUs'() {
        given:
        def d = hv.connection().domainLookupByName(name)
        def a = DomainStats.sample(d)
        def b = new DomainStats.Sample(a.name(), a.state(), a.nanos() + 1_000_000_000L, a.cpuTime() + 500_000_000L,
                2, a.memoryKiB(), 0, 0, 0, 0)

        expect:
        DomainStats.cpuPercent(a, b) == 25.0d
        DomainStats.cpuPercent(b, a) == 0.0d
        DomainStats.sampleRunning(hv.connection())*.name().contains(name)
    }

    def 'lifecycle events arrive on libvirt event loop thread as they happen'() {
        given:
        def events = DomainEvents.open('test:///default')

        when:
        hv.connection().domainLookupByName(name).suspend()
        def seen = []
        def deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos()
        while (!seen.any { it.domain() == name && it.type() == 'suspended' } && System.nanoTime() < deadline) {
            events.next(Duration.ofMillis(200)).ifPresent { seen << it }
        }

        then:
        seen.find { it.domain() == name && it.type() == 'suspended' }.toString() == "$name suspended (paused)"

        cleanup:
        events?.close()
    }

    def 'watch waits for the state it is told, and fails when it does not come in time'() {
        when:
        run(OpDef.Verb.WATCH, [until: 'stopped', seconds: '1'])

        then:
        def e = thrown(StepFailedException)
        // The events seen while waiting follow, when libvirt delivered them in time.
        e.message.readLines()[0].replaceFirst(/; events seen:$/, '') == "vm $name did not get to 'stopped' within 1 s"
    }

    def 'a live NIC move refuses a NIC the VM does not have, and a VM that is not running'() {
        // The test driver cannot update devices; the move itself is covered end to end (VmParityE2ESpec).
        when:
        run(OpDef.Verb.MOVE_NIC, [nic: '3', to: 'default'])

        then:
        def e = thrown(StepFailedException)
        e.message == "vm $name has no NIC 3 (it has 1)"

        when:
        run(OpDef.Verb.MOVE_NIC, [mac: '52:54:00:0f:00:99', bridge: 'br0'])

        then:
        e = thrown(StepFailedException)
        e.message == "vm $name has no NIC with MAC 52:54:00:0f:00:99 (it has 1)"

        when:
        hv.execute(new Action.StopDomain(name, false))
        run(OpDef.Verb.MOVE_NIC, [nic: '0', to: 'default'])

        then:
        e = thrown(StepFailedException)
        e.message == "vm $name is not running — to move a NIC for good, change it in the script"
    }
}
