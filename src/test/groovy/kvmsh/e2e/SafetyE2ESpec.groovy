package kvmsh.e2e

import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Data is sacred, end to end: a sandbox's real libvirtd, a thin volume with a marker written into
 * it by qemu-io, and kvmsh's command line. Steps that can lose data need --yes; another script's
 * VM is refused and survives that script's down. Runs only with -Dkvmsh.e2e=true.
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

    /** True when the first 64 KiB of the volume hold the marker byte (qemu-io reads the qcow2). */
    boolean markerThere() {
        fixture.sandbox.exec(['qemu-io', '-f', 'qcow2', '-c', 'read -P 0x5a 0 64k', volumePath()]).with {
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

    def 'down with --yes removes the VM and its disk'() {
        when:
        def r = fixture.kvmsh('down', '--yes', first)

        then:
        r.code == 0
        !fixture.inSandbox('virsh', 'list', '--all', '--name').contains('keeper')
        !fixture.inSandbox('virsh', 'vol-list', 'default').any { it.contains('keeper-vda.qcow2') }
    }
}
