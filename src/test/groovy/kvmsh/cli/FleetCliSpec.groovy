package kvmsh.cli

import com.networknt.schema.InputFormat
import com.networknt.schema.SchemaRegistry
import com.networknt.schema.SpecificationVersion
import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import kvmsh.testing.Cli
import kvmsh.testing.TestHosts
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * A script that declares its hypervisors, on the command line: two simulated hosts of the test
 * driver, each with its own state for the length of one kvmsh invocation (so convergence is checked
 * with run --verify); what is refused before any host is touched.
 */
class FleetCliSpec extends Specification {

    @TempDir
    Path dir

    @Shared
    def schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(Path.of(System.getProperty('kvmsh.projectDir', '.'), 'docs', 'plan.schema.json')))

    String uriA
    String uriB

    def setup() {
        uriA = TestHosts.host(dir, 'a')
        uriB = TestHosts.host(dir, 'b')
    }

    Path script(String body) {
        Path p = dir.resolve('site.kvm')
        Files.writeString(p, "hypervisor 'a', uri: '$uriA'\nhypervisor 'b', uri: '$uriB'\n" + body)
        p
    }

    static final String SITE = """\
        network 'lan' { nat '10.0.0.0/24'; on 'a', 'b' }
        vm 'web' { memory 128; nic network: 'lan'; on 'a' }
        vm 'db' { memory 256; nic network: 'lan'; on 'b' }
        info 'db'
        """.stripIndent()

    def 'plan prints one plan grouped by hypervisor'() {
        given:
        def file = script(SITE)

        when:
        def r = Cli.run(['plan', file.toString()])

        then:
        r.code == 0
        r.out == """\
            Plan for $file on 2 hypervisors, networks by libvirt:
              a ($uriA):
                + define network lan (nat 10.0.0.0/24, bridge lan)
                ~ network lan autostart on
                + start network lan
                + define vm web (128 MiB, 1 cpu, nic on lan)
                + start vm web
              b ($uriB):
                + define network lan (nat 10.0.0.0/24, bridge lan)
                ~ network lan autostart on
                + start network lan
                + define vm db (256 MiB, 1 cpu, nic on lan)
                + start vm db
              > info db   ($file:6:1)   [b]
            8 to add, 2 to change, 0 to destroy, 1 statement.
            """.stripIndent()
    }

    def 'plan --json names the hypervisors and each step’s host, valid against the schema'() {
        when:
        def r = Cli.run(['plan', '--json', script(SITE).toString()])
        def doc = new JsonSlurper().parseText(r.out)

        then:
        r.code == 0
        schema.validate(r.out, InputFormat.JSON).isEmpty()
        doc.host == null
        doc.hypervisors == [[name: 'a', uri: uriA], [name: 'b', uri: uriB]]
        doc.steps*.host == ['a'] * 5 + ['b'] * 5 + ['b']
        doc.steps.find { it.name == 'db' }.host == 'b'
    }

    def 'run applies to both hosts and --verify finds nothing left to change'() {
        when:
        def r = Cli.run(['run', '--verify', script(SITE).toString()])

        then:
        r.code == 0
        r.out.contains('+ define vm web (128 MiB, 1 cpu, nic on lan)   [a]')
        r.out.contains('+ define vm db (256 MiB, 1 cpu, nic on lan)   [b]')
        r.out.contains('Applied 10 changes to hypervisors a, b in ')
        r.out.contains('Verified: planning again finds no changes.')
    }

    def 'list() lists every host, each table with its HOST column'() {
        when:
        def r = Cli.run(['run', script(SITE.replace("info 'db'", 'list()')).toString()])

        then:
        r.code == 0
        r.out =~ /> list   \(.*site.kvm:6:1\)   \[a\]   \([\d.]+ m?s\)\n +HOST +VM +STATE +AUTOSTART +MANAGED BY\n +a +web +running /
        r.out =~ /> list   \(.*site.kvm:6:1\)   \[b\]   \([\d.]+ m?s\)\n +HOST +VM +STATE +AUTOSTART +MANAGED BY\n +b +db +running /
        r.out =~ /\n +HOST +NETWORK +STATE +AUTOSTART +BRIDGE +MANAGED BY\n +b +lan +active /
    }

    def 'a failed run says per host what was undone'() {
        when:
        def r = Cli.run(['run', '--parallel', '1', script(SITE.replace("info 'db'", "revert 'db', name: 'nope'")).toString()])
        def file = dir.resolve('site.kvm')

        then:
        r.code == 1
        r.err.readLines() == [
                "kvmsh: $file: step 11 failed: revert db, name: nope   ($file:6:1)   [b]: vm db has no snapshot 'nope'".toString(),
                'undone on b:', '  - destroy vm db', '  - undefine vm db', '  - stop network lan',
                '  ~ network lan autostart off', '  - undefine network lan',
                'undone on a:', '  - destroy vm web', '  - undefine vm web', '  - stop network lan',
                '  ~ network lan autostart off', '  - undefine network lan']
    }

    def 'a script that declares its hypervisors refuses -c, at its first hypervisor'() {
        given:
        def file = script(SITE)

        when:
        def r = Cli.run(['-c', 'test:///default', 'plan', file.toString()])

        then:
        r.code == 2
        r.err.readLines() == ["$file:1:1: -c test:///default names a host, and this script declares its own hypervisors — run it without -c: each hypervisor line names its host".toString(),
                              '1 error; nothing was changed.']
    }

    def 'a vm’s memory and CPUs are checked against the hypervisor it is on, and the message names it'() {
        given: 'a has 4 GiB, b only 1 GiB; the test driver allows 32 vCPUs'
        uriB = TestHosts.host(dir, 'b', 1024)
        def file = script("""\
            vm 'web' { memory '2G'; cpus 2; on 'a' }
            vm 'db' { memory '2G'; on 'b' }
            vm 'big' { cpus 33; on 'a' }
            """.stripIndent())

        when:
        def r = Cli.run(['plan', file.toString()])

        then:
        r.code == 3
        r.err.readLines() == [
                "$file:4:11: memory 2048 MiB is more than hypervisor 'b' has (1024 MiB) — give the vm at most 1024 MiB, e.g. memory '2G'".toString(),
                "$file:5:12: cpus 33 is more than hypervisor 'a' allows for a 'kvm' vm (32) — use cpus 32 or fewer".toString(),
                '2 errors; nothing was changed.']
    }

    def 'a vm given more memory than its host has passes where it already has that much there'() {
        given: 'web has 2 GiB on b, a host of 1 GiB (overcommitted): declaring it as it is asks for nothing new'
        uriB = TestHosts.host(dir, 'b', 1024)
        Files.writeString(dir.resolve('b.xml'), Files.readString(dir.resolve('b.xml')).replace('</node>', """\
              <domain type='test'><name>web</name><memory unit='MiB'>2048</memory><os><type>hvm</type></os></domain>
            </node>
            """.stripIndent()))
        def file = script("vm 'web' { memory '2G'; on 'b'; adopt true }\nvm 'db' { memory '2G'; on 'a' }\n")

        when:
        def r = Cli.run(['plan', file.toString()])

        then:
        r.code == 0
        r.err == ''
    }

    def 'unreachable hosts are named at their declarations, all at once, with libvirt’s reason'() {
        given:
        Path file = dir.resolve('far.kvm')
        Files.writeString(file, """\
            hypervisor 'a', uri: '$uriA'
            hypervisor 'gone', uri: 'test://$dir/gone.xml'
            hypervisor 'nowhere', uri: 'test://$dir/nowhere.xml'
            vm 'web' { memory 64; on 'a' }
            """.stripIndent())

        when:
        def r = Cli.run(['run', file.toString()])

        then:
        r.code == 4
        r.err.readLines() == [
                "$file:2:1: hypervisor 'gone' cannot be reached: cannot connect to test://$dir/gone.xml: XML error: failed to parse xml document '$dir/gone.xml' — check its uri and that libvirt runs there; nothing was changed on any host".toString(),
                "$file:3:1: hypervisor 'nowhere' cannot be reached: cannot connect to test://$dir/nowhere.xml: XML error: failed to parse xml document '$dir/nowhere.xml' — check its uri and that libvirt runs there; nothing was changed on any host".toString(),
                '2 errors; nothing was changed.']
    }
}
