package kvmsh.e2e

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Bringing an existing host under kvmsh, end to end (issue 16): in a sandbox (its own libvirtd in
 * network namespaces), plain virsh defines a NAT network and a running TCG VM with a thin qcow2
 * disk in a pool, as virt-install would make them. kvmsh imports them, refuses them without
 * adoption, adopts them without touching them, applies an edited memory size, and removes them
 * with down; the VM's UUID and MAC never change, and a marker written into its disk survives every
 * step, down included. Runs only with -Dkvmsh.e2e=true; the sandbox is removed in cleanupSpec, also
 * when a feature fails, and nothing of it may be left.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class AdoptE2ESpec extends Specification {

    static final String NAME = 'e2e-adopt'
    static final String VM = 'vi1'
    static final String NET = 'lab'
    static final String VOLUME = 'vi1.qcow2'

    @Shared SandboxFixture fixture = new SandboxFixture(NAME)
    @Shared String uuid
    @Shared String mac
    @Shared String script

    def setupSpec() {
        fixture.sandbox.down() // what a run that died before its cleanup left
        fixture.sandbox.up()
    }

    def cleanupSpec() {
        fixture.down()
        assert fixture.sandbox.status().gone()
        def netns = Path.of('/run/netns')
        def left = Files.isDirectory(netns) ? netns.toFile().list().toList() : []
        assert !(fixture.sandbox.hostNetns() in left)
        assert !(fixture.sandbox.lanNetns() in left)
    }

    String volumePath() {
        fixture.inSandbox('virsh', 'vol-path', VOLUME, '--pool', 'default').first()
    }

    /**
     * True when the disk's first 64 KiB hold the marker. Read-only and sharing the image, because
     * the running qemu holds its write lock.
     */
    boolean markerThere() {
        fixture.sandbox.exec(['qemu-io', '-r', '-U', '-f', 'qcow2', '-c', 'read -P 0x5a 0 64k', volumePath()]).with {
            ok() && !stdout().contains('Pattern verification failed')
        }
    }

    /** Both definitions of the VM and the network, to compare before and after a command. */
    Map<String, String> definitions() {
        [vm      : fixture.inSandbox('virsh', 'dumpxml', VM).join('\n'),
         vmConfig: fixture.inSandbox('virsh', 'dumpxml', '--inactive', VM).join('\n'),
         net     : fixture.inSandbox('virsh', 'net-dumpxml', NET).join('\n'),
         netState: fixture.inSandbox('virsh', 'net-info', NET).join('\n')]
    }

    String liveMac() {
        fixture.inSandbox('virsh', 'domiflist', VM).find { it.contains(NET) }.split(/\s+/)[-1]
    }

    String configMac() {
        (fixture.inSandbox('virsh', 'dumpxml', '--inactive', VM).join('\n') =~ /<mac address='([^']+)'/)[0][1]
    }

    /** The plan's step lines, without their durations. */
    static List<String> steps(String out) {
        out.readLines().findAll { it.startsWith('  ') && !it.trim().startsWith('note:') && !it.startsWith('    ') }
                .collect { it.trim().replaceAll(/\s+\(\d+(\.\d+)? m?s\)$/, '') }
    }

    def 'virsh makes a NAT network and a running VM with a thin qcow2 disk the way virt-install does'() {
        given: "libvirt's own default network, under another name and subnet"
        String net = """<network>
  <name>$NET</name>
  <forward mode='nat'>
    <nat><port start='1024' end='65535'/></nat>
  </forward>
  <bridge name='virbr1' stp='on' delay='0'/>
  <ip address='192.168.124.1' netmask='255.255.255.0'>
    <dhcp><range start='192.168.124.2' end='192.168.124.254'/></dhcp>
  </ip>
</network>
"""
        and: 'what virt-install --osinfo debian12 --disk size=… --network network=lab --virt-type qemu writes'
        String domain = """<domain type='qemu'>
  <name>$VM</name>
  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'>
      <libosinfo:os id='http://debian.org/debian/12'/>
    </libosinfo:libosinfo>
  </metadata>
  <memory unit='KiB'>131072</memory>
  <currentMemory unit='KiB'>131072</currentMemory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features><acpi/><apic/></features>
  <clock offset='utc'>
    <timer name='rtc' tickpolicy='catchup'/>
    <timer name='pit' tickpolicy='delay'/>
    <timer name='hpet' present='no'/>
  </clock>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' discard='unmap'/>
      <source file='/var/lib/libvirt/images/$VOLUME'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <source network='$NET'/>
      <model type='virtio'/>
    </interface>
    <console type='pty'/>
    <channel type='unix'>
      <source mode='bind'/>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <memballoon model='virtio'/>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
  </devices>
</domain>
"""

        when: 'the disk is made in the pool and a marker written into it before anything runs on it'
        fixture.inSandbox('virsh', 'vol-create-as', 'default', VOLUME, '64M', '--format', 'qcow2')
        fixture.inSandbox('qemu-io', '-f', 'qcow2', '-c', 'write -P 0x5a 0 64k', volumePath())
        fixture.inSandbox('virsh', 'net-define', fixture.script('lab.xml', net))
        fixture.inSandbox('virsh', 'net-start', NET)
        fixture.inSandbox('virsh', 'define', fixture.script('vi1.xml', domain))
        fixture.inSandbox('virsh', 'start', VM)
        uuid = fixture.inSandbox('virsh', 'domuuid', VM).first()
        mac = liveMac()

        then:
        fixture.inSandbox('virsh', 'domstate', VM) == ['running']
        mac ==~ /52:54:00(:[0-9a-f]{2}){3}/
        configMac() == mac
        markerThere()
    }

    def 'import writes a script that loads, and without --adopt its plan refuses at the block and changes nothing'() {
        given:
        script = fixture.dir.resolve('host.kvm').toString()
        def before = definitions()

        when:
        def r = fixture.kvmsh('import', '-o', script)
        String text = Files.readString(Path.of(script))

        then:
        r.code == 0
        text.contains("vm '$VM' {")
        text.contains("network '$NET' {")
        text.contains(mac)

        when:
        def plan = fixture.kvmsh('plan', script)
        int vmLine = text.readLines().findIndexOf { it.startsWith("vm '$VM'") } + 1
        int netLine = text.readLines().findIndexOf { it.startsWith("network '$NET'") } + 1

        then:
        plan.code == 3
        plan.err.contains("$script:$vmLine:1: vm '$VM' already exists on ")
        plan.err.contains("$script:$netLine:1: network '$NET' already exists on ")
        plan.err.contains('and kvmsh does not manage it — add adopt true to its block (or run with --adopt)')
        definitions() == before
    }

    def 'run --adopt carries out adopt steps only, and plan then finds no changes'() {
        given:
        def before = definitions()

        when:
        def plan = fixture.kvmsh('plan', '--adopt', script)
        def run = fixture.kvmsh('run', '--adopt', script)

        then:
        plan.code == 0
        steps(plan.out).every { it.startsWith('= adopt ') }
        run.code == 0
        steps(run.out).findAll { !it.startsWith('Applied') } as Set == [
                "= adopt network $NET (kvmsh's metadata only; the network is not restarted)",
                "= adopt vm $VM (kvmsh's metadata only; the VM is not redefined or restarted)"] as Set

        and: 'the VM kept running, and its definitions gained kvmsh metadata only'
        fixture.inSandbox('virsh', 'domstate', VM) == ['running']
        fixture.inSandbox('virsh', 'domuuid', VM).first() == uuid
        liveMac() == mac
        configMac() == mac
        def after = definitions()
        after.netState == before.netState
        after.vmConfig.contains('https://kvmsh.dev/xmlns/kvmsh/1')
        withoutOwner(after.vmConfig) == withoutOwner(before.vmConfig)
        markerThere()

        when:
        def again = fixture.kvmsh('plan', script)

        then:
        again.code == 0
        again.out.contains('No changes.')
    }

    def 'an edited memory size is written to the definition, with the same UUID and MAC, and the disk keeps its data'() {
        given:
        Files.writeString(Path.of(script), Files.readString(Path.of(script)).replace('memory 128', 'memory 192'))

        when:
        def plan = fixture.kvmsh('plan', script)

        then: 'a redefinition loses no data, so run needs no --yes'
        plan.code == 0
        plan.out.contains("~ redefine vm $VM")
        plan.out.contains('memory: 128 MiB → 192 MiB')
        !plan.out.contains('can lose data')

        when:
        def run = fixture.kvmsh('run', script)

        then:
        run.code == 0
        !run.out.contains('= adopt')
        fixture.inSandbox('virsh', 'dumpxml', '--inactive', VM).join('\n').contains("<memory unit='KiB'>196608</memory>")
        fixture.inSandbox('virsh', 'domuuid', VM).first() == uuid
        liveMac() == mac
        configMac() == mac
        markerThere()
        fixture.kvmsh('plan', script).out.contains('No changes.')
    }

    def 'down removes the adopted VM and network, and keeps the disk kvmsh did not make, with its data'() {
        when:
        def r = fixture.kvmsh('down', '--yes', script)

        then:
        r.code == 0
        !r.out.contains('delete volume')
        !fixture.inSandbox('virsh', 'list', '--all', '--name').contains(VM)
        !fixture.inSandbox('virsh', 'net-list', '--all', '--name').contains(NET)
        !fixture.inSandbox('ip', '-o', 'link', 'show').any { it.contains('virbr1') }

        and: "the disk image is the user's: virt-install made it, not kvmsh, so down keeps it and what it holds"
        fixture.inSandbox('virsh', 'vol-list', 'default').any { it.contains(VOLUME) }
        markerThere()
    }

    /** A definition without kvmsh's ownership element, to see that adopting added nothing else. */
    static String withoutOwner(String xml) {
        xml.replaceAll(/(?s)\s*<kvmsh:owner[^>]*\/>/, '').replaceAll(/(?s)\s*<metadata>\s*<\/metadata>/, '')
    }
}
