package kvmsh.e2e

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

import kvmsh.testing.Cli
import kvmsh.testing.SandboxFixture
import kvmsh.testing.TestSshd
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * kvmsh drives a host over libvirt's remote transports for real, as an admin's kvmsh drives
 * another machine: the sandbox is that machine, and kvmsh runs in another namespace on its LAN
 * (the LAN's own, 172.16.0.1), reaching it only over the LAN link.
 * <ul>
 *   <li>{@code qemu+ssh://root@172.16.0.2:2222/system?keyfile=…}: an sshd of the test's own in the
 *       sandbox (its own host key, port and authorized key, made by the test with ssh-keygen), the
 *       host key checked against a known_hosts file the test writes; libvirt's ssh transport runs
 *       virt-ssh-helper on the far side, which reaches the sandbox's libvirtd.</li>
 *   <li>{@code qemu+tcp://172.16.0.2/system}: the sandbox brought up with {@code --tcp}, its libvirtd
 *       listening on its LAN address without authentication.</li>
 * </ul>
 * Runs only with -Dkvmsh.e2e=true. The sshd, the sandbox and the namespace's ssh files are removed
 * in cleanupSpec, also when a feature fails.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class RemoteE2ESpec extends Specification {

    static final int SSH_PORT = 2222
    /** How long one kvmsh command may take (a TCG guest starting included). */
    static final long KVMSH_MINUTES = 10

    @Shared SandboxFixture host = new SandboxFixture('e2e-remote', SandboxFixture.GUEST_MILLIS, null, true)
    @Shared TestSshd sshd
    /**
     * What {@code ip netns exec} shows the client as /etc/ssh (iproute2 bind-mounts each entry of
     * /etc/netns/NS over /etc for commands it runs in NS): the global known_hosts file
     * /etc/ssh/ssh_known_hosts, where an admin lists a fleet's host keys. Nothing else sees it.
     */
    @Shared Path clientEtc
    /** Whether /etc/netns was there before: if not, it goes with the test's entry. */
    @Shared boolean hadNetnsEtc
    @Shared String file
    @Shared String sshUri

    def setupSpec() {
        host.up()
        clientEtc = Path.of('/etc/netns', host.sandbox.lanNetns())
        hadNetnsEtc = Files.isDirectory(clientEtc.parent)
        if (Files.exists(clientEtc)) {
            throw new IllegalStateException("$clientEtc exists and is not this test's: remove it first")
        }
        Files.createDirectories(clientEtc.resolve('ssh'))
        Files.writeString(clientEtc.resolve('ssh/ssh_known_hosts'), '')
        sshd = TestSshd.start(host.sandbox, host.dir.resolve('ssh'), SSH_PORT)
        sshUri = "qemu+ssh://root@${sshd.address}:$SSH_PORT/system?keyfile=${sshd.clientKey}"
        file = host.script('remote.kvm', """\
            network 'lan' { nat '10.0.0.0/24'; dhcp '10.0.0.10'..'10.0.0.100' }
            vm 'web' {
                memory 128; accel 'tcg'
                guest ping: ['10.0.0.1'], stay: true
                nic network: 'lan'
                serial '/var/log/libvirt/qemu/web-serial.log'
            }
            """.stripIndent())
    }

    def cleanupSpec() {
        try {
            sshd?.close()
        } finally {
            try {
                clientEtc?.toFile()?.deleteDir()
                if (clientEtc != null && !hadNetnsEtc && clientEtc.parent.toFile().list()?.length == 0) {
                    Files.delete(clientEtc.parent)
                }
            } finally {
                host.down()
            }
        }
    }

    /**
     * kvmsh's command line in the LAN's namespace, in a JVM of its own (a network namespace is a
     * process's), without a controlling terminal as under cron or CI (setsid), so ssh can ask
     * nobody about an unknown host key: [code, out, err].
     */
    Map kvmshOnLan(String... args) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        Path out = Files.createTempFile(host.dir, 'out', '.txt')
        Path err = Files.createTempFile(host.dir, 'err', '.txt')
        def p = new ProcessBuilder(['ip', 'netns', 'exec', host.sandbox.lanNetns(), 'setsid', java,
                                    '-cp', System.getProperty('java.class.path'), 'kvmsh.cli.Launcher'] + args.toList())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start()
        if (!p.waitFor(KVMSH_MINUTES, TimeUnit.MINUTES)) {
            p.descendants().forEach { it.destroyForcibly() }
            p.destroyForcibly()
            throw new AssertionError("kvmsh ${args.toList()} did not finish in $KVMSH_MINUTES minutes:\n"
                    + Files.readString(out) + Files.readString(err))
        }
        [code: p.exitValue(), out: Files.readString(out), err: Files.readString(err)]
    }

    List<String> domains() {
        host.inSandbox('virsh', 'list', '--all', '--name')
    }

    def 'over ssh, a host whose key is not in known_hosts is refused with ssh’s reason, and nothing changes'() {
        when:
        def r = kvmshOnLan('-c', sshUri, 'plan', file)
        println "unknown host key: ${r.err.trim()}"

        then:
        r.code == 4
        r.err.startsWith("kvmsh: cannot connect to $sshUri: ")
        r.err.contains('Host key verification failed')
        r.err.contains("libvirt logs in with `ssh -p $SSH_PORT -i ${sshd.clientKey} root@${sshd.address}`: that must work without a prompt")
        domains() == []
    }

    def 'over ssh, a key the host does not authorize and a port nobody listens on are refused with ssh’s reasons'() {
        given: 'the host key, as ssh-keyscan or a first ssh login would record it'
        Files.writeString(clientEtc.resolve('ssh/ssh_known_hosts'), sshd.knownHostsLine() + '\n')
        String otherKey = "qemu+ssh://root@${sshd.address}:$SSH_PORT/system?keyfile=${sshd.dir.resolve('host_key')}"
        String otherPort = "qemu+ssh://root@${sshd.address}:${SSH_PORT + 1}/system?keyfile=${sshd.clientKey}"

        when:
        def key = kvmshOnLan('-c', otherKey, 'plan', file)
        def port = kvmshOnLan('-c', otherPort, 'plan', file)
        println "key not authorized: ${key.err.trim()}\nno sshd on the port: ${port.err.trim()}"

        then:
        key.code == 4
        key.err.startsWith("kvmsh: cannot connect to $otherKey: ")
        key.err.contains('Permission denied (publickey)')
        port.code == 4
        port.err.startsWith("kvmsh: cannot connect to $otherPort: ")
        port.err.contains('Connection refused')
        domains() == []
    }

    def 'over ssh, with the host key known, run defines and starts the network and the VM there'() {
        when:
        def r = kvmshOnLan('-c', sshUri, 'run', file)

        then:
        r.code == 0
        r.out.contains('+ define network lan (nat 10.0.0.0/24, bridge lan)')
        r.out.contains('+ start vm web')
        host.inSandbox('virsh', 'list', '--name') == ['web']
        host.inSandbox('virsh', 'net-list', '--name') == ['lan']
        sshd.log().contains('Accepted publickey for root from 172.16.0.1')

        when:
        def console = host.awaitConsole('/var/log/libvirt/qemu/web-serial.log', 'KVMSH done')

        then:
        console =~ /KVMSH lease 10\.0\.0\.\d+/
        console.contains('KVMSH ping 10.0.0.1 ok')
    }

    def 'over ssh, planning again finds no changes'() {
        when:
        def r = kvmshOnLan('-c', sshUri, 'plan', file)

        then:
        r.code == 0
        r.out.readLines().last() == 'No changes.'
    }

    def 'over ssh, down removes the VM and the network'() {
        when:
        def r = kvmshOnLan('-c', sshUri, 'down', '--yes', file)

        then:
        r.code == 0
        r.out.contains('- undefine vm web')
        r.out.contains('- undefine network lan')
        domains() == []
        host.inSandbox('virsh', 'net-list', '--all', '--name') == []
    }

    def 'sandbox status names the TCP URI, where libvirtd listens on the LAN address only'() {
        when:
        def r = Cli.run(['sandbox', 'status', 'e2e-remote'])

        then:
        r.code == 0
        r.out.readLines().contains('  tcp uri        qemu+tcp://172.16.0.2/system (no authentication: reachable only on the sandbox\'s LAN)')
        host.inSandbox('ss', '-Hltn', 'sport = :16509')*.split(/\s+/)*.getAt(3) == ['172.16.0.2:16509']
    }

    def 'over tcp, run, plan and down work as over ssh'() {
        given:
        String tcpUri = host.sandbox.tcpUri()

        when:
        def run = kvmshOnLan('-c', tcpUri, 'run', file)

        then:
        tcpUri == 'qemu+tcp://172.16.0.2/system'
        run.code == 0
        run.out.contains('+ start vm web')
        host.inSandbox('virsh', 'list', '--name') == ['web']

        when:
        def plan = kvmshOnLan('-c', tcpUri, 'plan', file)
        def down = kvmshOnLan('-c', tcpUri, 'down', '--yes', file)

        then:
        plan.code == 0
        plan.out.readLines().last() == 'No changes.'
        down.code == 0
        down.out.contains('- undefine vm web')
        domains() == []
        host.inSandbox('virsh', 'net-list', '--all', '--name') == []
    }
}
