package kvmsh.plan

import java.nio.file.Path
import kvmsh.dsl.DslException
import kvmsh.dsl.ScriptLoader
import kvmsh.host.SimulatedLinks
import kvmsh.libvirt.HostValidationEnv
import kvmsh.libvirt.HostLimits
import kvmsh.libvirt.LibvirtHypervisor
import kvmsh.model.HostModel
import kvmsh.testing.TestHosts
import spock.lang.Specification
import spock.lang.TempDir

/**
 * One plan across two hosts, each a real libvirt test-driver connection of its own: the plan per
 * host, one apply with one rollback over both, down, pruning, ownership and what only several hosts
 * can show (a VM found on another host than its declared one; a network missing on the VM's host).
 */
class FleetSpec extends Specification {

    @TempDir
    Path dir

    Fleet fleet
    String uriA
    String uriB

    def setup() {
        uriA = TestHosts.host(dir, 'a')
        uriB = TestHosts.host(dir, 'b')
        fleet = new Fleet([member('a', uriA), member('b', uriB)])
    }

    def cleanup() {
        fleet?.close()
    }

    static Fleet.Member member(String name, String uri) {
        new Fleet.Member(name, uri, LibvirtHypervisor.connect(uri, SimulatedLinks.of(uri)))
    }

    String hosts() {
        "hypervisor 'a', uri: '$uriA'\nhypervisor 'b', uri: '$uriB'\n"
    }

    HostModel model(String body, String script = '/s/site.kvm') {
        def states = fleet.read()
        def env = new HostValidationEnv({ HostState.union('both', states.values()) }, { HostLimits.unknown() })
        new ScriptLoader(env).load(hosts() + body, 'site.kvm', []).withScript(script)
    }

    Plan converge(HostModel m) {
        new FleetPlanner(fleet.digesters()).converge(m, fleet.read())
    }

    Plan down(HostModel m) {
        new FleetPlanner(fleet.digesters()).down(m, fleet.read())
    }

    List<String> apply(Plan p, int parallel = 8) {
        def lines = Collections.synchronizedList([])
        new Applier(fleet.&execute, { lines << it }, { }, parallel).apply(p)
        lines.collect { it.replaceAll(/   \(\d+(\.\d+)? m?s\)$/, '') }
    }

    Set<String> domains(String host) {
        def s = fleet.read()[host]
        s.domains().keySet()
    }

    Set<String> networks(String host) {
        fleet.read()[host].networks().keySet()
    }

    static final String SITE = """\
        network 'lan' { nat '10.0.0.0/24'; on 'a', 'b' }
        vm 'web' { memory 128; nic network: 'lan'; on 'a' }
        vm 'db' { memory 256; nic network: 'lan'; on 'b' }
        """.stripIndent()

    def 'plans each host with what the script places on it, every step naming its host'() {
        when:
        def p = converge(model(SITE))

        then:
        p.problems().isEmpty()
        p.steps()*.describe() == [
                '+ define network lan (nat 10.0.0.0/24, bridge lan)   [a]',
                '~ network lan autostart on   [a]',
                '+ start network lan   [a]',
                '+ define vm web (128 MiB, 1 cpu, nic on lan)   [a]',
                '+ start vm web   [a]',
                '+ define network lan (nat 10.0.0.0/24, bridge lan)   [b]',
                '~ network lan autostart on   [b]',
                '+ start network lan   [b]',
                '+ define vm db (256 MiB, 1 cpu, nic on lan)   [b]',
                '+ start vm db   [b]']
        p.steps().every { it instanceof Action.OnHost }
    }

    def 'the same names on two hosts order nothing across them'() {
        when:
        def g = StepGraph.of(converge(model(SITE)).steps())

        then: 'the network on b waits for nothing of a'
        g.dependencies(5) as List == []
        and: 'vm db waits for its own host’s network only'
        g.dependencies(8) as List == [7]
    }

    def 'applies across both hosts, then plans no changes'() {
        given:
        def m = model(SITE)

        when:
        apply(converge(m))

        then:
        domains('a') == ['web'] as Set
        domains('b') == ['db'] as Set
        networks('a') == ['lan'] as Set
        networks('b') == ['lan'] as Set
        converge(m).isEmpty()
    }

    def 'a failure on one host undoes what the run did on every host, and says so per host'() {
        given:
        def m = model(SITE + "revert 'db', name: 'nope'\n")

        when:
        apply(converge(m), 1)

        then:
        ApplyException e = thrown()
        e.message.startsWith("step 11 failed: revert db, name: nope   (site.kvm:6:1)   [b]: ")
        e.report('undone:') == [
                'undone on b:',
                '  - destroy vm db',
                '  - undefine vm db',
                '  - stop network lan',
                '  ~ network lan autostart off',
                '  - undefine network lan',
                'undone on a:',
                '  - destroy vm web',
                '  - undefine vm web',
                '  - stop network lan',
                '  ~ network lan autostart off',
                '  - undefine network lan']
        domains('a').isEmpty() && domains('b').isEmpty()
        networks('a').isEmpty() && networks('b').isEmpty()
    }

    def 'down removes from every host what the script made there, and nothing else'() {
        given:
        def m = model(SITE)
        apply(converge(m))
        apply(converge(model("vm 'other' { memory 64; on 'b' }", '/s/other.kvm')))

        when:
        def lines = apply(down(m))

        then:
        lines.toSet() == ['- destroy vm web   [a]', '- undefine vm web   [a]', '- stop network lan   [a]',
                          '- undefine network lan   [a]', '- destroy vm db   [b]', '- undefine vm db   [b]',
                          '- stop network lan   [b]', '- undefine network lan   [b]'] as Set
        domains('a').isEmpty()
        domains('b') == ['other'] as Set
        networks('a').isEmpty() && networks('b').isEmpty()
    }

    def 'prunes a vm no longer declared from its own host only'() {
        given:
        apply(converge(model(SITE)))

        when:
        def p = converge(model(SITE.readLines().findAll { !it.contains("'db'") }.join('\n')))

        then:
        p.steps()*.describe() == ['- destroy vm db   [b]', '- undefine vm db   [b]']
        p.notes() == ['b: vm db is no longer declared in /s/site.kvm: removed']
    }

    def 'another script’s vm on one host is refused at its statement, naming the host'() {
        given:
        apply(converge(model("vm 'db' { memory 64; on 'b' }", '/s/other.kvm')))

        when:
        def p = converge(model(SITE))

        then:
        p.problems()*.toString() == ["site.kvm:5:1: vm 'db' on $uriB belongs to /s/other.kvm, not to this script — choose another name, remove it with that script's down, or take it over with adopt true in its block (or --adopt)"]
    }

    static final String DISKS = """\
        network 'lan' { nat '10.0.0.0/24'; on 'a', 'b' }
        vm 'web' { memory 128; nic network: 'lan'; disk size: '1G'
            on 'a' }
        """.stripIndent()

    def "a vm whose on changed is migrated, and what else changed in its block follows on its new host"() {
        given:
        apply(converge(model(DISKS)))

        when:
        def p = converge(model(DISKS.replace("on 'a' }", "on 'b' }").replace('memory 128', 'memory 192')))

        then: 'a migration, not a destroy on a and a define on b'
        p.problems().isEmpty()
        p.steps()*.describe() == [
                '~ migrate vm web a → b (live, copy storage: default/web-vda.qcow2)   [a]',
                '~ redefine vm web (192 MiB, 1 cpu, nic on lan) — takes effect at its next boot   [b]']
        p.notes().isEmpty()

        and: 'the redefine on b waits for the VM to arrive'
        StepGraph.of(p.steps()).dependencies(1) as List == [0]

        and: 'it needs no consent, and is undone by moving it back'
        !p.steps()[0].losesData()
        p.steps()[0].undo().get().describe() == '~ migrate vm web b → a (live, copy storage: default/web-vda.qcow2)   [a]'
    }

    def 'a stopped vm is moved by its definition'() {
        given:
        apply(converge(model(DISKS.replace('memory 128', "memory 128; state 'stopped'"))))

        when:
        def p = converge(model(DISKS.replace('memory 128', "memory 128; state 'stopped'").replace("on 'a' }", "on 'b' }")))

        then:
        p.steps()*.describe() == ['~ migrate vm web a → b (stopped: by its definition, copy storage: default/web-vda.qcow2)   [a]']
    }

    def 'a network the vm needs is made on its new host before it moves, and the one it leaves goes after'() {
        given:
        def site = { String on -> """\
            network 'lan' { nat '10.0.0.0/24'; on '$on' }
            vm 'web' { memory 128; nic network: 'lan'; on '$on' }
            """.stripIndent() }
        apply(converge(model(site('a'))))

        when:
        def p = converge(model(site('b')))
        def g = StepGraph.of(p.steps())

        then:
        p.problems().isEmpty()
        p.steps()*.describe() == [
                '+ define network lan (nat 10.0.0.0/24, bridge lan)   [b]',
                '~ network lan autostart on   [b]',
                '+ start network lan   [b]',
                '~ migrate vm web a → b (live, copy storage of disks not on shared storage)   [a]',
                '- stop network lan   [a]',
                '- undefine network lan   [a]']
        g.dependencies(3) as List == [2]
        g.dependencies(4) as List == [3]
    }

    def "the hosts' own checks are located problems at the vm's on, before anything changes"() {
        given:
        apply(converge(model(DISKS)))
        def checked = []
        def planner = new FleetPlanner(fleet.digesters(), { vm, from, to, options, planned ->
            checked << [vm, from, to, options, planned]
            ["$to cannot run machine type pc-q35-9.9 (x86_64, kvm) of vm $vm".toString()]
        } as FleetPlanner.MigrationChecks)

        when:
        def p = planner.converge(model(DISKS.replace("on 'a' }", "on 'b' }")), fleet.read())

        then:
        p.problems()*.toString() == ["site.kvm:5:5: vm web cannot move from 'a' to 'b': b cannot run machine type pc-q35-9.9 (x86_64, kvm) of vm web — make 'b' ready for it, or keep on 'a' for now"]
        checked == [['web', 'a', 'b', MigrationOptions.DEFAULT, new PlannedOnTarget([] as Set, [] as Set)]]
    }

    def "asked of the test-driver hosts themselves, libvirt's answer is the problem"() {
        given: 'a volume of the name the copy needs is on b already'
        apply(converge(model(DISKS)))
        ((LibvirtHypervisor) fleet.member('b').hypervisor()).connection().storagePoolLookupByName('default')
                .storageVolCreateXML("<volume><name>web-vda.qcow2</name><capacity unit='bytes'>1048576</capacity></volume>", 0)

        when:
        def p = new FleetPlanner(fleet.digesters(), fleet.&migrationProblems)
                .converge(model(DISKS.replace("on 'a' }", "on 'b' }")), fleet.read())

        then:
        p.problems()*.toString() == ["site.kvm:5:5: vm web cannot move from 'a' to 'b': volume default/web-vda.qcow2 already exists on $uriB: kvmsh does not overwrite it — make 'b' ready for it, or keep on 'a' for now".toString()]
    }

    def 'a migration the host refuses when it starts fails the run, and the vm stays where it was'() {
        given:
        apply(converge(model(DISKS)))

        when:
        apply(converge(model(DISKS.replace("on 'a' }", "on 'b' }"))))

        then:
        ApplyException e = thrown()
        e.message.startsWith('step 1 failed: migrate vm web a → b')
        domains('a') == ['web'] as Set
        domains('b').isEmpty()
    }

    def 'a later failure moves the vm back, and the report says so on its host'() {
        given:
        def migrate = new Action.OnHost('a', new Action.MigrateDomain('web', 'a', 'b', true, MigrationOptions.DEFAULT,
                ['lan'], [], null))
        def later = new Action.OnHost('b', new Action.StartDomain('db'))
        def carried = Collections.synchronizedList([])
        def execute = { Action a ->
            carried << a.describe()
            if (a == later) {
                throw new StepFailedException('no db')
            }
            ''
        }

        when:
        new Applier(execute as java.util.function.Function, { }, { }, 1).apply(new Plan([migrate, later], [], []))

        then:
        ApplyException e = thrown()
        carried.last() == '~ migrate vm web b → a (live, copy storage of disks not on shared storage)   [a]'
        e.report('undone:') == ['undone on a:', '  ~ migrate vm web b → a (live, copy storage of disks not on shared storage)']
    }

    def 'a vm with a tap cannot take it along: refused at its on'() {
        given:
        apply(converge(model("vm 'web' { memory 64; nic tap: 'vnet7'\n on 'a' }")))

        when:
        def p = converge(model("vm 'web' { memory 64; nic tap: 'vnet7'\n on 'b' }"))

        then:
        p.problems()*.toString() == ["site.kvm:4:2: vm web cannot move from 'a' to 'b': it uses tap vnet7, a device of its host that kvmsh does not move — put its NICs on a network (nic network: 'lan') for the move, or keep it on 'a'"]
    }

    def 'migrate and evacuate plan migrations after the declarations, one after the other, each at its statement'() {
        given:
        apply(converge(model(SITE)))

        when:
        def p = converge(model(SITE + "migrate 'db', to: 'a', bandwidth: 50, timeout: 20\nevacuate 'a', to: 'b'\n"))
        def g = StepGraph.of(p.steps())

        then:
        p.problems().isEmpty()
        p.steps()*.describe() == [
                '> migrate vm db b → a (live, copy storage of disks not on shared storage, at most 50 MiB/s, paused after 20 s)   (site.kvm:6:1)   [b]',
                '> migrate vm db a → b (live, copy storage of disks not on shared storage)   (site.kvm:7:1)   [a]',
                '> migrate vm web a → b (live, copy storage of disks not on shared storage)   (site.kvm:7:1)   [a]']
        g.dependencies(1) as List == [0]
        g.dependencies(2) as List == [1]
        p.changes() == 0
        PlanText.summary(Step.all(p)) == 'No changes. 3 statements to run.'
        p.notes() == ["vm web is declared on 'a' (site.kvm:4:1) and the statements leave it on 'b': the next run moves it back, unless its on changes too"]

        and: 'in the plan by host, with the statements'
        PlanText.renderByHost(p, false, [a: 'A', b: 'B']).readLines().take(3) == [
                '  a (A): no changes', '  b (B): no changes',
                '  > migrate vm db b → a (live, copy storage of disks not on shared storage, at most 50 MiB/s, paused after 20 s)   (site.kvm:6:1)   [b]']
    }

    def 'a statement after a migrate runs on the vm’s new host'() {
        given:
        apply(converge(model(SITE)))

        when:
        def p = converge(model(SITE + "migrate 'web', to: 'b'\ninfo 'web'\n"))

        then:
        p.steps()*.describe()[1] == "> info web   (site.kvm:7:1)   [b]"
    }

    def "migrate to the vm's own host is refused at the statement"() {
        given:
        apply(converge(model(SITE)))

        expect:
        converge(model(SITE + "migrate 'web', to: 'a'\n")).problems()*.toString() ==
                ["site.kvm:6:1: migrate 'web', to: 'a': vm web is on 'a' already — remove the statement, or name another hypervisor with to:"]
    }

    def "the hosts' checks of a statement's migration are problems at the statement"() {
        given:
        apply(converge(model(SITE)))
        def planner = new FleetPlanner(fleet.digesters(), { vm, from, to, options, planned ->
            ["network lan, which vm $vm uses, is not running on $to".toString()]
        } as FleetPlanner.MigrationChecks)

        expect:
        planner.converge(model(SITE + "migrate 'web', to: 'b', live: false\n"), fleet.read()).problems()*.toString() ==
                ["site.kvm:6:1: migrate 'web': vm web cannot move from 'a' to 'b': network lan, which vm web uses, is not running on b — make 'b' ready for it, or remove the statement"]
    }

    def 'evacuating a host without vms moves nothing, and says so'() {
        given:
        apply(converge(model("network 'lan' { nat '10.0.0.0/24'; on 'a', 'b' }\n")))

        when:
        def p = converge(model("network 'lan' { nat '10.0.0.0/24'; on 'a', 'b' }\nevacuate 'b', to: 'a'\n"))

        then:
        p.steps().isEmpty()
        p.notes() == ["evacuate 'b' (site.kvm:4:1): no vm on b to move"]
    }

    def 'a nic on a network its host lacks is refused at the nic'() {
        given:
        apply(converge(model("network 'only-a' { nat '10.5.0.0/24'; on 'a' }", '/s/other.kvm')))

        when:
        def p = converge(model("vm 'web' { memory 64; on 'b'; nic network: 'only-a' }"))

        then:
        p.problems()*.toString() == ["site.kvm:3:31: vm web is on hypervisor 'b', which has no network 'only-a' — declare the network in the script with on 'b', or put the vm on a host that has it"]
    }
}
