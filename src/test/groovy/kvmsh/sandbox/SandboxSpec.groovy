package kvmsh.sandbox

import java.nio.file.Path

import kvmsh.host.ProcessRunner
import spock.lang.Specification

class SandboxSpec extends Specification {

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
