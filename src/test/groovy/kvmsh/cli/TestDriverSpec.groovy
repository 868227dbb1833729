package kvmsh.cli

import kvmsh.testing.Cli
import java.nio.file.Files
import java.nio.file.Path

import org.libvirt.Connect

import kvmsh.libvirt.LibvirtHypervisor
import kvmsh.host.SimulatedLinks
import spock.lang.Specification
import spock.lang.TempDir

/** The whole command line against libvirt's built-in test driver (see {@link TestDriverFixture}). */
class TestDriverSpec extends TestDriverFixture {

    def 'the card example runs verbatim, and running it again changes nothing'() {
        given:
        def card = Path.of(projectDir, 'dsl-examples/card.kvm').toString()

        when:
        def first = kvmsh('run', card)

        then:
        first.code == 0
        first.out.contains('+ define network isolationbr')
        first.out.contains('+ create tap vnet1')
        first.out.contains('+ define vm cirros1')
        'isolationbr' in networks()
        'cirros1' in domains()
        keepAlive.networkLookupByName('isolationbr').isActive() == 1

        when:
        def second = kvmsh('run', card)

        then:
        second.code == 0
        second.out.contains('No changes')
    }

    def "a driver 'host' network is refused by libvirt's plan, located, and nothing changes"() {
        given:
        def f = script('host.kvm', "network 'h' {\n    driver 'host'\n    nat '10.5.0.0/24'\n}\n")
        def before = networks()

        when:
        def r = kvmsh('run', f.toString())

        then:
        r.code == 3
        r.err.contains("host.kvm:1:1: network 'h' uses driver 'host', which runs on this machine without libvirt, not on test:///default")
        networks() == before
    }

    def 'plan prints the steps and changes nothing'() {
        given:
        def f = script('p.kvm', "network 'plannet' { isolated '192.168.77.0/24' }\nvm 'planvm' { nic network: 'plannet' }\n")
        def netsBefore = networks()
        def domsBefore = domains()

        when:
        def r = kvmsh('plan', f.toString())

        then:
        r.code == 0
        r.out.contains('+ define network plannet (isolated 192.168.77.0/24')
        r.out.contains('+ define vm planvm')
        networks() == netsBefore
        domains() == domsBefore
    }

    def 'a changed DHCP range and a new static host update the running network in place'() {
        given:
        def f = script('dhcp.kvm', "network 'dnet' { nat '10.9.0.0/24'; dhcp '10.9.0.10'..'10.9.0.20' }\n")
        assert kvmsh('run', f.toString()).code == 0
        def uuid = keepAlive.networkLookupByName('dnet').UUIDString

        when:
        script('dhcp.kvm', """network 'dnet' {
            nat '10.9.0.0/24'
            dhcp '10.9.0.10'..'10.9.0.50'
            host 'h1', mac: '52:54:00:aa:bb:01', ip: '10.9.0.5'
        }\n""")
        def r = kvmsh('run', f.toString())
        def live = keepAlive.networkLookupByName('dnet').getXMLDesc(0)

        then:
        r.code == 0
        r.out.contains('~ update network dnet DHCP in place')
        !r.out.contains('restart')
        keepAlive.networkLookupByName('dnet').UUIDString == uuid
        keepAlive.networkLookupByName('dnet').isActive() == 1
        live.contains("end='10.9.0.50'")
        live.contains("mac='52:54:00:aa:bb:01'")

        and: 'the next run finds nothing to do'
        kvmsh('run', f.toString()).out.contains('No changes')
    }

    def 'down removes exactly what the script declares and leaves the host as before'() {
        given:
        def netsBefore = networks()
        def domsBefore = domains()
        def f = script('d.kvm', "network 'downnet' { nat '10.8.0.0/24' }\nvm 'downvm' { nic network: 'downnet'; state 'running' }\n")
        assert kvmsh('run', f.toString()).code == 0
        assert 'downvm' in domains()

        when:
        def r = kvmsh('down', '--yes', f.toString())

        then:
        r.code == 0
        networks() == netsBefore
        domains() == domsBefore
        'default' in networks()
        'test' in domains()
    }

    def 'a script with errors is refused with located messages and nothing changes'() {
        given:
        def netsBefore = networks()
        def f = script('bad.kvm', """network 'n1' { nat '10.0.0.0/33' }
vm 'v1' { memroy 128 }
""")

        when:
        def r = kvmsh('run', f.toString())

        then:
        r.code == 3
        r.err.contains("bad.kvm:1:")
        r.err.contains("bad.kvm:2:")
        r.err.contains("did you mean 'memory'")
        r.err.contains('nothing was changed')
        !r.err.contains('Exception')
        networks() == netsBefore
    }

    def 'a vm that kvmsh does not manage is never taken over'() {
        given:
        def f = script('t.kvm', "vm 'test' { memory 128 }\n")

        when:
        def r = kvmsh('run', f.toString())

        then:
        r.code == 3
        r.err.contains("t.kvm:1:1: vm 'test' already exists on test:///default and kvmsh does not manage it")
    }

    def 'statements run in order after the declarations and show their output'() {
        given:
        def f = script('ops.kvm', """network 'opsnet' { isolated '192.168.55.0/24' }
vm 'opsvm' { memory 256; cpus 2; nic network: 'opsnet', mac: '52:54:00:55:00:01' }
list()
info 'opsvm'
destroy 'opsvm'
""")

        when:
        def r = kvmsh('run', f.toString())
        def lines = r.out.readLines()

        then:
        r.code == 0
        def started = lines.findIndexOf { it ==~ /  \+ start vm opsvm {3}\(\d+ ms\)/ }
        started >= 0
        started < lines.findIndexOf { it.startsWith('  > list') }
        lines.any { it =~ /^\s+opsvm\s+running\s+no\s+kvmsh .*ops\.kvm$/ }
        lines.any { it =~ /^\s+opsnet\s+active\s+yes\s+opsnet\s+kvmsh/ }
        lines.any { it =~ /^\s+Memory:\s+256 MiB$/ }
        lines.any { it =~ /^\s+0\s+network\s+opsnet\s+\S+\s+52:54:00:55:00:01$/ }
        keepAlive.domainLookupByName('opsvm').isActive() == 0
    }

    def 'an unreachable daemon is one clear line pointing to the test driver'() {
        when:
        def r = Cli.run(['-c', 'qemu+unix:///system?socket=/nonexistent/sock', 'plan',
                         Path.of(projectDir, 'dsl-examples/card.kvm').toString()])

        then:
        r.code == 4
        r.err.contains('test:///default')
        r.err.readLines().size() == 1
    }
}
