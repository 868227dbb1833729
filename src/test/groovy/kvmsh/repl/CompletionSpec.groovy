package kvmsh.repl

import spock.lang.AutoCleanup
import spock.lang.Specification

class CompletionSpec extends Specification {

    @AutoCleanup
    ReplFixture repl = new ReplFixture()

    def 'offers the top-level statements and commands at the start of an entry'() {
        when:
        def offered = repl.complete('')

        then:
        offered.containsAll(['network', 'vm', 'start', 'leases', ':plan', ':top'])
        !offered.contains('memory')
        !offered.contains('nat')
    }

    def 'offers only VM settings inside a vm block'() {
        expect:
        repl.complete("vm 'x' {\n    me") == ['memory']
        repl.complete("vm 'x' { ").containsAll(['memory', 'cpus', 'disk', 'nic', 'state'])
        !repl.complete("vm 'x' { ").any { it in ['nat', 'dhcp', 'network', 'start'] }
    }

    def 'offers only network settings inside a network block'() {
        expect:
        repl.complete("network 'n' { nat '10.0.0.0/24'; d") == ['delay', 'device', 'dhcp', 'dhcp6', 'domain', 'driver']
        !repl.complete("network 'n' {\n").any { it in ['memory', 'vm'] }
    }

    def 'stays in the block inside its loops and closures, and leaves it after the closing brace'() {
        expect:
        repl.complete("vm 'x' { if (true) { cp") == ['cpus']
        repl.complete("vm 'x' { memory 1 }\nne") == ['network']
        repl.complete("def m = [a: { 1 }]\nvm 'y' { ['a'].each { gr") == ['graphics']
    }

    def 'offers the named options of a keyword'() {
        expect:
        repl.complete("vm 'x' { nic ").containsAll(['network:', 'bridge:', 'tap:', 'mac:', 'model:'])
        repl.complete("vm 'x' { disk size: '1G', po") == ['pool:']
    }

    def 'offers live names where a name is expected'() {
        expect:
        repl.complete("info 'te") == ["test'"]
        repl.complete("leases 'de") == ["default'"]
        repl.complete("vm 'x' { nic network: 'def") == ["default'"]
        repl.complete("vm 'x' { disk size: '1G', pool: 'default-p") == ["default-pool'"]
    }

    def 'offers names the session has declared but not applied'() {
        when:
        repl.type("network 'declared-net' { isolated '10.74.0.0/24' }")

        then:
        repl.complete("vm 'x' { nic network: 'declared") == ["declared-net'"]
    }

    def 'offers file paths for disks and for :load'() {
        expect:
        repl.complete("vm 'x' { disk 'src/test/resources/dsl/ri") == ["src/test/resources/dsl/rich.kvm'"]
        repl.complete(':load src/test/resources/dsl/ca') == ['src/test/resources/dsl/card.kvm']
        repl.complete(':load src/test/res') == ['src/test/resources/']
    }

    def 'completes commands and their arguments'() {
        expect:
        repl.complete(':pl') == [':plan']
        repl.complete(':xml ') == ['vm', 'network']
        repl.complete(':xml vm te') == ['test']
        repl.complete(':xml network def') == ['default']
        repl.complete(':help mem') == ['memory']
    }

    def 'offers the session variables'() {
        when:
        repl.type('def labSize = 3')

        then:
        repl.complete('lab') == ['labSize']
    }

    def 'completes the values a keyword declares: fixed words'() {
        expect:
        repl.complete("vm 'x' { accel '") == ["kvm'", "tcg'"]
        repl.complete("vm 'x' { state '") == ["running'", "stopped'", "any'"]
        repl.complete("vm 'x' { graphics '") == ["vnc'", "spice'"]
        repl.complete("vm 'x' { boot '") == ["cdrom'", "hd'", "network'"]
        repl.complete("vm 'x' { boot 'network', 'h") == ["hd'"]
        repl.complete("network 'n' { driver '") == ["host'", "libvirt'"]
        repl.complete("vm 'x' { nic tap: 'vnet9', model: 'e1") == ["e1000'", "e1000e'"]
        repl.complete("vm 'x' { disk size: '1G', bus: 's") == ["sata'", "scsi'"]
        repl.complete('watch \'test\', until: "sto') == ['stopped"']
    }

    def 'completes osinfo ids after os'() {
        when:
        def offered = repl.complete("vm 'x' { os 'deb")

        then:
        offered.contains("debian11'")
        offered.every { it.startsWith('deb') }
    }

    def 'offers a tap name no VM and no link uses after nic tap:'() {
        when:
        repl.type("vm 'tp' { memory 64; nic tap: 'vnet0' }")

        then:
        def offered = repl.complete("vm 'x' { nic tap: '")
        offered.size() == 1
        offered[0] ==~ /vnet\d+'/
        offered[0] != "vnet0'"
        !kvmsh.host.SimulatedLinks.of(ReplFixture.URI).list().containsKey(offered[0] - "'")
    }

    def 'inside customize it offers set, remove and append, not VM settings'() {
        expect:
        repl.complete("vm 'x' { customize { ") == ['append', 'remove', 'set']
        repl.complete("vm 'x' { customize { remove '/domain/features'; ") == ['append', 'remove', 'set']
        repl.complete("vm 'x' { customize { set '/a', 'b' }; me") == ['memory']
        repl.complete("vm 'x' { cloudInit { host") == ['hostname']
        repl.complete("pool 'p' { d") == ['dir']
    }

    def 'offers the options a statement has not given yet, from every overload'() {
        expect:
        !repl.complete("vm 'x' { nic network: 'default', ").contains('network:')
        repl.complete("vm 'x' { nic network: 'default', ").containsAll(['mac:', 'model:'])
        repl.complete("vm 'x' { disk ").containsAll(['backing:', 'backingFormat:', 'size:', 'format:', 'protect:'])
    }

    def 'start offers the VMs that are not running, shutdown and destroy the running ones'() {
        when:
        repl.type("vm 'cold' { memory 64; state 'stopped' }", ':apply')

        then: 'test:///default lives as long as the process: VMs of other specs may be there too'
        repl.complete("start '").contains("cold'")
        !repl.complete("start '").contains("test'")
        repl.complete("shutdown '").contains("test'")
        !repl.complete("shutdown '").contains("cold'")
        !repl.complete("destroy '").contains("cold'")
        repl.complete("info '").containsAll(["cold'", "test'"])
    }

    def 'hook and hypervisor are not offered: the REPL cannot serve them'() {
        expect:
        !repl.complete('h').any { it in ['hook', 'hypervisor'] }
        repl.complete('h') == []
        !repl.complete('').any { it in ['migrate', 'evacuate', 'ssh', 'waitForSsh'] }
    }

    def 'offers the methods of a session variable after its dot, Groovy\'s own too'() {
        when:
        repl.type("def names = ['web', 'db']", 'def size = 64')

        then:
        repl.complete('names.firs') == ['names.first']
        repl.complete('names.eachWithI') == ['names.eachWithIndex']
        repl.complete("vm 'x' { memory size.intV") == ['size.intValue']
        repl.complete('nothere.fi') == []
    }

    def 'offers the session variables after the first word too'() {
        when:
        repl.type("def labNet = 'default'", 'def small = 64')

        then:
        repl.complete("vm 'x' { memory sm") == ['small']
        repl.complete("vm 'x' { nic network: lab") == ['labNet']
        repl.complete('start lab') == ['labNet']
    }
}
