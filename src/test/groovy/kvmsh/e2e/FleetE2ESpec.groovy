package kvmsh.e2e

import kvmsh.testing.Cli
import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * One script on two real hosts: two sandboxes, each its own network namespace with its own
 * libvirtd, declared as hypervisor 'a' and 'b'. A NAT network on both and a running TCG guest on
 * each; plan, run, plan again ("No changes."), down leaving both hosts as they were. Runs only with
 * -Dkvmsh.e2e=true; the sandboxes are removed in cleanupSpec, also when a feature fails.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class FleetE2ESpec extends Specification {

    @Shared SandboxFixture a = new SandboxFixture('e2e-fleet-a')
    @Shared SandboxFixture b = new SandboxFixture('e2e-fleet-b')
    @Shared String file
    @Shared Map before

    def setupSpec() {
        a.up()
        b.up()
        before = [a: snapshot(a), b: snapshot(b)]
        file = a.script('fleet.kvm', """\
            hypervisor 'a', uri: 'sandbox:e2e-fleet-a'
            hypervisor 'b', uri: 'sandbox:e2e-fleet-b'
            network 'lan' { nat '10.0.0.0/24'; dhcp '10.0.0.10'..'10.0.0.100'; on 'a', 'b' }
            vm 'web' {
                on 'a'
                memory 128; accel 'tcg'
                guest ping: ['10.0.0.1', '172.16.0.1'], stay: true
                nic network: 'lan'
                serial '/var/log/libvirt/qemu/web-serial.log'
            }
            vm 'db' {
                on 'b'
                memory 128; accel 'tcg'
                guest ping: ['10.0.0.1', '172.16.0.1'], stay: true
                nic network: 'lan'
                serial '/var/log/libvirt/qemu/db-serial.log'
            }
            """.stripIndent())
    }

    def cleanupSpec() {
        a.down()
        b.down()
    }

    static Map snapshot(SandboxFixture s) {
        [networks: s.inSandbox('virsh', 'net-list', '--all', '--name') as Set,
         domains : s.inSandbox('virsh', 'list', '--all', '--name') as Set]
    }

    def 'plan reads both hosts and prints one plan grouped by hypervisor'() {
        when:
        def r = Cli.run(['plan', file])

        then:
        r.code == 0
        r.out.readLines()[0] == "Plan for $file on 2 hypervisors, networks by libvirt:"
        r.out.contains('  a (sandbox e2e-fleet-a):\n    + define network lan (nat 10.0.0.0/24, bridge lan)')
        r.out.contains('    + define vm web (128 MiB, 1 cpu, nic on lan)\n    + start vm web\n  b (sandbox e2e-fleet-b):')
        r.out.contains('    + define vm db (128 MiB, 1 cpu, nic on lan)')
        snapshot(a) == before.a
        snapshot(b) == before.b
    }

    def 'run is refused while another kvmsh changes one of the hosts, naming it, and nothing changes on either'() {
        given: 'a one-host run on b in another process, held up by a watch statement'
        def sleeper = b.script('sleeper.kvm', "vm 'sleeper' { memory 128; accel 'tcg'; state 'stopped' }\nwatch 'sleeper', seconds: 15\n")
        def other = new ProcessBuilder('java', '-cp', System.getProperty('java.class.path'), kvmsh.cli.Launcher.name,
                '-c', 'sandbox:e2e-fleet-b', 'run', sleeper).redirectErrorStream(true).start()
        def lines = new BufferedReader(new InputStreamReader(other.inputStream))
        String line
        while ((line = lines.readLine()) != null && !line.contains('+ define vm sleeper')) {
            // the other kvmsh holds b's lock from its read of the host to its last statement
        }

        when:
        def r = Cli.run(['run', file])

        then:
        line != null
        r.code == 7
        r.err.contains("is being changed by another kvmsh (pid ${other.pid()}: kvmsh run $sleeper (since ")
        snapshot(a) == before.a

        cleanup:
        other?.waitFor()
        Cli.run(['-c', 'sandbox:e2e-fleet-b', 'down', '--yes', sleeper])
        other?.destroyForcibly()
    }

    def 'run starts the network on both hosts and each guest on its own, where it leases and reaches the LAN'() {
        when:
        def r = Cli.run(['run', file])

        then:
        r.code == 0
        r.out.contains('+ start vm web   [a]')
        r.out.contains('+ start vm db   [b]')
        a.inSandbox('virsh', 'list', '--name') == ['web']
        b.inSandbox('virsh', 'list', '--name') == ['db']

        when:
        def web = a.awaitConsole('/var/log/libvirt/qemu/web-serial.log', 'KVMSH done')
        def db = b.awaitConsole('/var/log/libvirt/qemu/db-serial.log', 'KVMSH done')

        then:
        web =~ /KVMSH lease 10\.0\.0\.\d+/
        web.contains('KVMSH ping 172.16.0.1 ok')
        db =~ /KVMSH lease 10\.0\.0\.\d+/
        db.contains('KVMSH ping 172.16.0.1 ok')
    }

    def 'planning again finds nothing to change on either host'() {
        when:
        def r = Cli.run(['plan', file])

        then:
        r.code == 0
        r.out.contains('  a (sandbox e2e-fleet-a): no changes\n  b (sandbox e2e-fleet-b): no changes\nNo changes.')
    }

    def 'down removes everything of it from both hosts'() {
        when:
        def r = Cli.run(['down', '--yes', file])

        then:
        r.code == 0
        r.out.contains('- undefine vm web   [a]')
        r.out.contains('- undefine vm db   [b]')
        snapshot(a) == before.a
        snapshot(b) == before.b
    }
}
