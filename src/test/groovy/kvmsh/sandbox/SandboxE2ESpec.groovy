package kvmsh.sandbox

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

import kvmsh.host.CommandResult
import kvmsh.host.ProcessRunner
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification

/**
 * End to end, as root: real namespaces, a real libvirtd per sandbox and TCG guests. Runs only with
 * -Dkvmsh.e2e=true. Every feature uses its own sandbox names and removes them in cleanup, also
 * when it fails; each then checks that nothing of the sandbox is left on the machine.
 */
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class SandboxE2ESpec extends Specification {

    static final String GUEST_B_MAC = '52:54:00:65:43:21'
    static final String GUEST_B_IP = '10.0.0.50'
    static final long GUEST_WAIT_MILLIS = 180_000

    @Shared GuestImage image
    @Shared ProcessRunner host = new ProcessRunner()

    List<Sandbox> sandboxes = []
    Path work

    def setupSpec() {
        image = new GuestImageBuilder(host).build()
    }

    def setup() {
        work = Files.createTempDirectory('kvmsh-e2e')
        // qemu runs as libvirt-qemu and opens the serial log files in here.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString('rwxr-xr-x'))
    }

    def cleanup() {
        sandboxes.each { it.down() }
        work.toFile().deleteDir()
    }

    def 'two TCG guests get leases on a NAT network and reach the gateway, each other and the LAN'() {
        given:
        def s = sandbox('e2e-nat')
        s.up()
        virsh(s, 'net-create', file('net.xml', GuestXml.natNetwork('e2e', [(GUEST_B_MAC): GUEST_B_IP])))

        when: 'guest b (fixed lease) comes up first and stays, then guest a pings it'
        def bLog = work.resolve('b.log')
        virsh(s, 'create', file('b.xml', GuestXml.guest('b', image,
                GuestImage.cmdline(['10.0.0.254', Sandbox.LAN_GATEWAY], 0, true), 'e2e', bLog.toString(), GUEST_B_MAC)))
        def b = awaitLine(bLog, 'KVMSH done')
        def aLog = work.resolve('a.log')
        virsh(s, 'create', file('a.xml', GuestXml.guest('a', image,
                GuestImage.cmdline(['10.0.0.254', Sandbox.LAN_GATEWAY, GUEST_B_IP], 0, false), 'e2e', aLog.toString())))
        def a = awaitLine(aLog, 'KVMSH done')

        then:
        b.contains("KVMSH lease $GUEST_B_IP".toString())
        b.contains('KVMSH ping 10.0.0.254 ok')
        b.contains('KVMSH ping 172.16.0.1 ok')
        inDhcpRange(lease(a))
        lease(a) != GUEST_B_IP
        a.contains('KVMSH ping 10.0.0.254 ok')
        a.contains('KVMSH ping 172.16.0.1 ok')
        a.contains("KVMSH ping $GUEST_B_IP ok".toString())

        and: "the sandbox never saw libvirt's default network"
        !virsh(s, 'net-list', '--all', '--name').stdout().readLines()*.strip().contains('default')

        when: 'guest a powered itself off; b is destroyed; the sandbox goes down'
        awaitShutOff(s, 'a')
        virsh(s, 'destroy', 'b')
        def pids = s.status().processes()
        s.down()

        then:
        nothingLeftOf(s, pids)
    }

    def 'up is idempotent'() {
        given:
        def s = sandbox('e2e-idem')
        def first = s.up()
        def mountsBefore = s.exec(['cat', '/proc/self/mountinfo']).orThrow().stdout().readLines().size()
        def rootMountsBefore = rootMountInfo().readLines().size()

        when:
        def second = s.up()

        then:
        second.up()
        second.libvirtdPid() == first.libvirtdPid()
        second.virtlogdPid() == first.virtlogdPid()
        s.exec(['cat', '/proc/self/mountinfo']).orThrow().stdout().readLines().size() == mountsBefore
        rootMountInfo().readLines().size() == rootMountsBefore
        s.runner().run('ip', '-o', 'address', 'show', 'dev', 'eth0').orThrow().stdout().readLines().count { it.contains(' inet ') } == 1
    }

    def 'a killed libvirtd is restarted by up'() {
        given:
        def s = sandbox('e2e-restart')
        def old = s.up().libvirtdPid().asLong

        when:
        ProcessHandle.of(old).ifPresent { it.destroyForcibly() }
        awaitDead(old)

        then:
        !s.status().up()

        when:
        def now = s.up()

        then:
        now.up()
        now.libvirtdPid().asLong != old
    }

    def 'two sandboxes coexist, each with its own network of the same name'() {
        given:
        def one = sandbox('e2e-one')
        def two = sandbox('e2e-two')
        one.up()
        two.up()

        when:
        [one, two].each { virsh(it, 'net-create', file("${it.name()}.xml", GuestXml.natNetwork('e2e'))) }

        then:
        [one, two].every { netActive(it, 'e2e') }
        one.uri() != two.uri()

        when:
        def pids = one.status().processes()
        one.down()

        then:
        nothingLeftOf(one, pids)
        two.status().up()
        netActive(two, 'e2e')
    }

    def 'sandboxes on one shared LAN each have an address there, reach each other and keep their own host UUID and state'() {
        given:
        def a = sandbox('e2e-fa').onLan('e2e-fl')
        def b = sandbox('e2e-fb').onLan('e2e-fl')
        sandboxes.addAll([a, b])

        when:
        def sa = a.up()
        def sb = b.up()

        then: 'one LAN namespace with a port for each, and an address of its own for each'
        sa.up() && sb.up()
        sa.lan() == 'e2e-fl' && a.lanNetns() == 'kvmshlan-e2e-fl' && b.lanNetns() == a.lanNetns()
        sa.address() ==~ /172\.16\.0\.\d+/ && sb.address() ==~ /172\.16\.0\.\d+/
        sa.address() != sb.address()
        host.inNetns(a.lanNetns()).run('ip', '-o', 'link', 'show', 'master', 'lan').orThrow().stdout().readLines().size() == 2

        and: 'they reach each other and the gateway over it'
        a.runner().run('busybox', 'ping', '-c', '1', '-W', '2', sb.address()).ok()
        b.runner().run('busybox', 'ping', '-c', '1', '-W', '2', sa.address()).ok()
        b.runner().run('busybox', 'ping', '-c', '1', '-W', '2', Sandbox.LAN_GATEWAY).ok()

        and: 'each libvirtd has its own host UUID, migration address and definitions'
        hostUuid(a) != hostUuid(b)
        Files.readString(a.stateDir().resolve('etc/libvirt/qemu.conf')).contains("migration_address = \"${sa.address()}\"")
        virsh(a, 'net-define', file('net.xml', GuestXml.natNetwork('only-a')))
        !virsh(b, 'net-list', '--all', '--name').stdout().contains('only-a')

        and: 'up again keeps the address; asking for another LAN is refused'
        a.up().address() == sa.address()
        when:
        new Sandbox('e2e-fa').onLan('e2e-other').up()
        then:
        def e = thrown(SandboxException)
        e.message.contains('already up on LAN e2e-fl')

        when: 'the first one leaves'
        def pids = a.status().processes()
        new Sandbox('e2e-fa').down()

        then: 'it is gone, the LAN stays for the other'
        nothingLeftOf(new Sandbox('e2e-fa'), pids)
        b.status().up()
        Files.exists(Path.of('/run/netns', b.lanNetns()))
        b.runner().run('busybox', 'ping', '-c', '1', '-W', '2', Sandbox.LAN_GATEWAY).ok()

        when: 'the last one leaves'
        b.down()

        then: 'the LAN goes with it'
        !Files.exists(Path.of('/run/netns', 'kvmshlan-e2e-fl'))
        !Files.exists(Sandbox.DEFAULT_STATE_ROOT.resolveSibling('lan').resolve('e2e-fl.lock'))
    }

    def 'down after a crash (kill -9 of every daemon) still removes everything'() {
        given:
        def s = sandbox('e2e-crash')
        s.up()
        virsh(s, 'net-create', file('net.xml', GuestXml.natNetwork('e2e')))
        def pids = s.status().processes()
        assert pids.size() >= 3 // virtlogd, libvirtd, dnsmasq

        when:
        pids.each { pid -> ProcessHandle.of(pid).ifPresent { it.destroyForcibly() } }
        pids.each { awaitDead(it) }
        s.down()

        then:
        nothingLeftOf(s, pids)
    }

    def 'up rebuilds a sandbox whose host namespace vanished, keeping its libvirt definitions'() {
        given:
        def s = sandbox('e2e-reboot')
        def old = s.up()
        virsh(s, 'net-define', file('net.xml', GuestXml.natNetwork('kept')))

        when: 'the host netns disappears under the running daemons'
        host.check('ip', 'netns', 'delete', s.hostNetns())
        def now = s.up()

        then:
        now.up()
        now.libvirtdPid() != old.libvirtdPid()
        old.processes().every { !alive(it) }
        s.exec(['ls', '/sys/class/net']).orThrow().stdout().readLines().contains('eth0')
        virsh(s, 'net-list', '--all', '--name').stdout().readLines()*.strip().contains('kept')
    }

    // --- helpers ------------------------------------------------------------------------------

    private Sandbox sandbox(String name) {
        def s = new Sandbox(name)
        sandboxes << s
        s.down() // a previous run that died before its cleanup
        s
    }

    private String hostUuid(Sandbox s) {
        def m = virsh(s, 'capabilities').stdout() =~ /<uuid>([0-9a-f-]+)<\/uuid>/
        assert m.find()
        m.group(1)
    }

        private CommandResult virsh(Sandbox s, String... args) {
        host.run(['virsh', '-c', s.uri()] + args.toList()).orThrow()
    }

    private String file(String name, String text) {
        def p = work.resolve(name)
        Files.writeString(p, text)
        p.toString()
    }

    private boolean netActive(Sandbox s, String net) {
        virsh(s, 'net-list', '--name').stdout().readLines()*.strip().contains(net)
    }

    /** The serial log once it holds {@code line}; bounded wait, fails with the log so far. */
    private static String awaitLine(Path log, String line) {
        long deadline = System.currentTimeMillis() + GUEST_WAIT_MILLIS
        String text = ''
        while (System.currentTimeMillis() < deadline) {
            text = Files.exists(log) ? new String(Files.readAllBytes(log), 'UTF-8').replace('\r', '') : ''
            if (text.readLines()*.strip().contains(line)) {
                return text
            }
            sleep(200)
        }
        throw new AssertionError("no '$line' in $log within ${GUEST_WAIT_MILLIS / 1000} s:\n$text")
    }

    private void awaitShutOff(Sandbox s, String domain) {
        long deadline = System.currentTimeMillis() + GUEST_WAIT_MILLIS
        while (System.currentTimeMillis() < deadline) {
            if (!virsh(s, 'list', '--name').stdout().readLines()*.strip().contains(domain)) {
                return
            }
            sleep(200)
        }
        throw new AssertionError("domain $domain still running")
    }

    private static String lease(String log) {
        def m = log =~ /KVMSH lease (\S+)/
        m.find() ? m.group(1) : 'none'
    }

    private static boolean inDhcpRange(String ip) {
        def m = ip =~ /^10\.0\.0\.(\d+)$/
        m.matches() && (m.group(1) as int) in 1..100
    }

    private static String rootMountInfo() {
        Files.readString(Path.of('/proc/self/mountinfo'))
    }

    private static boolean alive(long pid) {
        def stat = Path.of('/proc', pid as String, 'stat')
        try {
            String text = Files.readString(stat)
            char state = text.charAt(text.lastIndexOf(')') + 2)
            return state != ('Z' as char) && state != ('X' as char)
        } catch (IOException ignored) {
            return false
        }
    }

    private static void awaitDead(long pid) {
        long deadline = System.currentTimeMillis() + 10_000
        while (alive(pid) && System.currentTimeMillis() < deadline) {
            sleep(50)
        }
        assert !alive(pid)
    }

    /** No namespace, process, mount or state file of {@code s} remains. */
    private static boolean nothingLeftOf(Sandbox s, List<Long> formerPids) {
        def netns = Path.of('/run/netns')
        def names = Files.isDirectory(netns) ? netns.toFile().list().toList() : []
        assert !(s.hostNetns() in names)
        assert !(s.lanNetns() in names)
        def mounts = rootMountInfo()
        assert !mounts.contains(s.stateDir().toString())
        assert !mounts.contains("/run/netns/${s.hostNetns()} ".toString())
        assert !mounts.contains("/run/netns/${s.lanNetns()} ".toString())
        assert formerPids.every { !alive(it) }
        assert !Files.exists(s.stateDir())
        assert s.status().gone()
        true
    }
}
