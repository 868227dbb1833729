package kvmsh.dsl

import spock.lang.Specification
import spock.lang.Unroll

import static kvmsh.dsl.DslFixture.problems

/**
 * Names that kvmsh's host network driver would hand to ip, nft and dnsmasq are checked when the
 * script is loaded: a located error (exit 3 at plan), never an internal error when it runs.
 */
class HostNamesSpec extends Specification {

    @Unroll
    def 'rejects #what at its location'() {
        expect:
        problems(script) == [expected]

        where:
        what                                       | script                                                                || expected
        'a shell-looking host-driver network name' | "network 'a;\$(id)' { driver 'host'; isolated() }"                    || "t.kvm:1:1: network name 'a;\$(id)' cannot be used by kvmsh's host network driver — use letters, digits, '_', '.', '-' (at most 64, starting with a letter or digit)"
        'a bridge named like an option'            | "network 'lan' { device '-n'; isolated() }"                           || "t.kvm:1:17: bridge name '-n' does not start with a letter or digit — start it with a letter or digit"
        'a host bridge named like an option'       | "network 'lan' { bridge '-n' }"                                       || "t.kvm:1:17: bridge name '-n' does not start with a letter or digit — start it with a letter or digit"
        'a host-driver bridge with a quote'        | "network 'lan' { driver 'host'; device 'a\"b'; isolated() }"          || "t.kvm:1:1: bridge name 'a\"b' cannot be used by kvmsh's host network driver — use at most 15 letters, digits, '_', '.', '-', starting with a letter or digit"
        'a hook for a network named like a path'   | "hook '../x', on: 'down'"                                             || "t.kvm:1:1: network name '../x' contains '/' — use letters, digits, '-', '_' or '.', e.g. hook 'isolationbr'"
        'a tap named like an option'               | "vm 'a' { memory 64; nic tap: '-x' }"                                 || "t.kvm:1:21: tap name '-x' does not start with a letter or digit — start it with a letter or digit"
    }

    def 'the names the seed uses pass'() {
        expect:
        DslFixture.load("network 'iso.x' { driver 'host'; isolated() }\nnetwork 'isolationbr' { nat '10.0.0.0/8' }\nhook 'isolationbr'")
                .networks()*.name() == ['iso.x', 'isolationbr']
    }
}
