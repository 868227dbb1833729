package kvmsh.e2e

import kvmsh.testing.Cli
import java.nio.file.Files
import java.nio.file.Path

import kvmsh.cli.Main
import kvmsh.sandbox.Sandbox
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * kvmsh as a user runs it, end to end: the command line against a sandbox (a network namespace
 * with its own libvirtd, and a "LAN" namespace holding the gateway 172.16.0.1), with real TCG
 * guests. Runs only with -Dkvmsh.e2e=true (bin/test sets it as root). The sandbox is removed in
 * cleanupSpec, also when a feature fails.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class SandboxScriptsE2ESpec extends Specification {

    static final String NAME = 'e2e-scripts'
    static final long GUEST_MILLIS = 120_000

    @Shared Sandbox sandbox = new Sandbox(NAME)
    @Shared Map<String, Object> before
    @Shared Path dir = Files.createTempDirectory('kvmsh-e2e-scripts')
    String projectDir = System.getProperty('kvmsh.projectDir', '.')

    def setupSpec() {
        sandbox.up()
        before = snapshot()
    }

    def cleanupSpec() {
        sandbox.down()
        dir.toFile().deleteDir()
    }

    Map kvmsh(String... args) {
        Cli.run(['-c', "sandbox:$NAME".toString()] + args.toList())
    }

    String example(String name) {
        Path.of(projectDir, 'dsl-examples', name).toString()
    }

    String script(String name, String text) {
        Path p = dir.resolve(name)
        Files.writeString(p, text)
        p.toString()
    }

    List<String> inSandbox(String... cmd) {
        sandbox.exec(cmd.toList()).orThrow().stdout().readLines()*.strip().findAll()
    }

    /** What a script may change inside the sandbox host; compared before and after. */
    Map<String, Object> snapshot() {
        [networks: inSandbox('virsh', 'net-list', '--all', '--name') as Set,
         domains : inSandbox('virsh', 'list', '--all', '--name') as Set,
         volumes : inSandbox('virsh', 'vol-list', 'default').size(),
         links   : inSandbox('ip', '-o', 'link', 'show').collect { it.split(':')[1].strip().split('@')[0] } as Set]
    }

    /** The serial console of a guest, once it printed {@code line} (the test guest reports there). */
    String awaitConsole(String logFile, String line) {
        long deadline = System.currentTimeMillis() + GUEST_MILLIS
        String text = ''
        while (System.currentTimeMillis() < deadline) {
            def r = sandbox.exec(['cat', logFile])
            text = r.ok() ? r.stdout() : ''
            if (text.contains(line)) {
                return text
            }
            sleep(500)
        }
        throw new AssertionError("no '$line' in $logFile after ${GUEST_MILLIS / 1000} s:\n$text")
    }

    static String lease(String console) {
        (console =~ /KVMSH lease (\S+)/).with { it.find() ? it.group(1) : null }
    }

    static boolean inSeedRange(String ip) {
        ip != null && ip.startsWith('10.0.0.') && (ip.split('\\.')[3] as int) in 1..100
    }

    def "the seed's NAT example: two guests lease in range and reach the gateway, each other and the LAN through NAT"() {
        when:
        def r = kvmsh('run', example('nat.kvm'))

        then:
        r.code == 0
        r.out.contains('+ define network isolationbr (nat 10.0.0.0/8, bridge isolationbr)')
        r.out.contains('+ start vm cirros2')

        when:
        def one = awaitConsole('/var/log/libvirt/qemu/cirros1-serial.log', 'KVMSH done')
        def two = awaitConsole('/var/log/libvirt/qemu/cirros2-serial.log', 'KVMSH done')

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
        def r = kvmsh('run', script('leases.kvm', "leases 'isolationbr'\n"))

        then:
        r.code == 0
        r.out.contains('52:54:00:65:43:21')
        r.out.contains('10.0.0.50/8')
        r.out.readLines().count { it =~ /^\s*52:54:00/ } == 2
    }

    def 'running the example again changes nothing'() {
        when:
        def r = kvmsh('run', example('nat.kvm'))

        then:
        r.code == 0
        r.out.contains('No changes')
    }

    def 'a wider DHCP range and a new static host update the running network in place, under its guests'() {
        given:
        def changed = Files.readString(Path.of(example('nat.kvm')))
                .replace("dhcp '10.0.0.1'..'10.0.0.100'", "dhcp '10.0.0.1'..'10.0.0.150'")
                .replace("host 'cirros2',", "host 'spare', mac: '52:54:00:00:00:99', ip: '10.0.0.99'\n    host 'cirros2',")
        def f = script('nat-wider.kvm', changed)
        def ports = inSandbox('ip', '-o', 'link', 'show', 'master', 'isolationbr')
        def uuid = inSandbox('virsh', 'net-uuid', 'isolationbr')

        when:
        def r = kvmsh('run', f)

        then:
        r.code == 0
        r.out.contains('~ update network isolationbr DHCP in place')
        !r.out.contains('restart')
        inSandbox('virsh', 'net-uuid', 'isolationbr') == uuid
        inSandbox('ip', '-o', 'link', 'show', 'master', 'isolationbr') == ports

        and: 'both the running network and its persistent definition have the change'
        def live = inSandbox('virsh', 'net-dumpxml', 'isolationbr').join('\n')
        def config = inSandbox('virsh', 'net-dumpxml', '--inactive', 'isolationbr').join('\n')
        [live, config].every { it.contains("end='10.0.0.150'") && it.contains("ip='10.0.0.99'") }

        and: 'the next run of the changed script finds nothing to do'
        kvmsh('run', f).out.contains('No changes')

        when: 'going back to the example'
        def back = kvmsh('run', example('nat.kvm'))

        then:
        back.out.contains('~ update network isolationbr DHCP in place')
        inSandbox('virsh', 'net-dumpxml', 'isolationbr').join('\n').contains("end='10.0.0.100'")
    }

    def 'a tap named by the user keeps its name, sits on the bridge, and can be moved off and back'() {
        given:
        def f = script('tap.kvm', """
vm 'tapped' {
    memory 128
    accel 'tcg'
    guest ping: ['10.0.0.254'], stay: true
    nic tap: 'vnet7', network: 'isolationbr', mac: '52:54:00:00:07:07'
    serial '/var/log/libvirt/qemu/tapped-serial.log'
}
""")

        when:
        def r = kvmsh('run', f)
        def console = awaitConsole('/var/log/libvirt/qemu/tapped-serial.log', 'KVMSH done')

        then:
        r.code == 0
        r.out.contains('+ create tap vnet7 on bridge isolationbr')
        inSandbox('ip', '-o', 'link', 'show', 'vnet7').first().contains('master isolationbr')
        inSandbox('virsh', 'domiflist', 'tapped').any { it.startsWith('vnet7') }
        inSeedRange(lease(console))
        console.contains('KVMSH ping 10.0.0.254 ok')

        when: "the seed's brctl delif"
        def d = kvmsh('run', script('detach.kvm', "detach 'vnet7'\n"))

        then:
        d.code == 0
        !inSandbox('ip', '-o', 'link', 'show', 'vnet7').first().contains('master')

        when: 'and addif'
        def a = kvmsh('run', script('attach.kvm', "attach 'vnet7', to: 'isolationbr'\n"))

        then:
        a.code == 0
        inSandbox('ip', '-o', 'link', 'show', 'vnet7').first().contains('master isolationbr')

        when:
        def down = kvmsh('down', f)

        then:
        down.code == 0
        down.out.contains('- delete tap vnet7')
        !inSandbox('ip', '-o', 'link', 'show').any { it.contains('vnet7') }
    }

    def 'a step the host refuses rolls back what the run changed'() {
        given: 'a network whose bridge name is taken by the sandbox host eth0'
        def f = script('clash.kvm', """
network 'fine' { isolated '192.168.210.0/24' }
network 'clash' { isolated '192.168.211.0/24'; device 'eth0' }
""")
        def nets = inSandbox('virsh', 'net-list', '--all', '--name') as Set

        when:
        def r = kvmsh('run', f)

        then:
        r.code == 1
        r.err.contains('start network clash')
        r.err.contains('undone:')
        r.err.contains('- undefine network fine')
        (inSandbox('virsh', 'net-list', '--all', '--name') as Set) == nets
    }

    def 'down removes everything the example made, and the sandbox is as before'() {
        when:
        def r = kvmsh('down', example('nat.kvm'))

        then:
        r.code == 0
        snapshot() == before
    }
}
