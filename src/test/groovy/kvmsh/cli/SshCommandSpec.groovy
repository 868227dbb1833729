package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.host.CommandResult
import kvmsh.host.CommandRunner

/**
 * {@code kvmsh ssh} against libvirt's test driver, with the host driver's lease files in a run
 * directory of the test's own ({@code KVMSH_RUN_DIR}): the VM found, its address from a lease, its
 * user from kvmsh's metadata, the exact ssh argv, and each reason it cannot go, with its exit code.
 * The real login is {@code SshE2ESpec}'s (a real guest's lease in the sandbox).
 */
class SshCommandSpec extends TestDriverFixture {

    static final String MAC = '52:54:00:5e:00:01'

    Path runDir

    def setup() {
        runDir = dir.resolve('run')
        hostDriverNetwork('lan', 'kvbr9')
    }

    /** A network of the host driver on {@code bridge}, as its record says: what GuestLookup reads. */
    void hostDriverNetwork(String name, String bridge) {
        Files.createDirectories(runDir.resolve(name))
        Files.writeString(runDir.resolve(name).resolve('network.properties'), "mode=NAT\nbridge=$bridge\nactive=true\n")
    }

    void leases(String network, String text) {
        Files.writeString(runDir.resolve(network).resolve('dnsmasq.leases'), text)
    }

    /** A running domain of nobody's with one NIC on {@code bridge}. */
    String domain(String name, String bridge, boolean start = true) {
        def d = keepAlive.domainDefineXML("""<domain type='test'><name>$name</name><memory>65536</memory>
            <os><type>hvm</type></os><devices><interface type='bridge'><mac address='$MAC'/>
            <source bridge='$bridge'/></interface></devices></domain>""")
        if (start) {
            d.create()
        }
        d.UUIDString
    }

    /** kvmsh in this process with the test's run directory; {@code ssh} (when given) runs instead of ssh. */
    Map ssh(List<String> args, CommandRunner runner = null) {
        def out = new StringWriter()
        def err = new StringWriter()
        def cl = Main.commandLine()
        cl.out = new PrintWriter(out)
        cl.err = new PrintWriter(err)
        SshCommand cmd = cl.subcommands.ssh.command
        cmd.env = [KVMSH_RUN_DIR: runDir.toString()]
        cmd.runner = runner
        int code = cl.execute((['-c', URI, 'ssh'] + args) as String[])
        [code: code, out: out.toString(), err: err.toString()]
    }

    def cleanup() {
        ['web', 'six', 'off', 'sshweb'].each { n ->
            try {
                def d = keepAlive.domainLookupByName(n)
                if (d.isActive() == 1) {
                    d.destroy()
                }
                d.undefine()
            } catch (org.libvirt.LibvirtException ignored) {
            }
        }
    }

    def 'the address comes from the host driver lease of the VM MAC, and the host key is filed under its UUID'() {
        given:
        String uuid = domain('web', 'kvbr9')
        leases('lan', "1900000000 52:54:00:5e:00:99 10.0.0.7 other 01:52:54:00:5e:00:99\n"
                + "1900000000 $MAC 10.0.0.59 web 01:$MAC\n")

        when:
        def r = ssh(['--print', '-l', 'admin', 'web'])

        then:
        r.code == 0
        r.out.trim() == "ssh -o HostKeyAlias=kvmsh-$uuid -o StrictHostKeyChecking=accept-new -l admin -- 10.0.0.59"
    }

    def 'of two leases of the VM MAC (an older boot and the current one) the newest is taken, wherever it is listed'() {
        given:
        domain('web', 'kvbr9')

        when:
        leases('lan', "1900000500 $MAC 10.0.0.70 web *\n1900000000 $MAC 10.0.0.59 web *\n")
        def first = ssh(['--print', '-l', 'admin', 'web'])
        leases('lan', "1900000000 $MAC 10.0.0.59 web *\n1900000500 $MAC 10.0.0.70 web *\n")
        def second = ssh(['--print', '-l', 'admin', 'web'])

        then:
        first.out.trim().endsWith('-- 10.0.0.70')
        second.out.trim().endsWith('-- 10.0.0.70')
    }

    def 'the remote command and -i go to ssh word for word, after -- so that its options stay the command'() {
        given:
        String uuid = domain('web', 'kvbr9')
        leases('lan', "1900000000 $MAC 10.0.0.59 web *\n")
        List<String> ran = null
        def runner = new CommandRunner() {
            CommandResult run(List<String> c) { throw new AssertionError('not captured') }
            CommandResult run(List<String> c, String s) { throw new AssertionError('not captured') }
            int runAttached(List<String> c) { ran = c; 42 }
        }

        when: "ssh exits 42 (the remote command's status)"
        def r = ssh(['-l', 'admin', '-i', '/k/id_ed25519', 'web', 'ls', '-l', '/var/log dir', '|', 'wc'], runner)

        then: 'kvmsh ends with it'
        r.code == 42
        ran == ['ssh', '-i', '/k/id_ed25519', '-o', "HostKeyAlias=kvmsh-$uuid".toString(), '-o',
                'StrictHostKeyChecking=accept-new', '-l', 'admin', '--', '10.0.0.59', 'ls', '-l', '/var/log dir', '|', 'wc']
    }

    def 'IPv4 is preferred; a VM with only a DHCPv6 lease is reached at it (the MAC from its DUID)'() {
        given:
        domain('six', 'kvbr9')
        leases('lan', "duid 00:01:00:01:2c:00:00:01:52:54:00:00:00:fe\n"
                + "1900000000 1234 fd00:10::1c2 six 00:01:00:01:2e:aa:bb:cc:$MAC\n")

        when:
        def r = ssh(['--print', '-l', 'admin', 'six'])

        then:
        r.code == 0
        r.out.trim().endsWith('-l admin -- fd00:10::1c2')

        when: 'an IPv4 lease comes too, listed after it'
        leases('lan', "1900000000 $MAC 10.0.0.60 six *\nduid 00:01:00:01:2c:00:00:01:52:54:00:00:00:fe\n"
                + "1900000000 1234 fd00:10::1c2 six 00:01:00:01:2e:aa:bb:cc:$MAC\n")
        def both = ssh(['--print', '-l', 'admin', 'six'])

        then:
        both.out.trim().endsWith('-- 10.0.0.60')
    }

    def 'the user is the one kvmsh recorded from the cloudInit block, and the alias names the seed instance-id'() {
        given:
        def f = script('web.kvm', """vm 'sshweb' {
    memory 128
    nic bridge: 'kvbr9', mac: '$MAC'
    cloudInit { user 'admin', sshKey: '${CloudInitTestDriverSpec.KEY1}'; user 'ops' }
}
""")
        assert kvmsh('run', f.toString()).code == 0
        def xml = keepAlive.domainLookupByName('sshweb').getXMLDesc(0)
        String uuid = keepAlive.domainLookupByName('sshweb').UUIDString
        String id = (xml =~ /instance-id="kvmsh-([0-9a-f]{16})"/)[0][1]
        leases('lan', "1900000000 $MAC 10.0.0.61 sshweb *\n")

        expect:
        xml =~ /<kvmsh:owner [^>]*login="admin"/

        when:
        def r = ssh(['--print', 'sshweb'])

        then:
        r.code == 0
        r.out.trim() == "ssh -o HostKeyAlias=kvmsh-$uuid-$id -o StrictHostKeyChecking=accept-new -l admin -- 10.0.0.61"

        when: '-l wins over the recorded user'
        def other = ssh(['--print', '-l', 'ops', 'sshweb'])

        then:
        other.out.contains('-l ops -- 10.0.0.61')

        when: 'the same script again'
        def again = kvmsh('plan', f.toString())

        then:
        again.out.contains('No changes')

        cleanup:
        kvmsh('down', '--yes', f.toString())
    }

    def 'a VM kvmsh recorded no user for needs -l, and the message says so'() {
        given:
        domain('web', 'kvbr9')
        leases('lan', "1900000000 $MAC 10.0.0.59 web *\n")

        when:
        def r = ssh(['--print', 'web'])

        then:
        r.code == ExitCodes.USAGE
        r.err.trim() == 'kvmsh: ssh: vm web has no login user recorded by kvmsh (its block has no cloudInit user,' +
                ' it is not kvmsh\'s, or an older kvmsh defined it) — give one: kvmsh ssh -l USER web'
    }

    def 'no such VM, a VM that is not running, and a VM without a lease are each said, with their exit codes'() {
        given:
        domain('off', 'kvbr9', false)
        domain('web', 'kvbr9')
        leases('lan', "1900000000 52:54:00:5e:00:99 10.0.0.7 other *\n")

        when:
        def none = ssh(['-l', 'admin', 'nosuch'])
        def off = ssh(['-l', 'admin', 'off'])
        def noLease = ssh(['-l', 'admin', 'web'])

        then:
        none.code == ExitCodes.USAGE
        none.err.trim() == "kvmsh: ssh: no VM named 'nosuch' on test:///default — see virsh list --all"
        off.code == SshCommand.NOT_READY
        off.err.trim() == "kvmsh: ssh: vm off is not running — start it first (virsh start off, or state 'running' in its block)"
        noLease.code == SshCommand.NOT_READY
        noLease.err.trim() == "kvmsh: ssh: vm web has no DHCP lease yet (MAC $MAC; looked in the host driver's network on" +
                " bridge kvbr9) — wait for it to boot (kvmsh ssh --wait 2m web), or check that the guest asks for a lease"
    }

    def 'a NIC on a libvirt network of the test driver, which keeps no leases, says why none was found'() {
        given:
        keepAlive.domainDefineXML("""<domain type='test'><name>web</name><memory>65536</memory>
            <os><type>hvm</type></os><devices><interface type='network'><mac address='$MAC'/>
            <source network='default'/></interface></devices></domain>""").create()

        when:
        def r = ssh(['-l', 'admin', 'web'])

        then:
        r.code == SshCommand.NOT_READY
        r.err.contains("vm web has no DHCP lease yet (MAC $MAC; looked in network default, whose leases libvirt cannot give: ")
    }

    def '--wait waits for the lease and a login, through the same ssh without prompts'() {
        given:
        String uuid = domain('web', 'kvbr9')
        leases('lan', "1900000000 $MAC 10.0.0.59 web *\n")
        List<List<String>> probes = []
        def runner = new CommandRunner() {
            CommandResult run(List<String> c) {
                probes << c
                probes.size() < 2 ? new CommandResult(c, 255, '', 'ssh: connect to host 10.0.0.59 port 22: Connection refused\n')
                        : new CommandResult(c, 0, '', '')
            }
            CommandResult run(List<String> c, String s) { throw new AssertionError() }
            int runAttached(List<String> c) { 0 }
        }

        when:
        def r = ssh(['--wait', '5m', '-l', 'admin', 'web'], runner)

        then:
        r.code == 0
        probes.size() == 2
        probes[0] == ['ssh', '-o', "HostKeyAlias=kvmsh-$uuid".toString(), '-o', 'StrictHostKeyChecking=accept-new',
                      '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-l', 'admin', '--', '10.0.0.59', 'true']
        r.err.contains('wait: vm web to answer ssh (up to 300 s)')
        r.err.contains('wait: vm web to answer ssh: reached in ')
        r.err.contains(': admin@10.0.0.59')
    }

    def '--wait fails at once for a VM that is not running, and refuses a time it cannot read'() {
        given:
        domain('off', 'kvbr9', false)

        when:
        def off = ssh(['--wait', '5m', '-l', 'admin', 'off'])
        def bad = ssh(['--wait', '5 minutes', '-l', 'admin', 'off'])

        then:
        off.code == SshCommand.NOT_READY
        off.err.contains('wait: vm off to answer ssh: failed after ')
        off.err.contains('kvmsh: ssh: vm off is not running')
        bad.code == ExitCodes.USAGE
        bad.err.trim() == "kvmsh: ssh: --wait '5 minutes' is not a length of time from 1 s to a day — give seconds or a string like '90s', '5m' or '1h30m'"
    }
}
