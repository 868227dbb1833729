package kvmsh.sandbox

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.host.ProcessRunner
import spock.lang.Specification
import spock.lang.TempDir

class SandboxSpec extends Specification {

    @TempDir
    Path dir

    def 'names its namespaces, state and URI after the sandbox'() {
        when:
        def s = new Sandbox('lab', new ProcessRunner(), Path.of('/tmp/kvmsh-state'), Path.of('/tmp/kvmsh-guest'))

        then:
        s.name() == 'lab'
        s.hostNetns() == 'kvmsh-lab'
        s.lanNetns() == 'kvmsh-lab-lan'
        s.stateDir() == Path.of('/tmp/kvmsh-state/lab')
        s.uri() == 'qemu+unix:///system?socket=/tmp/kvmsh-state/lab/run/libvirt/libvirt-sock'
    }

    def 'a sandbox on a shared LAN uses that LAN\'s namespace, named apart from every sandbox\'s own'() {
        when:
        def s = new Sandbox('lab', new ProcessRunner(), Path.of('/nonexistent/kvmsh'), Path.of('/tmp/kvmsh-guest')).onLan('site')

        then:
        s.lan() == 'site'
        s.lanNetns() == 'kvmshlan-site'
        s.hostNetns() == 'kvmsh-lab'
    }

    def 'with --tcp the private libvirtd.conf opens plain TCP on the LAN address only, keeping the host UUID'() {
        when:
        SandboxConfig.write(dir, '172.16.0.3', false)
        String uuid = SandboxConfig.hostUuid(dir.resolve('libvirtd.conf'))
        String plain = Files.readString(dir.resolve('libvirtd.conf'))
        SandboxConfig.write(dir, '172.16.0.3', true)

        then:
        plain == "# kvmsh sandbox: a host UUID of its own (see kvmsh.sandbox.SandboxConfig)\nhost_uuid = \"$uuid\"\n"
        Files.readString(dir.resolve('libvirtd.conf')) == plain + """\
            # kvmsh sandbox up --tcp: qemu+tcp://172.16.0.3/system, on the sandbox's LAN only, no auth
            listen_tls = 0
            listen_tcp = 1
            listen_addr = "172.16.0.3"
            auth_tcp = "none"
            """.stripIndent()
    }

    def 'a sandbox asked for TCP says so, and has no TCP URI while it is not up'() {
        when:
        def s = new Sandbox('lab', new ProcessRunner(), Path.of('/nonexistent/kvmsh'), Path.of('/tmp/kvmsh-guest')).onLan('site').withTcp()

        then:
        s.tcp()
        s.lan() == 'site'
        s.tcpUri() == null
        !new Sandbox('lab', new ProcessRunner(), Path.of('/nonexistent/kvmsh'), Path.of('/tmp/kvmsh-guest')).tcp()
    }

    def 'up --tcp on a sandbox that is up without it is refused before anything changes'() {
        given: 'the state directory of a sandbox brought up without --tcp'
        Files.createDirectories(dir.resolve('lab'))

        when:
        new Sandbox('lab', new ProcessRunner(), dir, dir.resolve('guest')).withTcp().up()

        then:
        def e = thrown(SandboxException)
        e.message == 'sandbox lab is already up without --tcp — take it down first (kvmsh sandbox down lab) to bring it up with --tcp'
        dir.resolve('lab').toFile().list() == [] as String[]
    }

    def 'rejects the LAN name #lan'() {
        when:
        new Sandbox('lab').onLan(lan)

        then:
        thrown(IllegalArgumentException)

        where:
        lan << ['', 'Site', '-x', 'a/b', 'x' * 33]
    }

    def 'rejects the name #name'() {
        when:
        new Sandbox(name)

        then:
        thrown(IllegalArgumentException)

        where:
        name << ['', 'Lab', '-x', 'x-', 'a/b', 'x-lan', 'a b', 'x' * 33, null]
    }

    def 'exec refuses to run in a sandbox that is not up'() {
        given:
        def s = new Sandbox('never-up', new ProcessRunner(), Path.of('/nonexistent/kvmsh'), Path.of('/nonexistent'))

        when:
        s.exec(['true'])

        then:
        def e = thrown(SandboxException)
        e.message.contains('not up')
    }

    def 'status of a sandbox that was never created says it is gone'() {
        given:
        def s = new Sandbox('never-made', new ProcessRunner(), Path.of('/nonexistent/kvmsh'), Path.of('/nonexistent'))

        expect:
        s.status().gone()
        !s.status().up()
        s.status().lines()[0] == 'sandbox never-made: down'
    }

    def 'the guest command line carries pings, wait and stay'() {
        expect:
        GuestImage.cmdline(['10.0.0.254', '172.16.0.1'], 30, true) ==
                'console=ttyS0 panic=-1 loglevel=4 kvmsh.ping=10.0.0.254,172.16.0.1 kvmsh.wait=30 kvmsh.stay=1'
        GuestImage.cmdline([], 0, false) == 'console=ttyS0 panic=-1 loglevel=4'
    }
}
