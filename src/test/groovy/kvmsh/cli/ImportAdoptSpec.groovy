package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path


import kvmsh.dsl.ScriptLoader
import kvmsh.dsl.ValidationEnv
import kvmsh.libvirt.LibvirtXml
import kvmsh.libvirt.Annotations
import kvmsh.libvirt.XmlRenderer

/**
 * kvmsh import and adoption on libvirt's test driver, whose built-in 'test' VM and 'default' network
 * stand for what a person made without kvmsh. test:///default keeps its state while any connection
 * (or an object of one) is alive in the process, so the spec holds one to see what each command
 * left, and puts both objects back as they were after each feature.
 */
class ImportAdoptSpec extends TestDriverFixture {

    String testXml
    String defaultXml

    def setup() {
        testXml = keepAlive.domainLookupByName('test').getXMLDesc(2)
        defaultXml = keepAlive.networkLookupByName('default').getXMLDesc(0)
    }

    def cleanup() {
        if ('test' in domains()) {
            def d = keepAlive.domainLookupByName('test')
            if (d.isActive() == 1) {
                d.destroy()
            }
            d.undefine()
        }
        keepAlive.domainDefineXML(testXml).create()
        if ('default' in (keepAlive.listNetworks() + keepAlive.listDefinedNetworks())) {
            def n = keepAlive.networkLookupByName('default')
            if (n.isActive() == 1) {
                n.destroy()
            }
            n.undefine()
        }
        keepAlive.networkDefineXML(defaultXml).create()
    }

    Path imported(String... names) {
        Path p = dir.resolve('host.kvm')
        def r = kvmsh(['import', '-o', p.toString()] + names.toList() as String[])
        assert r.code == 0: r.err
        p
    }

    String uuid() {
        keepAlive.domainLookupByName('test').UUIDString
    }

    String mac() {
        LibvirtXml.domain(keepAlive.domainLookupByName('test').getXMLDesc(0)).macs()[0]
    }

    /** kvmsh in a JVM of its own: a fresh test:///default, with nothing other specs left on it. */
    Map freshKvmsh(String... args) {
        def cmd = ['java', '-cp', System.getProperty('java.class.path'), Launcher.name, '-c', URI] + args.toList()
        def p = new ProcessBuilder(cmd).start()
        def err = new StringBuilder()
        p.consumeProcessErrorStream(err)
        String out = p.inputStream.text
        [code: p.waitFor(), out: out, err: err.toString()]
    }

    def 'import then run --adopt --verify converges with adopt steps only, and verifies'() {
        when: 'kvmsh -c test:///default import > host.kvm'
        def exported = freshKvmsh('import')
        Path p = dir.resolve('host.kvm')
        Files.writeString(p, exported.out)
        def run = freshKvmsh('run', '--adopt', '--verify', p.toString())

        then:
        exported.code == 0
        exported.out.contains("vm 'test' {")
        exported.out.contains("network 'default' {")
        exported.out.contains("pool 'default-pool' {")
        run.code == 0
        // Steps may run in parallel (in any order) and carry their durations.
        run.out.readLines().findAll { it.startsWith('  ') && !it.contains('note:') }
                .collect { it.trim().replaceAll(/\s+\(\d+(\.\d+)? m?s\)$/, '') } as Set == [
                "= adopt network default (kvmsh's metadata only; the network is not restarted)",
                "= adopt vm test (kvmsh's metadata only; the VM is not redefined or restarted)"] as Set
        run.out.contains('Verified: planning again finds no changes.')
    }

    def 'without --adopt the refusal stays and says how to adopt'() {
        given:
        Path p = imported('test', 'default', 'default-pool')

        when:
        def plan = kvmsh('plan', p.toString())

        then:
        plan.code == ExitCodes.SCRIPT_ERRORS
        plan.err.contains("vm 'test' already exists on test:///default and kvmsh does not manage it — add adopt true"
                + ' to its block (or run with --adopt)')
        plan.err.contains("network 'default' already exists")
    }

    def 'adopted objects then plan no changes, edits apply with the same UUID and MAC, and down removes them'() {
        given:
        Path p = imported('test', 'default', 'default-pool')
        String uuidBefore = uuid()
        String macBefore = mac()

        when:
        def plan = kvmsh('plan', '--adopt', p.toString())

        then:
        plan.code == 0
        plan.out.readLines().findAll { it.startsWith('  ') }.every { it.trim().startsWith('= adopt') }

        when:
        def run = kvmsh('run', '--adopt', p.toString())
        def again = kvmsh('plan', p.toString())

        then:
        run.code == 0
        again.code == 0
        again.out.contains('No changes.')
        uuid() == uuidBefore
        mac() == macBefore
        // kvmsh's metadata is there, and nothing else moved.
        keepAlive.domainLookupByName('test').getXMLDesc(2).contains('https://kvmsh.dev/xmlns/kvmsh/1')
        keepAlive.domainLookupByName('test').isActive() == 1

        when: 'the memory is edited in the script'
        Files.writeString(p, Files.readString(p).replace('memory 8192', 'memory 4096'))
        def edited = kvmsh('run', p.toString())

        then:
        edited.code == 0
        edited.out.contains('~ redefine vm test')
        !edited.out.contains('adopt')
        keepAlive.domainLookupByName('test').getXMLDesc(2).contains("<memory unit='KiB'>4194304</memory>")
        uuid() == uuidBefore
        mac() == macBefore
        kvmsh('plan', p.toString()).out.contains('No changes.')

        when:
        def down = kvmsh('down', '--yes', p.toString())

        then:
        down.code == 0
        !('test' in domains())
        !('default' in (keepAlive.listNetworks() + keepAlive.listDefinedNetworks()))
    }

    def 'a real difference is planned as a change besides the adoption'() {
        given:
        Path p = imported('test')
        Files.writeString(p, Files.readString(p).replace('cpus 2', 'cpus 3'))

        when:
        def plan = kvmsh('plan', '--adopt', p.toString())

        then:
        plan.code == 0
        plan.out.contains('= adopt vm test')
        plan.out.contains('~ redefine vm test')
    }

    def 'adopt true in a block adopts that object only'() {
        given:
        Path p = dir.resolve('one.kvm')
        def text = kvmsh('import', 'test').out.replace("vm 'test' {", "vm 'test' {\n    adopt true")
        Files.writeString(p, text)

        when:
        def plan = kvmsh('plan', p.toString())

        then:
        plan.code == 0
        plan.out.contains('= adopt vm test')
        !plan.out.contains('adopt network')
    }

    def 'names limit the import, and a name the host does not have is an error'() {
        when:
        def one = kvmsh('import', 'default')
        def none = kvmsh('import', 'nosuch')

        then:
        one.code == 0
        one.out.contains("network 'default' {")
        !one.out.contains("vm 'test'")
        !one.out.contains('pool ')
        none.code == ExitCodes.USAGE
        none.err.contains("has no VM, network or pool named 'nosuch'")
    }

    def 'import -o refuses to overwrite a file'() {
        given:
        Path p = dir.resolve('mine.kvm')
        Files.writeString(p, '// my work\n')

        when:
        def r = kvmsh('import', '-o', p.toString())

        then:
        r.code == ExitCodes.USAGE
        r.err.contains('exists')
        Files.readString(p) == '// my work\n'
    }

    def "import of a VM kvmsh's run made says so and keeps its settings"() {
        given:
        def card = Path.of(projectDir, 'dsl-examples/card.kvm').toString()
        assert kvmsh('run', card).code == 0

        when:
        def r = kvmsh('import', 'cirros1', 'isolationbr')
        def model = new ScriptLoader({ name -> true } as ValidationEnv).load(r.out, dir.resolve('x.kvm').toString(), [])
        def facts = LibvirtXml.domain(keepAlive.domainLookupByName('cirros1').getXMLDesc(2))
        def mac = facts.macs()[0]
        def cardModel = new ScriptLoader({ name -> true } as ValidationEnv).load(Path.of(card), [])

        then:
        r.code == 0
        facts.owner().isPresent()
        r.out.contains('// managed by kvmsh already (script ' + Path.of(card).toAbsolutePath().normalize() + ')')
        // (test:///default's taps are simulated per run, so which network a tap is on is not known here)
        r.out.contains("nic tap: 'vnet1'")
        !r.out.contains('customize')
        r.out.contains("nat '10.0.0.0/8'")
        r.out.contains("dhcp '10.0.0.1'..'10.0.0.100'")
        // The declaration renders to what the card's own declaration rendered, with the MAC libvirt chose.
        XmlRenderer.domain(model.vms()[0], Annotations.NONE) ==
                XmlRenderer.domain(cardModel.vms()[0], new Annotations(null, null, [mac]))

        cleanup:
        kvmsh('down', '--yes', card)
    }
}
