package kvmsh.ssh

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.host.CommandResult
import kvmsh.host.CommandRunner
import kvmsh.hostnet.RunDirectory
import kvmsh.model.OpDef
import kvmsh.model.Origin
import kvmsh.progress.Waits
import org.libvirt.Connect
import spock.lang.Specification
import spock.lang.TempDir

/**
 * What a {@code waitForSsh} or {@code ssh} statement runs, against a running domain of libvirt's test
 * driver whose lease is in a host-driver lease file: the login wait, then the command without
 * prompts, its output, and a failure that keeps what the run made. ssh itself is the test's stand-in
 * here (a real one needs a guest with an sshd: the end-to-end specs).
 */
class SshStatementRunSpec extends Specification {

    static final String MAC = '52:54:00:5e:00:21'

    @TempDir
    Path dir
    Connect conn
    String uuid
    List<List<String>> ran = []

    def setup() {
        conn = new Connect('test:///default')
        Files.createDirectories(dir.resolve('lan'))
        Files.writeString(dir.resolve('lan/network.properties'), 'mode=NAT\nbridge=kvbr21\nactive=true\n')
        Files.writeString(dir.resolve('lan/dnsmasq.leases'), "1900000000 $MAC 10.0.0.21 stmt *\n")
        def d = conn.domainDefineXML("""<domain type='test'><name>stmt</name><memory>65536</memory><os><type>hvm</type></os>
            <metadata><kvmsh:owner xmlns:kvmsh='https://kvmsh.dev/xmlns/kvmsh/1' script='/s.kvm' digest='d' login='admin'/></metadata>
            <devices><interface type='bridge'><mac address='$MAC'/><source bridge='kvbr21'/></interface></devices></domain>""")
        d.create()
        uuid = d.UUIDString
    }

    def cleanup() {
        def d = conn.domainLookupByName('stmt')
        d.destroy()
        d.undefine()
        conn.close()
    }

    /** Statements whose ssh answers {@code true} with 0 and the command with {@code exit}, {@code out}, {@code err}. */
    SshStatements statements(int exit, String out, String err) {
        def runner = new CommandRunner() {
            CommandResult run(List<String> c) {
                ran << c
                c.last() == 'true' ? new CommandResult(c, 0, '', '') : new CommandResult(c, exit, out, err)
            }
            CommandResult run(List<String> c, String s) { throw new AssertionError() }
        }
        new SshStatements(new GuestLookup(conn, null, new RunDirectory(dir)), runner, ['-J', 'root@kvm2'], Waits.NONE)
    }

    OpDef op(OpDef.Verb verb, Map options) {
        new OpDef(verb, 'stmt', [timeout: '60'] + options, new Origin('/s.kvm', 3, 1))
    }

    def 'ssh logs in as the recorded user once the guest answers, then runs the line without prompts and shows its output'() {
        when:
        def shown = statements(0, 'active\n', '').run(op(OpDef.Verb.SSH, [command: 'systemctl is-active nginx']))

        then:
        shown == 'active'
        ran == [['ssh', '-J', 'root@kvm2', '-o', "HostKeyAlias=kvmsh-$uuid".toString(), '-o', 'StrictHostKeyChecking=accept-new',
                 '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-l', 'admin', '--', '10.0.0.21', 'true'],
                ['ssh', '-J', 'root@kvm2', '-o', "HostKeyAlias=kvmsh-$uuid".toString(), '-o', 'StrictHostKeyChecking=accept-new',
                 '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=30', '-l', 'admin', '--', '10.0.0.21', 'systemctl is-active nginx']]
    }

    def 'user: logs in as another user; waitForSsh shows nothing of its own'() {
        when:
        def shown = statements(0, '', '').run(op(OpDef.Verb.WAIT_FOR_SSH, [user: 'ops']))

        then:
        shown == ''
        ran.size() == 1
        ran[0].containsAll(['-l', 'ops'])
    }

    def 'a command that fails is a failure that keeps what the run made, with its exit code and last line'() {
        when:
        statements(3, '', 'Failed to connect to bus\ninactive\n').run(op(OpDef.Verb.SSH, [command: 'systemctl is-active nginx']))

        then:
        GuestCommandFailed e = thrown()
        e.message == 'exited 3: inactive'
        e.keepsWhatRan()
    }

    def 'ssh failing on its own (255) says so'() {
        when:
        statements(255, '', 'Connection closed by 10.0.0.21 port 22\n').run(op(OpDef.Verb.SSH, [command: 'uptime']))

        then:
        GuestCommandFailed e = thrown()
        e.message == "exited 255 (ssh's own error): Connection closed by 10.0.0.21 port 22"
    }
}
