package kvmsh.hook

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import kvmsh.host.CommandRunner
import kvmsh.host.ProcessRunner
import kvmsh.hostnet.Namespaces
import kvmsh.sandbox.GuestImage
import kvmsh.sandbox.GuestImageBuilder
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification

/**
 * kvmsh as qemu's {@code script=}/{@code downscript=}, end to end: raw {@code qemu-system-x86_64
 * -accel tcg} guests in a network namespace playing a KVM host without libvirtd, a second
 * namespace playing the LAN with 172.16.0.1. Hook files are the ones in dsl-examples/hooks, run by
 * the kernel through their {@code #!/usr/bin/env kvmsh} line. Every namespace is the spec's own and
 * is deleted afterwards, also on failure; the root namespace is compared before and after.
 */
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class HookE2ESpec extends Specification {

    @Shared ProcessRunner root = new ProcessRunner()
    @Shared Map<String, String> rootBefore
    @Shared GuestImage image
    @Shared Path bin = Files.createTempDirectory('kvmsh-hook-bin')
    @Shared Path cache = Files.createTempDirectory('kvmsh-hook-cache')
    // Our own image cache: other checkouts' specs rebuild the shared one with their own /init.
    @Shared Path images = Files.createTempDirectory('kvmsh-hook-guest')
    @Shared String examples = Path.of(System.getProperty('kvmsh.projectDir', '.'), 'dsl-examples', 'hooks')
            .toAbsolutePath().toString()

    @AutoCleanup Namespaces spaces = new Namespaces()
    List<QemuGuest> guests = []
    String ns
    CommandRunner inNs

    def setupSpec() {
        rootBefore = rootState()
        image = new GuestImageBuilder(new ProcessRunner()).cacheRoot(images).build()
        // `kvmsh` on PATH, as the README's symlink puts it there, running the classes under test.
        Path kvmsh = bin.resolve('kvmsh')
        Files.writeString(kvmsh, "#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                + System.getProperty('java.class.path') + "' kvmsh.cli.Main \"\$@\"\n")
        kvmsh.toFile().setExecutable(true)
    }

    def cleanupSpec() {
        [bin, cache, images].each { it.toFile().deleteDir() }
        assert rootState() == rootBefore
        assert root.check('ip', 'netns', 'list').stdout().readLines().findAll { it.startsWith(Namespaces.PREFIX) }.isEmpty()
    }

    def cleanup() {
        // Before the namespaces go (@AutoCleanup runs after this): qemu runs its downscript.
        guests.each { it.close() }
    }

    def setup() {
        ns = spaces.add()
        inNs = spaces.inside(ns)
        inNs.check('ip', 'link', 'set', 'lo', 'up')
    }

    Map<String, String> env() {
        [PATH: "$bin:${System.getenv('PATH')}".toString(), KVMSH_RUN_DIR: spaces.runRoot.toString(),
         KVMSH_CACHE_DIR: cache.toString()]
    }

    String hook(String name) {
        "$examples/$name"
    }

    QemuGuest guest(String name, String tap, String mac, String up, String down, String cmdline) {
        def g = new QemuGuest(name, ns, env(), image, tap, mac, up, down, cmdline)
        guests << g
        g
    }

    /** Runs a hook file as the kernel would for qemu: {@code FILE TAP}, inside the host namespace. */
    Map runHook(String file, String tap, List<String> extra = []) {
        def cmd = ['ip', 'netns', 'exec', ns, 'env'] + env().collect { k, v -> "$k=$v".toString() } + extra + [file, tap]
        def p = new ProcessBuilder(cmd).start()
        String out = p.inputStream.text
        String err = p.errorStream.text
        [code: p.waitFor(), out: out, err: err]
    }

    /** The LAN: namespace 'lan' with 172.16.0.1, wired to the host namespace as 172.16.0.2. */
    String lan() {
        String lan = spaces.add('-lan')
        inNs.check('ip', 'link', 'add', 'uplink', 'type', 'veth', 'peer', 'name', 'lanport', 'netns', lan)
        inNs.check('ip', 'addr', 'add', '172.16.0.2/24', 'dev', 'uplink')
        inNs.check('ip', 'link', 'set', 'uplink', 'up')
        def l = spaces.inside(lan)
        l.check('ip', 'addr', 'add', '172.16.0.1/24', 'dev', 'lanport')
        l.check('ip', 'link', 'set', 'lanport', 'up')
        l.check('ip', 'link', 'set', 'lo', 'up')
        lan
    }

    boolean nothingLeft() {
        spaces.bridges(ns).isEmpty() && spaces.kvmshChains(ns) == null && spaces.dnsmasqPids().isEmpty() &&
                !Files.exists(spaces.runRoot)
    }

    def 'NAT, one file for script= and downscript=: leases from kvmsh dnsmasq, the LAN reached from the host address, nothing left after'() {
        given:
        String lan = lan()
        def capture = new ProcessBuilder('ip', 'netns', 'exec', lan, 'tcpdump', '-n', '-l', '-c', '1', '-i', 'lanport',
                'icmp and icmp[icmptype] == icmp-echo').redirectErrorStream(true).start()
        String nat = hook('nat.kvm')

        when:
        def one = guest('one', 'vnet1', '52:54:00:00:01:01', nat, nat, GuestImage.cmdline(['10.0.0.254', '172.16.0.1'], 20, false))
        def two = guest('two', 'vnet2', '52:54:00:00:01:02', nat, nat, GuestImage.cmdline(['10.0.0.254', '172.16.0.1'], 20, false))
        String c1 = one.await('KVMSH done')
        String c2 = two.await('KVMSH done')
        String seen = capture.inputStream.text

        then:
        [QemuGuest.lease(c1), QemuGuest.lease(c2)].every { it ==~ /10\.0\.0\.(\d+)/ && (it.split('\\.')[3] as int) in 1..100 }
        QemuGuest.lease(c1) != QemuGuest.lease(c2)
        c1.contains('KVMSH ping 10.0.0.254 ok') && c1.contains('KVMSH ping 172.16.0.1 ok')
        c2.contains('KVMSH ping 172.16.0.1 ok')
        seen =~ /IP 172\.16\.0\.2 > 172\.16\.0\.1: ICMP echo request/

        when: 'the guests power off; qemu runs the downscript for each'
        one.awaitExit()
        two.awaitExit()

        then:
        nothingLeft()

        cleanup:
        capture?.destroy()
    }

    def 'dual stack with names through hooks: SLAAC, the IPv6 gateway, guests by DNS name; a second NAT network reaches nothing of the first'() {
        given:
        Path dir = Files.createTempDirectory('kvmsh-net')
        String lab = dir.resolve('lab.kvm').toString()
        String other = dir.resolve('other.kvm').toString()
        Files.writeString(Path.of(lab), """#!/usr/bin/env kvmsh
network 'lab' { nat '10.0.0.0/24'; dhcp '10.0.0.100'..'10.0.0.200'; ipv6 'fd00:10::/64'; domain 'lab.local'
    host 'web', mac: '52:54:00:10:00:05', ip: '10.0.0.5' }
hook 'lab'
""")
        Files.writeString(Path.of(other), """#!/usr/bin/env kvmsh
network 'other' { nat '10.1.0.0/24'; dhcp '10.1.0.100'..'10.1.0.200'; ipv6 'fd00:11::/64' }
hook 'other'
""")
        [lab, other].each { Path.of(it).toFile().setExecutable(true) }
        def cmdline = { String name, List<String> ping, int wait ->
            "console=ttyS0 panic=-1 loglevel=4 kvmsh.name=$name kvmsh.ipv6=1 kvmsh.ping=${ping.join(',')} kvmsh.wait=$wait".toString()
        }

        when:
        def web = guest('web', 'vnet1', '52:54:00:10:00:05', lab, lab, cmdline('web', ['client.lab.local'], 30))
        def client = guest('client', 'vnet2', '52:54:00:10:00:06', lab, lab, cmdline('client', ['fd00:10::1', 'web.lab.local'], 5))
        def intruder = guest('intruder', 'vnet3', '52:54:00:11:00:07', other, other,
                cmdline('intruder', ['10.1.0.1', 'fd00:11::1', '10.0.0.5', 'fd00:10::5054:ff:fe10:5'], 0))
        String w = web.await('KVMSH done')
        String c = client.await('KVMSH done')
        String i = intruder.await('KVMSH done')

        then: 'SLAAC from kvmsh\'s dnsmasq'
        w.contains('KVMSH ipv6 fd00:10::5054:ff:fe10:5')
        c.contains('KVMSH ipv6 fd00:10::5054:ff:fe10:6')
        i.contains('KVMSH ipv6 fd00:11::5054:ff:fe11:7')

        and: 'the IPv6 gateway, and each other by name: a static host and a leased guest'
        c.contains('KVMSH ping fd00:10::1 ok')
        c.contains('KVMSH resolve web.lab.local 10.0.0.5')
        c.contains('KVMSH ping web.lab.local ok')
        w =~ /KVMSH resolve client\.lab\.local 10\.0\.0\.\d+/
        w.contains('KVMSH ping client.lab.local ok')

        and: 'the second network: its own gateways yes, the first network no'
        i.contains('KVMSH ping 10.1.0.1 ok')
        i.contains('KVMSH ping fd00:11::1 ok')
        i.contains('KVMSH ping 10.0.0.5 fail')
        i.contains('KVMSH ping fd00:10::5054:ff:fe10:5 fail')

        when: 'the guests power off; qemu runs the downscripts'
        [web, client, intruder].each { it.awaitExit() }

        then:
        nothingLeft()

        cleanup:
        dir?.toFile()?.deleteDir()
    }

    /** What an HTTP GET of {@code url} from namespace {@code netns} answers ("" when nothing does), up to three tries. */
    String fetch(String netns, String url) {
        for (int i = 0; i < 3; i++) {
            def r = root.run('ip', 'netns', 'exec', netns, 'curl', '-s', '--max-time', '5', url)
            if (r.ok()) {
                return r.stdout().strip()
            }
        }
        ''
    }

    def 'forward through a hook: the LAN and the host reach the guest\'s port at the host\'s address, nothing else of it; no chain left after'() {
        given: 'the LAN routes the guests\' subnet to the host, so a direct connection would have a way in'
        String lan = lan()
        spaces.inside(lan).check('ip', 'route', 'add', '10.0.0.0/24', 'via', '172.16.0.2')
        String file = hook('forward.kvm')

        when:
        def web = guest('web', 'vnet1', '52:54:00:10:00:05', file, file,
                'console=ttyS0 panic=-1 loglevel=4 kvmsh.name=web kvmsh.serve=80 kvmsh.stay=1')
        String console = web.await('KVMSH done')

        then:
        QemuGuest.lease(console) == '10.0.0.5'
        fetch(lan, 'http://172.16.0.2:8080/') == 'KVMSH web web'
        fetch(ns, 'http://172.16.0.2:8080/') == 'KVMSH web web'
        spaces.kvmshChains(ns).keySet() == ['postrouting_lab', 'prerouting_lab', 'output_lab', 'forward_lab', 'input_lab'] as Set

        and: 'the guest\'s own address stays closed to the LAN: only what the forward DNATs gets in'
        fetch(lan, 'http://10.0.0.5:80/') == ''

        when: 'qemu ends; its downscript takes the network down'
        web.stop()

        then:
        nothingLeft()
    }

    def 'host-only: guests reach each other, not the host; apart after delif, together again after addif to isolationbr'() {
        given: 'the host has an address in the guests subnet elsewhere, which it must not answer from the bridge'
        inNs.check('ip', 'tuntap', 'add', 'dev', 'elsewhere', 'mode', 'tap')
        inNs.check('ip', 'addr', 'add', '192.168.77.1/24', 'dev', 'elsewhere')
        inNs.check('ip', 'link', 'set', 'elsewhere', 'up')
        String ho = hook('hostonly.kvm')
        def shell = { ip -> "console=ttyS0 panic=-1 loglevel=4 kvmsh.ip=$ip kvmsh.shell=1" }

        when:
        def a = guest('a', 'vnet1', '52:54:00:00:02:01', ho, ho, shell('192.168.77.11/24'))
        def b = guest('b', 'vnet2', '52:54:00:00:02:02', ho, ho, shell('192.168.77.12/24'))
        a.await('KVMSH done')
        b.await('KVMSH done')

        then:
        a.pings('192.168.77.12')
        !a.pings('192.168.77.1')
        !b.pings('192.168.77.1')
        inNs.check('ip', '-o', 'link', 'show', 'vnet1').stdout().contains('master hostonly')
        spaces.inside(ns).check('ip', '-4', '-o', 'addr', 'show', 'dev', 'hostonly').stdout().isBlank()

        when: "the seed's brctl delif hostonly vnet1, as a kvmsh script"
        Path dir = Files.createTempDirectory('kvmsh-move')
        Files.writeString(dir.resolve('delif.kvm'), "detach 'vnet1'\n")
        Files.writeString(dir.resolve('addif.kvm'), "attach 'vnet1', to: 'isolationbr'\nattach 'vnet2', to: 'isolationbr'\n")
        def d = runKvmsh('run', dir.resolve('delif.kvm').toString())

        then:
        d.code == 0
        !a.pings('192.168.77.12')

        when: 'isolationbr comes up through its hook file, and both taps move there'
        inNs.check('ip', 'tuntap', 'add', 'dev', 'probe0', 'mode', 'tap')
        assert runHook(hook('isolationbr.kvm'), 'probe0').code == 0
        def m = runKvmsh('run', dir.resolve('addif.kvm').toString())

        then:
        m.code == 0
        a.pings('192.168.77.12')
        !a.pings('192.168.77.1')

        cleanup:
        dir?.toFile()?.deleteDir()
    }

    Map runKvmsh(String... args) {
        def cmd = ['ip', 'netns', 'exec', ns, 'env'] + env().collect { k, v -> "$k=$v".toString() } + ['kvmsh'] + args.toList()
        def p = new ProcessBuilder(cmd).start()
        String out = p.inputStream.text
        String err = p.errorStream.text
        [code: p.waitFor(), out: out, err: err]
    }

    def "driver 'host': plan, run and down go through the planner: real diffs, No changes when converged, in-place DHCP updates"() {
        given:
        Path dir = Files.createTempDirectory('kvmsh-driver')
        String f = dir.resolve('lan.kvm').toString()
        Files.writeString(Path.of(f), "network 'lan' { driver 'host'; nat '10.77.0.0/24'; dhcp '10.77.0.10'..'10.77.0.20' }\n")

        when:
        def plan = runKvmsh('plan', f)
        def run = runKvmsh('run', f)
        def again = runKvmsh('plan', f)

        then:
        plan.code == 0
        plan.out.contains("host driver (driver 'host')")
        plan.out.contains('+ define network lan (nat 10.77.0.0/24, bridge lan)')
        plan.out.contains('+ start network lan')
        !plan.out.contains('autostart')
        run.code == 0
        spaces.bridges(ns) == ['lan']
        spaces.kvmshChains(ns).keySet() == ['postrouting_lan', 'forward_lan', 'input_lan'] as Set
        spaces.dnsmasqPids().size() == 1
        again.code == 0
        again.out.contains('No changes.')

        when: 'the range and a static host change: dnsmasq is restarted with them, the bridge stays'
        Files.writeString(Path.of(f), "network 'lan' { driver 'host'; nat '10.77.0.0/24'; dhcp '10.77.0.10'..'10.77.0.30'\n"
                + "  host 'db', mac: '52:54:00:00:00:10', ip: '10.77.0.5' }\n")
        def pid = spaces.dnsmasqPids()
        def diff = runKvmsh('plan', f)
        def update = runKvmsh('run', f)

        then:
        diff.out.contains('~ update network lan DHCP in place')
        diff.out.contains('10.77.0.30')
        diff.out.contains('0 to add, 1 to change, 0 to destroy.')
        update.code == 0
        spaces.dnsmasqPids().size() == 1
        spaces.dnsmasqPids() != pid
        Files.readString(spaces.runRoot.resolve('lan/dnsmasq.conf')).contains('10.77.0.30')
        runKvmsh('plan', f).out.contains('No changes.')

        when:
        def down = runKvmsh('down', '--yes', f)

        then:
        down.code == 0
        nothingLeft()

        cleanup:
        dir?.toFile()?.deleteDir()
    }

    def "a failed host-driver run undoes what it did: the second network collides with an existing link, exit 1, the host as before"() {
        given: 'a link that is not kvmsh\'s, named as the second network\'s bridge'
        Path dir = Files.createTempDirectory('kvmsh-driver')
        String f = dir.resolve('two.kvm').toString()
        Files.writeString(Path.of(f), "network 'one' { driver 'host'; nat '10.78.0.0/24'; dhcp '10.78.0.10'..'10.78.0.20' }\n"
                + "network 'two' { driver 'host'; isolated '10.79.0.0/24'; device 'taken0' }\n")
        inNs.check('ip', 'tuntap', 'add', 'dev', 'taken0', 'mode', 'tap')
        def linksBefore = inNs.check('ip', '-br', 'link').stdout()

        when:
        def run = runKvmsh('run', f)

        then:
        run.code == 1
        run.err.contains('device taken0 already exists')
        run.err.contains('undone:')
        run.err.contains('- stop network one')
        run.err.contains('- undefine network one')
        inNs.check('ip', '-br', 'link').stdout() == linksBefore
        spaces.kvmshChains(ns) == null
        spaces.dnsmasqPids().isEmpty()
        !Files.exists(spaces.runRoot.resolve('one'))
        !Files.exists(spaces.runRoot.resolve('two'))
        runKvmsh('plan', f).out.contains('+ define network one')

        cleanup:
        dir?.toFile()?.deleteDir()
    }

    def 'a network declared with pxe keeps serving it after qemu hook joins (evaluated, then from the hook cache)'() {
        given: 'a TFTP root with a boot file, and a hook file declaring a network that serves it'
        Path dir = Files.createTempDirectory('kvmsh-pxe')
        Path tftp = Files.createDirectory(dir.resolve('tftp'))
        // dnsmasq serves TFTP as an unprivileged user.
        [dir, tftp].each { Files.setPosixFilePermissions(it, java.nio.file.attribute.PosixFilePermissions.fromString('rwxr-xr-x')) }
        Files.writeString(tftp.resolve('boot.txt'), 'kvmsh pxe boot file\n')
        Files.setPosixFilePermissions(tftp.resolve('boot.txt'), java.nio.file.attribute.PosixFilePermissions.fromString('rw-r--r--'))
        String f = dir.resolve('pxe.kvm').toString()
        Files.writeString(Path.of(f), "#!/usr/bin/env kvmsh\n"
                + "network 'pxenet' { nat '10.81.0.0/24'; dhcp '10.81.0.10'..'10.81.0.20'; pxe root: '$tftp', file: 'boot.txt' }\n"
                + "hook 'pxenet'\n")
        Path.of(f).toFile().setExecutable(true)
        // A guest's side of the bridge: the host's own address space may not ask the gateway for TFTP
        // (the input chain serves DNS, DHCP and TFTP only to the bridge), so the client is a namespace
        // whose veth peers stand in for the two VMs' taps.
        String client = spaces.add('-pxc')
        def inClient = spaces.inside(client)
        ['1', '2'].each { inNs.check('ip', 'link', 'add', "kvpxe$it", 'type', 'veth', 'peer', 'name', "kvpxc$it", 'netns', client) }
        inClient.check('ip', 'addr', 'add', '10.81.0.51/24', 'dev', 'kvpxc1')
        ['lo', 'kvpxc1', 'kvpxc2'].each { inClient.check('ip', 'link', 'set', it, 'up') }
        def fetch = { -> inClient.run('busybox', 'tftp', '-g', '-r', 'boot.txt', '-l', dir.resolve('got.txt').toString(), '10.81.0.1') }

        when: 'kvmsh run brings the network up, then two VMs start: the first join evaluates the file, the second reads the cache'
        def run = runKvmsh('run', f)
        def first = runHook(f, 'kvpxe1')
        def served1 = fetch()
        def second = runHook(f, 'kvpxe2')
        def served2 = fetch()

        then:
        run.code == 0
        first.code == 0
        second.code == 0
        served1.ok()
        served2.ok()
        Files.readString(dir.resolve('got.txt')) == 'kvmsh pxe boot file\n'
        Files.readString(spaces.runRoot.resolve('pxenet/dnsmasq.conf')).contains('dhcp-boot=boot.txt')

        when: 'both leave: the network goes with its last tap'
        runHook(f, 'kvpxe1')
        runHook(f, 'kvpxe2')

        then:
        nothingLeft()

        cleanup:
        dir?.toFile()?.deleteDir()
    }

    def 'two-file form: up in one file, down in another'() {
        given:
        inNs.check('ip', 'tuntap', 'add', 'dev', 'vnet1', 'mode', 'tap')

        when:
        def up = runHook(hook('nat-up.kvm'), 'vnet1')
        def again = runHook(hook('nat-up.kvm'), 'vnet1')

        then: 'running up twice changes nothing'
        up.code == 0 && again.code == 0
        spaces.bridges(ns) == ['isolationbr']
        spaces.kvmshChains(ns) == [postrouting_isolationbr: 3, forward_isolationbr: 5, input_isolationbr: 2]
        spaces.dnsmasqPids().size() == 1
        inNs.check('ip', '-o', 'link', 'show', 'vnet1').stdout().contains('master isolationbr')

        when:
        def down = runHook(hook('nat-down.kvm'), 'vnet1')
        inNs.check('ip', 'link', 'del', 'vnet1')
        def gone = runHook(hook('nat-down.kvm'), 'vnet1')

        then: 'down for a tap that is gone succeeds'
        down.code == 0 && gone.code == 0
        nothingLeft()
    }

    def '16 hooks started at once for one network: one bridge, one rule set, one dnsmasq, no errors'() {
        given:
        (1..16).each { inNs.check('ip', 'tuntap', 'add', 'dev', "tap$it".toString(), 'mode', 'tap') }
        def pool = Executors.newFixedThreadPool(16)

        when:
        def results = pool.invokeAll((1..16).collect { i -> { -> runHook(hook('nat.kvm'), "tap$i".toString()) } as Callable })*.get()

        then:
        results.every { it.code == 0 && it.err.isBlank() }
        spaces.bridges(ns) == ['isolationbr']
        spaces.kvmshChains(ns) == [postrouting_isolationbr: 3, forward_isolationbr: 5, input_isolationbr: 2]
        spaces.dnsmasqPids().size() == 1
        inNs.check('ip', '-o', 'link', 'show', 'master', 'isolationbr').stdout().readLines().size() == 16

        when: 'all leave at once'
        def downs = pool.invokeAll((1..16).collect { i -> { -> runHook(hook('nat.kvm'), "tap$i".toString()) } as Callable })*.get()

        then:
        downs.every { it.code == 0 && it.err.isBlank() }
        nothingLeft()

        cleanup:
        pool?.shutdownNow()
    }

    def "the seed's bugs are not kvmsh's: STP delay, repeated MASQUERADE, whole-table flush, leftover dnsmasq, foreign dnsmasq"() {
        given: 'a foreign dnsmasq and a foreign nat table that the seed would have mistaken or flushed'
        inNs.check('nft', 'add table ip nat')
        inNs.check('nft', 'add chain ip nat POSTROUTING { type nat hook postrouting priority srcnat; }')
        inNs.check('nft', 'add rule ip nat POSTROUTING oifname "uplink" masquerade')
        Path foreignConf = Files.createTempFile('foreign-dnsmasq', '.conf')
        Files.writeString(foreignConf, "port=0\ninterface=lo\nbind-interfaces\npid-file=${foreignConf}.pid\n")
        inNs.check('dnsmasq', "--conf-file=$foreignConf".toString())
        inNs.check('ip', 'tuntap', 'add', 'dev', 'vnet1', 'mode', 'tap')
        inNs.check('ip', 'tuntap', 'add', 'dev', 'vnet2', 'mode', 'tap')

        when: 'two VM starts'
        def r1 = runHook(hook('nat.kvm'), 'vnet1')
        def r2 = runHook(hook('nat.kvm'), 'vnet2')
        def link = new groovy.json.JsonSlurper().parseText(inNs.check('ip', '-json', '-details', 'link', 'show', 'isolationbr').stdout())[0]

        then: 'the bridge forwards at once (STP off, delay 0 accepted), one MASQUERADE, our own dnsmasq despite the foreign one'
        r1.code == 0 && r2.code == 0
        link.linkinfo.info_data.stp_state == 0
        link.linkinfo.info_data.forward_delay == 0
        inNs.check('nft', 'list', 'table', 'inet', 'kvmsh').stdout().count('masquerade') == 1
        spaces.dnsmasqPids().size() == 1
        inNs.check('ip', '-o', 'link', 'show', 'vnet1').stdout().contains('master isolationbr')

        when: 'both VMs stop'
        runHook(hook('nat.kvm'), 'vnet1')
        runHook(hook('nat.kvm'), 'vnet2')

        then: 'our dnsmasq is gone, the foreign table and dnsmasq are untouched'
        nothingLeft()
        inNs.check('nft', 'list', 'table', 'ip', 'nat').stdout().contains('oifname "uplink" masquerade')
        Files.exists(Path.of("${foreignConf}.pid"))
        root.run('kill', '-0', Files.readString(Path.of("${foreignConf}.pid")).trim()).ok()

        cleanup:
        if (foreignConf && Files.exists(Path.of("${foreignConf}.pid"))) {
            root.run('kill', Files.readString(Path.of("${foreignConf}.pid")).trim())
            Files.deleteIfExists(Path.of("${foreignConf}.pid"))
        }
        if (foreignConf) Files.deleteIfExists(foreignConf)
    }

    def 'hook --train (what bin/kvmsh records its class-data archive with) runs up and down only in a namespace holding nothing but lo'() {
        given:
        def train = { ->
            def cmd = ['ip', 'netns', 'exec', ns, 'env'] + env().collect { k, v -> "$k=$v".toString() } +
                    ['kvmsh', 'hook', '--train', hook('nat.kvm')]
            def p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
            String out = p.inputStream.text
            [code: p.waitFor(), out: out]
        }

        when: 'a fresh namespace'
        def fresh = train()

        then: 'it ran the file for a tap of its own, and left the namespace as it found it'
        fresh.code == 0
        fresh.out.contains('up and down for tap kvmsh-train0: exit 0, 0')
        nothingLeft()
        inNs.check('ip', '-o', 'link', 'show').stdout().readLines().size() == 1

        when: 'anywhere else'
        inNs.check('ip', 'tuntap', 'add', 'dev', 'other0', 'mode', 'tap')
        def busy = train()

        then: 'it only checks the file'
        busy.code == 0
        busy.out.contains('checked only')
        !busy.out.contains('kvmsh-train0')
        nothingLeft()
        inNs.check('ip', '-o', 'link', 'show').stdout().readLines().size() == 2
    }

    def 'a failing hook leaves nothing half-made and says why in one line'() {
        given: 'a device of the bridge name that is not kvmsh bridge'
        inNs.check('ip', 'tuntap', 'add', 'dev', 'isolationbr', 'mode', 'tap')
        inNs.check('ip', 'tuntap', 'add', 'dev', 'vnet1', 'mode', 'tap')

        when:
        def r = runHook(hook('nat.kvm'), 'vnet1')

        then:
        r.code == 1
        r.err.readLines().size() == 1
        r.err.contains('vnet1') && r.err.contains('isolationbr')
        spaces.kvmshChains(ns) == null
        spaces.dnsmasqPids().isEmpty()
        !Files.exists(spaces.runRoot.resolve('isolationbr'))
    }

    private Map<String, String> rootState() {
        [links  : root.check('ip', '-o', 'link', 'show').stdout().readLines().collect { it.replaceAll(/\s+link\/.*/, '') }.join('\n'),
         addrs  : root.check('ip', '-o', 'addr', 'show').stdout(),
         nft    : root.check('nft', 'list', 'ruleset').stdout(),
         forward: Files.readString(Path.of('/proc/sys/net/ipv4/ip_forward'))]
    }
}
