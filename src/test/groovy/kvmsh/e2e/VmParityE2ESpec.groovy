package kvmsh.e2e

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

import kvmsh.host.ProcessRunner
import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The seed's virt-manager walkthrough and the lifecycle around it, end to end: the CLI against a
 * sandbox (its own libvirtd in network namespaces) with real TCG guests. A VM PXE-boots kvmsh's
 * test guest from a kvmsh network's TFTP server, leases, sees its new thin disk, shows CPU time and
 * shuts down gracefully; snapshots, events, live NIC moves, pools and overlays follow. Runs only
 * with -Dkvmsh.e2e=true; the sandbox is removed in cleanupSpec, also when a feature fails.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class VmParityE2ESpec extends Specification {

    static final String NAME = 'e2e-parity'
    static final long GUEST_MILLIS = 300_000
    static final String CONSOLE = '/var/log/libvirt/qemu/install1-serial.log'

    @Shared SandboxFixture fixture = new SandboxFixture(NAME, GUEST_MILLIS)
    @Shared Map<String, Object> before
    String projectDir = System.getProperty('kvmsh.projectDir', '.')

    def setupSpec() {
        // qemu (as libvirt-qemu) reads the overlay's backing image from here.
        Files.setPosixFilePermissions(fixture.dir, PosixFilePermissions.fromString('rwxr-xr-x'))
        fixture.sandbox.up()
        before = snapshot()
    }

    def cleanupSpec() {
        fixture.down()
    }




    Map<String, Object> snapshot() {
        [networks: fixture.inSandbox('virsh', 'net-list', '--all', '--name') as Set,
         domains : fixture.inSandbox('virsh', 'list', '--all', '--name') as Set,
         volumes : fixture.inSandbox('virsh', 'vol-list', 'default').size()]
    }


    String domState(String vm) {
        fixture.inSandbox('virsh', 'domstate', vm).first()
    }

    def "the virt-manager walkthrough: PXE from the network's TFTP server, lease, new thin disk, CPU graph, graceful shutdown"() {
        when:
        def r = fixture.kvmsh('run', Path.of(projectDir, 'dsl-examples', 'virt-manager.kvm').toString())
        def text = fixture.console(CONSOLE)

        then:
        r.code == 0
        r.out.contains('+ create volume default/install1-vda.qcow2 (8 GiB thin qcow2)')
        r.out.contains("customize: append to /domain/devices")
        r.out =~ /vm install1: 192\.168\.150\.\d+ \(mac 52:54:00/
        text.contains('KVMSH lease 192.168.150.')
        text.contains('KVMSH block vda')
        text.contains('KVMSH power button')
        !r.out.contains('ignored the shutdown request')
        domState('install1') == 'shut off'

        and: 'the lease wait and the shutdown each said that they wait and how they ended'
        r.out.contains('  wait: vm install1 to get a DHCP lease (up to 300 s)\n')
        r.out =~ /  wait: vm install1 to get a DHCP lease: reached in \d+\.\d s: 192\.168\.150\.\d+\n/
        r.out.contains('  wait: vm install1 to shut down (up to 120 s)\n')
        r.out =~ /  wait: vm install1 to shut down: reached in \d+\.\d s\n/

        and: 'the stats rows show CPU time used while it ran'
        def rows = r.out.readLines().findAll { it =~ /^\s*\d+\.\d s\s+running/ }
        rows.size() == 3
        rows.every { (it =~ /running\s+(\d+\.\d+) s/).with { m -> m.find() && (m.group(1) as double) > 0 } }

        and: 'the guest booted from the network: libvirt has the TFTP root and boot file'
        def net = fixture.inSandbox('virsh', 'net-dumpxml', 'deploy').join('\n')
        net.contains("<bootp file='boot.ipxe'/>")
        net =~ /<tftp root='[^']+'\/>/
    }

    def 'a snapshot of the running VM is taken, listed, reverted to and deleted'() {
        given:
        def f = fixture.script('snap.kvm', """
start 'install1'
snapshot 'install1', name: 's1', description: 'before the change'
snapshots 'install1'
revert 'install1', name: 's1'
deleteSnapshot 'install1', name: 's1'
""")

        when:
        def r = fixture.kvmsh('run', f)

        then:
        r.code == 0
        r.out.contains('snapshot s1 of vm install1 taken')
        r.out =~ /s1\s+\S+Z\s+running/
        r.out.contains('vm install1 reverted to snapshot s1')
        fixture.inSandbox('virsh', 'snapshot-list', 'install1', '--name').isEmpty()
        domState('install1') == 'running'

        when: 'suspend, resume and reboot'
        def s = fixture.kvmsh('run', fixture.script('pause.kvm', "suspend 'install1'\nstats 'install1'\n"))

        then:
        s.code == 0
        domState('install1') == 'paused'
        s.out =~ /paused/

        when:
        def t = fixture.kvmsh('run', fixture.script('resume.kvm', "resume 'install1'\ndestroy 'install1'\n"))

        then:
        t.code == 0
        domState('install1') == 'shut off'
    }

    def 'watch prints lifecycle events until the guest stops by itself'() {
        given: 'a test guest without NICs: it boots, finds no eth0 and powers off'
        def f = fixture.script('brief.kvm', """
vm 'brief' { memory 128; accel 'tcg'; guest() }
watch 'brief', until: 'stopped', seconds: 240
""")

        when:
        def r = fixture.kvmsh('run', f)

        then:
        r.code == 0
        r.out =~ /brief stopped \(shutdown\)/
        r.out.contains('  wait: vm brief to be stopped (up to 240 s)\n')
        r.out =~ /  wait: vm brief to be stopped: reached in \d+\.\d s: brief stopped \(shutdown\)\n/

        cleanup:
        fixture.kvmsh('down', '--yes', f)
    }

    def 'a live NIC move changes which guests the VM reaches, and moving it back restores it'() {
        given:
        def f = fixture.script('move.kvm', """
network 'near' {
    isolated '10.61.0.0/24'
    dhcp '10.61.0.100'..'10.61.0.150'
    host 'peer', mac: '52:54:00:61:00:50', ip: '10.61.0.50'
}
network 'far' { isolated '10.62.0.0/24'; dhcp '10.62.0.100'..'10.62.0.150' }
vm 'peer' {
    memory 128; accel 'tcg'; guest stay: true
    nic network: 'near', mac: '52:54:00:61:00:50'
    serial '/var/log/libvirt/qemu/peer-serial.log'
}
vm 'mover' {
    memory 128; accel 'tcg'; guest reach: ['10.61.0.50'], stay: true
    nic network: 'near'
    serial '/var/log/libvirt/qemu/mover-serial.log'
}
""")
        String log = '/var/log/libvirt/qemu/mover-serial.log'

        when:
        def r = fixture.kvmsh('run', f)
        fixture.awaitConsole(log, 'KVMSH reach 10.61.0.50 ok')

        then:
        r.code == 0

        when: 'the running guest NIC moves to the other network'
        def a = fixture.kvmsh('run', fixture.script('away.kvm', "attach 'mover', nic: 0, to: 'far'\n"))
        fixture.awaitConsole(log, 'KVMSH reach 10.61.0.50 fail')

        then:
        a.code == 0
        fixture.inSandbox('virsh', 'domiflist', 'mover').any { it.contains('far') }
        domState('mover') == 'running'

        when: 'and back, by MAC this time'
        String mac = fixture.inSandbox('virsh', 'domiflist', 'mover').find { it.contains('far') }.split(/\s+/)[-1]
        def b = fixture.kvmsh('run', fixture.script('back.kvm', "attach 'mover', mac: '$mac', to: 'near'\n"))
        fixture.awaitConsole(log, 'KVMSH reach 10.61.0.50 ok', 2)

        then:
        b.code == 0
        fixture.inSandbox('virsh', 'domiflist', 'mover').any { it.contains('near') }

        cleanup:
        fixture.kvmsh('down', '--yes', f)
    }

    def 'a declared directory pool is created and holds a copy-on-write overlay of a base image'() {
        given:
        Path base = fixture.dir.resolve('base.qcow2')
        new ProcessRunner().run('qemu-img', 'create', '-q', '-f', 'qcow2', base.toString(), '1G').orThrow()
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString('rw-r--r--'))
        def f = fixture.script('layered.kvm', """
pool 'extra' { dir '/var/lib/libvirt/extra' }
vm 'layered' {
    memory 128; accel 'tcg'; state 'stopped'
    disk backing: '${base}', pool: 'extra'
}
""")

        when:
        def r = fixture.kvmsh('run', f)

        then:
        r.code == 0
        r.out.contains('+ create pool extra (dir /var/lib/libvirt/extra)')
        r.out.contains("+ create volume extra/layered-vda.qcow2 (qcow2 overlay on $base)")
        def vol = fixture.inSandbox('virsh', 'vol-dumpxml', '--pool', 'extra', 'layered-vda.qcow2').join('\n')
        vol.contains("<path>$base</path>")
        vol.contains('<backingStore>')

        when:
        def again = fixture.kvmsh('run', f)
        def down = fixture.kvmsh('down', '--yes', f)

        then:
        again.out.contains('No changes')
        down.code == 0
        down.out.contains('- delete volume extra/layered-vda.qcow2')
        fixture.inSandbox('virsh', 'vol-list', 'extra').size() == 2 // header lines only
    }

    def 'down removes the walkthrough, and the sandbox is as before'() {
        when:
        def r = fixture.kvmsh('down', '--yes', Path.of(projectDir, 'dsl-examples', 'virt-manager.kvm').toString())

        then:
        r.code == 0
        snapshot() == before
    }
}
