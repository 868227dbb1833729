package kvmsh.e2e

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * kvmsh as a user runs it, end to end: the command line against a sandbox (a network namespace
 * with its own libvirtd, and a "LAN" namespace holding the gateway 172.16.0.1), with real TCG
 * guests. Runs only with -Dkvmsh.e2e=true (bin/kvmsh-test sets it as root). The sandbox is removed in
 * cleanupSpec, also when a feature fails.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class SandboxScriptsE2ESpec extends Specification {

    static final String NAME = 'e2e-scripts'

    @Shared SandboxFixture fixture = new SandboxFixture(NAME)
    @Shared Map<String, Object> before
    String projectDir = System.getProperty('kvmsh.projectDir', '.')

    def setupSpec() {
        fixture.sandbox.up()
        before = snapshot()
    }

    def cleanupSpec() {
        fixture.down()
    }


    String example(String name) {
        Path.of(projectDir, 'dsl-examples', name).toString()
    }



    /** What a script may change inside the sandbox host; compared before and after. */
    Map<String, Object> snapshot() {
        [networks: fixture.inSandbox('virsh', 'net-list', '--all', '--name') as Set,
         domains : fixture.inSandbox('virsh', 'list', '--all', '--name') as Set,
         volumes : fixture.inSandbox('virsh', 'vol-list', 'default').size(),
         links   : fixture.inSandbox('ip', '-o', 'link', 'show').collect { it.split(':')[1].strip().split('@')[0] } as Set]
    }

    static String lease(String console) {
        (console =~ /KVMSH lease (\S+)/).with { it.find() ? it.group(1) : null }
    }

    static boolean inSeedRange(String ip) {
        ip != null && ip.startsWith('10.0.0.') && (ip.split('\\.')[3] as int) in 1..100
    }

    def "the seed's NAT example: two guests lease in range and reach the gateway, each other and the LAN through NAT"() {
        when:
        def r = fixture.kvmsh('run', example('nat.kvm'))

        then:
        r.code == 0
        r.out.contains('+ define network isolationbr (nat 10.0.0.0/8, bridge isolationbr)')
        r.out.contains('+ start vm cirros2')

        when:
        def one = fixture.awaitConsole('/var/log/libvirt/qemu/cirros1-serial.log', 'KVMSH done')
        def two = fixture.awaitConsole('/var/log/libvirt/qemu/cirros2-serial.log', 'KVMSH done')

        then:
        inSeedRange(lease(one))
        lease(two) == '10.0.0.50'
        one.contains('KVMSH ping 10.0.0.254 ok')
        one.contains('KVMSH ping 10.0.0.50 ok')
        one.contains('KVMSH ping 172.16.0.1 ok')
        two.contains('KVMSH ping 10.0.0.254 ok')
        two.contains('KVMSH ping 172.16.0.1 ok')
    }

    def 'the leases statement lists both guests from the real dnsmasq'() {
        when:
        def r = fixture.kvmsh('run', fixture.script('leases.kvm', "leases 'isolationbr'\n"))

        then:
        r.code == 0
        r.out.contains('52:54:00:65:43:21')
        r.out.contains('10.0.0.50/8')
        r.out.readLines().count { it =~ /^\s*52:54:00/ } == 2
    }

    def 'running the example again changes nothing'() {
        when:
        def r = fixture.kvmsh('run', example('nat.kvm'))

        then:
        r.code == 0
        r.out.contains('No changes')
    }

    def 'a wider DHCP range and a new static host update the running network in place, under its guests'() {
        given:
        def changed = Files.readString(Path.of(example('nat.kvm')))
                .replace("dhcp '10.0.0.1'..'10.0.0.100'", "dhcp '10.0.0.1'..'10.0.0.150'")
                .replace("host 'cirros2',", "host 'spare', mac: '52:54:00:00:00:99', ip: '10.0.0.99'\n    host 'cirros2',")
        def f = fixture.script('nat-wider.kvm', changed)
        def ports = fixture.inSandbox('ip', '-o', 'link', 'show', 'master', 'isolationbr')
        def uuid = fixture.inSandbox('virsh', 'net-uuid', 'isolationbr')

        when: 'the edited copy is another script: it takes the objects of the example over, explicitly'
        def refused = fixture.kvmsh('run', f)
        def r = fixture.kvmsh('run', '--adopt', f)

        then:
        refused.code == 3
        refused.err.contains("network 'isolationbr' on ")
        refused.err.contains('nat.kvm, not to this script')
        r.code == 0
        r.out.contains('= adopt network isolationbr')
        r.out.contains('~ update network isolationbr DHCP in place')
        !r.out.contains('restart network')
        fixture.inSandbox('virsh', 'net-uuid', 'isolationbr') == uuid
        fixture.inSandbox('ip', '-o', 'link', 'show', 'master', 'isolationbr') == ports

        and: 'both the running network and its persistent definition have the change'
        def live = fixture.inSandbox('virsh', 'net-dumpxml', 'isolationbr').join('\n')
        def config = fixture.inSandbox('virsh', 'net-dumpxml', '--inactive', 'isolationbr').join('\n')
        [live, config].every { it.contains("end='10.0.0.150'") && it.contains("ip='10.0.0.99'") }

        and: 'the next run of the changed script finds nothing to do'
        fixture.kvmsh('run', f).out.contains('No changes')

        when: 'going back to the example'
        def back = fixture.kvmsh('run', '--adopt', example('nat.kvm'))

        then:
        back.out.contains('~ update network isolationbr DHCP in place')
        fixture.inSandbox('virsh', 'net-dumpxml', 'isolationbr').join('\n').contains("end='10.0.0.100'")
    }

    def 'a tap named by the user keeps its name, sits on the bridge, and can be moved off and back'() {
        given:
        def f = fixture.script('tap.kvm', """
vm 'tapped' {
    memory 128
    accel 'tcg'
    guest ping: ['10.0.0.254'], stay: true
    nic tap: 'vnet7', network: 'isolationbr', mac: '52:54:00:00:07:07'
    serial '/var/log/libvirt/qemu/tapped-serial.log'
}
""")

        when:
        def r = fixture.kvmsh('run', f)
        def console = fixture.awaitConsole('/var/log/libvirt/qemu/tapped-serial.log', 'KVMSH done')

        then:
        r.code == 0
        r.out.contains('+ create tap vnet7 on bridge isolationbr')
        fixture.inSandbox('ip', '-o', 'link', 'show', 'vnet7').first().contains('master isolationbr')
        fixture.inSandbox('virsh', 'domiflist', 'tapped').any { it.startsWith('vnet7') }
        inSeedRange(lease(console))
        console.contains('KVMSH ping 10.0.0.254 ok')

        when: "the seed's brctl delif"
        def d = fixture.kvmsh('run', fixture.script('detach.kvm', "detach 'vnet7'\n"))

        then:
        d.code == 0
        !fixture.inSandbox('ip', '-o', 'link', 'show', 'vnet7').first().contains('master')

        when: 'and addif'
        def a = fixture.kvmsh('run', fixture.script('attach.kvm', "attach 'vnet7', to: 'isolationbr'\n"))

        then:
        a.code == 0
        fixture.inSandbox('ip', '-o', 'link', 'show', 'vnet7').first().contains('master isolationbr')

        when:
        def down = fixture.kvmsh('down', '--yes', f)

        then:
        down.code == 0
        down.out.contains('- delete tap vnet7')
        !fixture.inSandbox('ip', '-o', 'link', 'show').any { it.contains('vnet7') }
    }

    def 'a step the host refuses rolls back what the run changed'() {
        given: 'a network whose bridge name is taken by the sandbox host eth0'
        def f = fixture.script('clash.kvm', """
network 'fine' { isolated '192.168.210.0/24' }
network 'clash' { isolated '192.168.211.0/24'; device 'eth0' }
""")
        def nets = fixture.inSandbox('virsh', 'net-list', '--all', '--name') as Set

        when:
        def r = fixture.kvmsh('run', f)

        then:
        r.code == 1
        r.err.contains('start network clash')
        r.err.contains('undone:')
        r.err.contains('- undefine network fine')
        (fixture.inSandbox('virsh', 'net-list', '--all', '--name') as Set) == nets
    }

    def 'down removes everything the example made, and the sandbox is as before'() {
        when:
        def r = fixture.kvmsh('down', '--yes', example('nat.kvm'))

        then:
        r.code == 0
        snapshot() == before
    }

    def "a hook file serves libvirt's <interface type='ethernet'> too: up when libvirt starts the guest, down when it stops"() {
        given: "dsl-examples/hooks/nat.kvm, its #! naming the kvmsh under test (libvirtd's PATH has none)"
        String kvmsh = fixture.script('kvmsh', "#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" +
                System.getProperty('java.class.path') + "' kvmsh.cli.Launcher \"\$@\"\n")
        String hook = fixture.script('nat.kvm', Files.readString(Path.of(example('hooks/nat.kvm')))
                .replaceFirst('#!/usr/bin/env kvmsh', "#!$kvmsh"))
        [kvmsh, hook].each { Path.of(it).toFile().setExecutable(true) }
        def guest = fixture.sandbox.guest()
        String xml = """<domain type='qemu'>
  <name>ethhook</name>
  <memory unit='MiB'>128</memory>
  <os><type arch='x86_64'>hvm</type><kernel>${guest.kernel()}</kernel><initrd>${guest.initrd()}</initrd>
    <cmdline>${kvmsh.sandbox.GuestImage.cmdline(['10.0.0.254'], 0, false)}</cmdline></os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <interface type='ethernet'>
      <mac address='52:54:00:00:08:08'/>
      <model type='virtio'/>
      <script path='$hook'/>
      <downscript path='$hook'/>
    </interface>
    <serial type='file'><source path='/var/log/libvirt/qemu/ethhook-serial.log'/></serial>
  </devices>
</domain>"""

        when: 'libvirt starts the guest: it creates the tap and runs the script with its name'
        fixture.inSandbox('virsh', 'define', fixture.script('ethhook.xml', xml))
        fixture.inSandbox('virsh', 'start', 'ethhook')
        String tap = fixture.inSandbox('virsh', 'domiflist', 'ethhook').find { it.contains('52:54:00:00:08:08') }.split(/\s+/)[0]

        then: "kvmsh's host driver made the network and plugged the tap in; the guest leases and reaches the gateway"
        fixture.inSandbox('ip', '-o', 'link', 'show', 'dev', tap).first().contains('master isolationbr')
        fixture.inSandbox('nft', 'list', 'table', 'inet', 'kvmsh').any { it.contains('masquerade') }
        def console = fixture.awaitConsole('/var/log/libvirt/qemu/ethhook-serial.log', 'KVMSH done')
        inSeedRange(lease(console))
        console.contains('KVMSH ping 10.0.0.254 ok')

        when: 'the guest powers off: libvirt deletes the tap and runs the downscript'
        long deadline = System.currentTimeMillis() + 60_000
        while (fixture.inSandbox('virsh', 'domstate', 'ethhook') != ['shut off'] && System.currentTimeMillis() < deadline) {
            sleep(500)
        }

        then: 'the network went with its last tap'
        fixture.inSandbox('virsh', 'domstate', 'ethhook') == ['shut off']
        !fixture.inSandbox('ip', '-o', 'link', 'show').any { it.contains('isolationbr') }
        !fixture.sandbox.exec(['nft', 'list', 'table', 'inet', 'kvmsh']).ok()
        !fixture.sandbox.exec(['test', '-e', '/run/kvmsh/net']).ok()

        when:
        fixture.inSandbox('virsh', 'undefine', 'ethhook')

        then:
        snapshot() == before

        cleanup:
        fixture.sandbox.exec(['virsh', 'destroy', 'ethhook'])
        fixture.sandbox.exec(['virsh', 'undefine', 'ethhook'])
    }

    def 'a host-driver network whose dnsmasq was killed: plan sees it, run starts it again, and a client leases'() {
        given: 'the kvmsh under test, run inside the sandbox host, and a host-driver network with DHCP'
        String kvmsh = fixture.script('kvmsh-in', "#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" +
                System.getProperty('java.class.path') + "' kvmsh.cli.Launcher \"\$@\"\n")
        Path.of(kvmsh).toFile().setExecutable(true)
        String f = fixture.script('hostlab.kvm', "network 'hostlab' { driver 'host'; nat '10.66.0.0/24'; dhcp '10.66.0.10'..'10.66.0.50' }\n")
        def inside = { String... args -> fixture.sandbox.exec([kvmsh] + args.toList()) }
        assert inside('run', f).ok()
        String pidFile = '/run/kvmsh/net/hostlab/dnsmasq.pid'
        String pid = fixture.inSandbox('cat', pidFile).first()

        when: 'someone kills its dnsmasq'
        fixture.inSandbox('kill', '-9', pid)
        sleep(300)
        def plan = inside('plan', f)
        def run = inside('run', f)
        String again = fixture.inSandbox('cat', pidFile).first()

        then:
        plan.stdout().contains('~ repair network hostlab (its dnsmasq is not running: guests get no lease; started again)')
        run.ok()
        again != pid
        fixture.sandbox.exec(["test", "-d", "/proc/$again".toString()]).ok()
        inside('plan', f).stdout().contains('No changes.')

        when: 'a client on the bridge asks for a lease'
        fixture.inSandbox('ip', 'link', 'add', 'kvcl0', 'type', 'veth', 'peer', 'name', 'kvcl1')
        fixture.inSandbox('ip', 'link', 'set', 'kvcl0', 'master', 'hostlab', 'up')
        fixture.inSandbox('ip', 'link', 'set', 'kvcl1', 'up')
        def lease = fixture.sandbox.exec(['busybox', 'udhcpc', '-i', 'kvcl1', '-n', '-q', '-t', '5', '-T', '1', '-s', '/bin/true'])

        then:
        (lease.stdout() + lease.stderr()) =~ /lease of 10\.66\.0\.\d+ obtained/

        cleanup:
        fixture.sandbox.exec(['ip', 'link', 'del', 'kvcl0'])
        inside('down', '--yes', f)
    }
}
