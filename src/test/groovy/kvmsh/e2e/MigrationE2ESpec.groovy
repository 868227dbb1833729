package kvmsh.e2e

import kvmsh.host.IpLinks
import kvmsh.libvirt.LibvirtHypervisor
import kvmsh.plan.MigrationOptions
import kvmsh.plan.MigrationReport
import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Live migration between two sandboxes on one shared LAN (each its own libvirtd, host UUID and
 * storage): a running TCG test guest that pings its gateway every half second moves a → b and
 * back, its thin disk (holding 256 MiB written by qemu-io) copied each way, not shared. The spec
 * prints what each move cost the guest (pings lost) and what libvirt measured (downtime, disk
 * copied per second); it asserts none of those figures, only where the VM is and that it kept
 * running, its address, its disk's content and kvmsh's ownership. Runs only with -Dkvmsh.e2e=true;
 * both sandboxes (and with them the LAN) are removed in cleanupSpec.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class MigrationE2ESpec extends Specification {

    static final String LAN = 'e2e-mig'
    static final String LOG = '/var/log/libvirt/qemu/web-serial.log'
    static final String GATEWAY = '10.0.0.1'
    static final String DISK = '/var/lib/libvirt/images/web-vda.qcow2'

    @Shared SandboxFixture a = new SandboxFixture('e2e-mig-a', 300_000, LAN)
    @Shared SandboxFixture b = new SandboxFixture('e2e-mig-b', 300_000, LAN)
    @Shared LibvirtHypervisor hvA
    @Shared LibvirtHypervisor hvB
    @Shared String net
    @Shared String web
    @Shared String address

    def setupSpec() {
        [a, b].each { it.sandbox.down() } // a run that died before its cleanup
        a.up()
        b.up()
        hvA = LibvirtHypervisor.connect(a.sandbox.uri(), new IpLinks(a.sandbox.runner()))
        hvB = LibvirtHypervisor.connect(b.sandbox.uri(), new IpLinks(b.sandbox.runner()))
        net = a.script('net.kvm', "network 'mig' { nat '10.0.0.0/24'; dhcp '10.0.0.10'..'10.0.0.100' }\n")
        web = a.script('web.kvm', vm("state 'stopped'"))
    }

    def cleanupSpec() {
        hvA?.close()
        hvB?.close()
        a.down()
        b.down()
    }

    static String vm(String extra) {
        """vm 'web' {
    memory 128; accel 'tcg'; guest count: ['$GATEWAY'], stay: true
    nic network: 'mig'
    disk size: '1G'
    serial '$LOG'
    $extra
}
"""
    }

    def 'the network on both hosts, the VM on a with 256 MiB written into its disk, then running and pinging'() {
        when:
        def na = a.kvmsh('run', net)
        def nb = b.kvmsh('run', net)
        def made = a.kvmsh('run', web)

        then:
        [na, nb, made].every { it.code == 0 }

        when: 'data in the disk, then the VM starts'
        a.inSandbox('qemu-io', '-f', 'qcow2', '-c', 'write -P 0xab 0 256M', DISK)
        new File(web).text = vm('')
        def started = a.kvmsh('run', web)
        // One gateway as on a real LAN: b's bridge answers with a's MAC, so the guest's ARP entry
        // stays right after the move (two libvirts give their bridges random MACs).
        String mac = a.inSandbox('cat', '/sys/class/net/mig/address').first()
        b.inSandbox('ip', 'link', 'set', 'dev', 'mig', 'address', mac)
        def console = a.awaitConsole(LOG, "KVMSH count $GATEWAY sent 20 ")
        address = (console =~ /KVMSH lease (\S+)/)[0][1]

        then:
        started.code == 0
        address.startsWith('10.0.0.')
        a.sandbox.runner().run('busybox', 'ping', '-c', '1', '-W', '2', address).ok()
    }

    def 'nothing stands in the way, and the checks name what would'() {
        expect:
        hvA.migrationProblems('web', hvB, MigrationOptions.DEFAULT) == []

        and: 'without the disk copy, the disk is missing on b'
        hvA.migrationProblems('web', hvB, new MigrationOptions(true, MigrationOptions.CopyStorage.FALSE, 0, 0)) ==
                ["disk vda of vm web (default/web-vda.qcow2) is not on ${b.sandbox.uri()} — it is copied only with copyStorage: true or auto".toString()]
    }

    def 'live a → b: it runs on b, is gone from a with its old disk, kept its address, disk and owner'() {
        when:
        def updates = []
        def lostBefore = lost(a.console(LOG))
        MigrationReport r = hvA.migrate('web', hvB, MigrationOptions.DEFAULT) { e, mr, mt, dr, dt -> updates << [e, mr, dr] }
        def console = b.awaitConsole(LOG, "KVMSH count $GATEWAY sent")
        report('a → b', r, lostBefore, b, updates.size())

        then:
        r.live()
        r.copiedVolumes() == ['default/web-vda.qcow2']
        state(b, 'web') == 'running'
        b.inSandbox('virsh', 'dominfo', 'web').any { it ==~ /Persistent:\s+yes/ }
        !a.inSandbox('virsh', 'list', '--all', '--name').contains('web')
        !a.inSandbox('virsh', 'vol-list', 'default').any { it.contains('web-vda') }
        b.inSandbox('qemu-io', '-r', '-U', '-f', 'qcow2', '-c', 'read -P 0xab 0 256M', DISK).every { !it.contains('failed') }
        !console.contains('KVMSH lease')
        b.sandbox.runner().run('busybox', 'ping', '-c', '1', '-W', '2', address).ok()

        and: "kvmsh's ownership travelled: the script's plan against b has nothing to do"
        b.kvmsh('plan', web).out.contains('No changes.')
    }

    def 'live b → a: back where it started'() {
        when:
        def lostBefore = lost(b.console(LOG))
        MigrationReport r = hvB.migrate('web', hvA, MigrationOptions.DEFAULT, kvmsh.plan.MigrationProgress.NONE)
        a.awaitConsole(LOG, "KVMSH count $GATEWAY sent")
        report('b → a', r, lostBefore, a, 0)

        then:
        state(a, 'web') == 'running'
        !b.inSandbox('virsh', 'list', '--all', '--name').contains('web')
        !b.inSandbox('virsh', 'vol-list', 'default').any { it.contains('web-vda') }
        a.sandbox.runner().run('busybox', 'ping', '-c', '1', '-W', '2', address).ok()
        a.kvmsh('plan', web).out.contains('No changes.')
    }

    def 'down removes the VM from a and the network from both'() {
        expect:
        a.kvmsh('down', '--yes', web).code == 0
        a.kvmsh('down', '--yes', net).code == 0
        b.kvmsh('down', '--yes', net).code == 0
        a.inSandbox('virsh', 'list', '--all', '--name').isEmpty()
        b.inSandbox('virsh', 'net-list', '--all', '--name').isEmpty()
    }

    static String state(SandboxFixture f, String vm) {
        f.inSandbox('virsh', 'domstate', vm).first()
    }

    /** The guest's own count of lost pings so far, from its last "KVMSH count" line. */
    static int lost(String console) {
        def all = (console =~ /KVMSH count \S+ sent \d+ lost (\d+)/).collect { it[1] as int }
        all ? all.last() : 0
    }

    /** Waits for the guest's next report on the target and prints what the move cost. */
    void report(String move, MigrationReport r, int lostBefore, SandboxFixture target, int updates) {
        String line = "KVMSH count $GATEWAY sent"
        int seen = target.console(LOG).readLines().count { it.contains(line) }
        String after = target.awaitConsole(LOG, line, seen + 1)
        double gib = r.diskBytes() / (1024.0 * 1024 * 1024)
        println String.format(Locale.ROOT,
                'migration %s: %d pings lost (every 0.5 s), downtime %d ms, %.1f s in all, %d MiB memory, %d MiB disk copied, %.1f s per GiB copied, %d progress reports',
                move, lost(after) - lostBefore, r.downtimeMillis(), r.elapsedMillis() / 1000.0,
                r.memoryBytes() >> 20, r.diskBytes() >> 20, gib > 0 ? r.elapsedMillis() / 1000.0 / gib : 0.0d, updates)
        println "  ${r.summary()}"
    }
}
