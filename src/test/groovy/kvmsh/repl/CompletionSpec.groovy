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
        repl.complete("start 'te") == ["test'"]
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
}
