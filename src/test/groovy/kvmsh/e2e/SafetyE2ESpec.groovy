package kvmsh.e2e

import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Data is sacred, end to end: a sandbox's real libvirtd, a thin volume with a marker written into
 * it by qemu-io, and kvmsh's command line. Steps that can lose data need --yes; another script's
 * VM is refused and survives that script's down; protect refuses down even with --yes; a larger
 * size grows the disk in place, offline and under the running guest; was renames the running VM
 * (with consent for its shutdown) keeping its UUID and disk; a second kvmsh is refused while one
 * applies. Runs only with -Dkvmsh.e2e=true.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class SafetyE2ESpec extends Specification {

    static final String NAME = 'e2e-safety'

    @Shared SandboxFixture fixture = new SandboxFixture(NAME)
    @Shared String first
    @Shared String second

    def setupSpec() {
        fixture.sandbox.up()
        first = fixture.script('first.kvm', """
vm 'keeper' {
    memory 128
    accel 'tcg'
    disk size: '64M'
    state 'stopped'
}
""")
        second = fixture.script('second.kvm', "\nvm 'keeper' { memory 256; accel 'tcg'; state 'stopped' }\n")
    }

    def cleanupSpec() {
        fixture.down()
    }

    String volumePath() {
        fixture.inSandbox('virsh', 'vol-path', 'keeper-vda.qcow2', '--pool', 'default').first()
    }

    /**
     * True when the first 64 KiB of the volume hold the marker byte (qemu-io reads the qcow2, read-only
     * and sharing it, so also while a guest runs on it).
     */
    boolean markerThere() {
        fixture.sandbox.exec(['qemu-io', '-r', '-U', '-f', 'qcow2', '-c', 'read -P 0x5a 0 64k', volumePath()]).with {
            ok() && !stdout().contains('Pattern verification failed')
        }
    }

    def 'a VM with a thin disk is made, and a marker written into the disk'() {
        when:
        def r = fixture.kvmsh('run', first)

        then:
        r.code == 0
        fixture.inSandbox('virsh', 'list', '--all', '--name').contains('keeper')

        when:
        fixture.inSandbox('qemu-io', '-f', 'qcow2', '-c', 'write -P 0x5a 0 64k', volumePath())

        then:
        markerThere()
    }

    def 'down without consent changes nothing and exits 6'() {
        when:
        def r = fixture.kvmsh('down', first)

        then:
        r.code == 6
        r.out.contains('! - delete volume default/keeper-vda.qcow2')
        r.err.contains('nothing was changed')
        fixture.inSandbox('virsh', 'list', '--all', '--name').contains('keeper')
        markerThere()
    }

    def "another script's VM is refused, naming its owner, and survives that script's down"() {
        when:
        def r = fixture.kvmsh('run', second)

        then:
        r.code == 3
        r.err.contains("second.kvm:2:1: vm 'keeper' on ")
        r.err.contains('belongs to ' + first)

        when:
        def down = fixture.kvmsh('down', '--yes', second)

        then:
        down.code == 0
        down.out.contains('vm keeper belongs to ' + first + ': left alone')
        fixture.inSandbox('virsh', 'list', '--all', '--name').contains('keeper')
        markerThere()
    }

    /** The first script with other settings in the keeper block. */
    void keeper(String settings, String name = 'keeper') {
        fixture.script('first.kvm', "\nvm '$name' {\n    memory 128\n    accel 'tcg'\n$settings}\n")
    }

    long capacity() {
        fixture.inSandbox('virsh', 'vol-info', '--bytes', 'keeper-vda.qcow2', '--pool', 'default')
                .find { it.startsWith('Capacity:') }.split(/\s+/)[1] as long
    }

    def 'protect true refuses down even with --yes, at its line, and the disk keeps its data'() {
        given:
        keeper("    protect true\n    disk size: '64M'\n    state 'stopped'\n")
        assert fixture.kvmsh('run', first).code == 0

        when:
        def r = fixture.kvmsh('down', '--yes', first)

        then:
        r.code == 3
        r.err.contains("first.kvm:5:5: vm 'keeper' is protected (protect true): kvmsh does not delete it, not even with --yes")
        fixture.inSandbox('virsh', 'list', '--all', '--name').contains('keeper')
        markerThere()
    }

    def 'a larger disk size grows the volume in place, the data kept'() {
        given:
        keeper("    protect true\n    disk size: '128M'\n    state 'stopped'\n")

        when:
        def r = fixture.kvmsh('run', first)

        then:
        r.code == 0
        r.out.contains('~ resize volume default/keeper-vda.qcow2 64 MiB → 128 MiB (grown in place)')
        capacity() == 128L << 20
        markerThere()
        fixture.kvmsh('plan', first).out.contains('No changes.')
    }

    def "a running VM's disk grows live: qemu grows the image under the guest"() {
        given: 'the VM runs the test guest'
        keeper("    protect true\n    disk size: '128M'\n    guest stay: true\n    serial '/var/log/libvirt/qemu/keeper-serial.log'\n")
        assert fixture.kvmsh('run', first).code == 0
        fixture.awaitConsole('/var/log/libvirt/qemu/keeper-serial.log', 'KVMSH')

        when:
        keeper("    protect true\n    disk size: '192M'\n    guest stay: true\n    serial '/var/log/libvirt/qemu/keeper-serial.log'\n")
        def r = fixture.kvmsh('run', first)

        then:
        r.code == 0
        r.out.contains('~ resize volume default/keeper-vda.qcow2 128 MiB → 192 MiB (grown in place, live: vm keeper sees it at once')
        fixture.inSandbox('virsh', 'domstate', 'keeper') == ['running']
        fixture.inSandbox('virsh', 'domblkinfo', 'keeper', 'vda').find { it.startsWith('Capacity:') }.endsWith(' ' + (192L << 20))
        capacity() == 192L << 20
        markerThere()
    }

    def 'was renames the running VM: consent for its shutdown, then the same domain and disk under the new name'() {
        given:
        def uuid = fixture.inSandbox('virsh', 'domuuid', 'keeper').first()
        keeper("    was 'keeper'\n    protect true\n    disk size: '192M'\n    guest stay: true\n    serial '/var/log/libvirt/qemu/keeper-serial.log'\n", 'vault')

        when:
        def refused = fixture.kvmsh('run', first)

        then:
        refused.code == 6
        refused.out.contains('! ~ rename vm keeper → vault (the same domain: UUID, MACs and disks default/keeper-vda.qcow2 kept) — it is running')
        fixture.inSandbox('virsh', 'domstate', 'keeper') == ['running']

        when:
        def r = fixture.kvmsh('run', '--yes', first)

        then:
        r.code == 0
        !r.out.contains('delete volume')
        !fixture.inSandbox('virsh', 'list', '--all', '--name').contains('keeper')
        fixture.inSandbox('virsh', 'domuuid', 'vault').first() == uuid
        fixture.inSandbox('virsh', 'domstate', 'vault') == ['running']
        fixture.inSandbox('virsh', 'domblklist', 'vault').any { it.contains('keeper-vda.qcow2') }
        markerThere()
        fixture.kvmsh('plan', first).out.contains('No changes.')
    }

    def 'a second kvmsh on the same host is refused while the first applies, naming it, and runs once it is done'() {
        given: 'a run in another process, held up by a watch statement'
        def sleeper = fixture.script('sleeper.kvm', "vm 'sleeper' { memory 128; accel 'tcg'; state 'stopped' }\nwatch 'sleeper', seconds: 15\n")
        def other = new ProcessBuilder('java', '-cp', System.getProperty('java.class.path'), kvmsh.cli.Launcher.name,
                '-c', "sandbox:$NAME", 'run', sleeper).redirectErrorStream(true).start()
        def lines = new BufferedReader(new InputStreamReader(other.inputStream))
        String line
        while ((line = lines.readLine()) != null && !line.contains('+ define vm sleeper')) {
            // the other kvmsh holds the lock from its read of the host to its last statement
        }

        when:
        def r = fixture.kvmsh('run', first)

        then:
        line != null
        r.code == 7
        r.err.contains("is being changed by another kvmsh (pid ${other.pid()}: kvmsh run $sleeper (since ")
        r.err.contains('nothing was changed')

        when:
        other.waitFor()
        def after = fixture.kvmsh('down', '--yes', sleeper)

        then:
        other.exitValue() == 0
        after.code == 0
        !fixture.inSandbox('virsh', 'list', '--all', '--name').contains('sleeper')

        cleanup:
        other?.destroyForcibly()
    }

    def 'without protect, down with --yes removes the VM and its disk'() {
        given:
        keeper("    was 'keeper'\n    disk size: '192M'\n    guest stay: true\n    serial '/var/log/libvirt/qemu/keeper-serial.log'\n", 'vault')
        assert fixture.kvmsh('run', first).code == 0

        when:
        def r = fixture.kvmsh('down', '--yes', first)

        then:
        r.code == 0
        !fixture.inSandbox('virsh', 'list', '--all', '--name').contains('vault')
        !fixture.inSandbox('virsh', 'vol-list', 'default').any { it.contains('keeper-vda.qcow2') }
    }
    def 'a network restart plugs its running guest back in: the guest reaches its gateway again without rebooting'() {
        given: 'a guest that pings its gateway every second and says when the answer changes'
        String log = '/var/log/libvirt/qemu/wire-serial.log'
        String vm = """
vm 'wire' {
    memory 128; accel 'tcg'; guest reach: ['10.63.0.1'], stay: true
    nic network: 'cut'
    serial '$log'
}
"""
        def before = fixture.script('wire.kvm', "network 'cut' { nat '10.63.0.0/24'; dhcp '10.63.0.100'..'10.63.0.150' }\n" + vm)
        assert fixture.kvmsh('run', before).code == 0
        fixture.awaitConsole(log, 'KVMSH reach 10.63.0.1 ok')
        String tap = fixture.inSandbox('virsh', 'domiflist', 'wire').find { it.contains('cut') }.split(/\s+/)[0]

        when: 'a change that libvirt takes only with a restart (a DNS domain), the subnet kept'
        def after = fixture.script('wire.kvm',
                "network 'cut' { nat '10.63.0.0/24'; dhcp '10.63.0.100'..'10.63.0.150'; domain 'cut.test' }\n" + vm)
        def plan = fixture.kvmsh('plan', after)
        def r = fixture.kvmsh('run', '--yes', after)
        sleep(6000) // the guest pings once a second: long enough to see it cut off, had it stayed so

        then:
        plan.out.contains("~ restart network cut (its guests' taps $tap are plugged back in after it)")
        plan.out.contains('!')
        r.code == 0
        String bridge = fixture.inSandbox('virsh', 'net-info', 'cut').find { it.startsWith('Bridge:') }.split(/\s+/)[1]
        fixture.inSandbox('ip', '-o', 'link', 'show', 'master', bridge).any { it.contains(" $tap:") || it.contains(" $tap@") }
        fixture.console(log).readLines().findAll { it.contains('KVMSH reach 10.63.0.1') }.last().endsWith('ok')
        fixture.inSandbox('virsh', 'domstate', 'wire') == ['running']
        fixture.kvmsh('plan', after).out.contains('No changes.')

        cleanup:
        fixture.kvmsh('down', '--yes', after)
    }

    def "a libvirt network whose dnsmasq was killed: plan sees it, run starts it again without a restart, and a new guest leases"() {
        given:
        String net = "network 'dn' { nat '10.64.0.0/24'; dhcp '10.64.0.100'..'10.64.0.150' }\n"
        def f = fixture.script('dn.kvm', net)
        assert fixture.kvmsh('run', f).code == 0
        String socket = java.net.URLDecoder.decode(fixture.sandbox.uri().replaceFirst(/.*[?&]socket=([^&]+).*/, '$1'), 'UTF-8')
        def pidFile = java.nio.file.Path.of(socket).resolveSibling('network/dn.pid')
        String pid = java.nio.file.Files.readString(pidFile).strip()
        String bridgeBefore = fixture.inSandbox('ip', '-o', 'link', 'show', 'dn').first()

        when: 'someone kills it'
        new kvmsh.host.ProcessRunner().run('kill', '-9', pid).orThrow()
        sleep(300)
        def plan = fixture.kvmsh('plan', f)
        def r = fixture.kvmsh('run', f)
        String again = java.nio.file.Files.readString(pidFile).strip()

        then:
        plan.out.contains('~ repair network dn (its dnsmasq is not running: guests get no lease; started again)')
        !plan.out.contains('!')
        r.code == 0
        again != pid
        java.nio.file.Files.exists(java.nio.file.Path.of('/proc', again))
        fixture.inSandbox('ip', '-o', 'link', 'show', 'dn').first() == bridgeBefore // the same bridge: no restart
        fixture.kvmsh('plan', f).out.contains('No changes.')

        when: 'a new guest on it'
        String log = '/var/log/libvirt/qemu/dnguest-serial.log'
        def g = fixture.script('dn.kvm', net + "vm 'dnguest' { memory 128; accel 'tcg'; guest stay: true; nic network: 'dn'; serial '$log' }\n")
        assert fixture.kvmsh('run', g).code == 0

        then:
        fixture.awaitConsole(log, 'KVMSH lease 10.64.0.')

        cleanup:
        fixture.kvmsh('down', '--yes', g)
    }
}
