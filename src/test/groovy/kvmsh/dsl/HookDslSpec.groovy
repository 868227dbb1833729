package kvmsh.dsl


import kvmsh.dsl.save.ScriptWriter
import kvmsh.model.NetworkMode
import spock.lang.Specification

import static kvmsh.dsl.DslFixture.problems

class HookDslSpec extends Specification {

    static LoadedScript loaded(String source, List<String> args = ['vnet1']) {
        new ScriptLoader(new FakeEnv(files: ['/'])).loadScript(source, 't.kvm', args)
    }

    def 'a one-file hook serves both calls and tolerates the shebang line'() {
        when:
        def s = loaded("""#!/usr/bin/env kvmsh
network 'isolationbr' { nat '10.0.0.0/8'; gateway '10.0.0.254'; dhcp '10.0.0.1'..'10.0.0.100' }
hook 'isolationbr'
""")

        then:
        s.hooks().size() == 1
        with(s.hooks()[0]) {
            network() == 'isolationbr'
            on() == HookDef.Direction.BOTH
            !keep()
            origin().line() == 3
        }
        s.model().network('isolationbr').get().gateway() == '10.0.0.254'
    }

    def 'the two-file form: an up hook with its network, a down hook with only the name'() {
        expect:
        loaded("network 'n' { isolated() }\nhook 'n', on: 'up', keep: true").hooks()[0].with { on() == HookDef.Direction.UP && keep() }
        loaded("hook 'n', on: 'down'").hooks()[0].on() == HookDef.Direction.DOWN
    }

    def 'an ordinary script has no hooks'() {
        expect:
        loaded("network 'n' { nat '10.0.0.0/24' }").hooks().isEmpty()
    }

    def 'rejects #why'() {
        expect:
        problems(source).any { it.contains(message) }

        where:
        why                                  | source                                                         || message
        'an up hook without its network'     | "hook 'lan'"                                                   || "which this script does not declare"
        'a bad direction'                    | "network 'n' { isolated() }\nhook 'n', on: 'sideways'"         || "must be 'up' or 'down'"
        'an unknown option'                  | "network 'n' { isolated() }\nhook 'n', kep: true"              || "did you mean 'keep'?"
        'keep that is not a boolean'         | "network 'n' { isolated() }\nhook 'n', keep: 'yes'"            || 'must be true or false'
        'two hooks for the same call'        | "network 'n' { isolated() }\nhook 'n'\nhook 'n', on: 'down'"   || 'a second hook for the same call'
        'an unknown driver'                  | "network 'n' { driver 'hots'; isolated() }"                    || "t.kvm:1:15: unknown driver 'hots' — driver 'host'"
        "a hook on a driver 'libvirt' net"   | "network 'n' { driver 'libvirt'; isolated() }\nhook 'n'"       || "t.kvm:2:1: hook runs network 'n' with kvmsh's host driver"
        "driver 'host' next to a VM"         | "network 'n' { driver 'host'; isolated() }\nvm 'v' { memory 64 }" || "t.kvm:1:15: network 'n' uses driver 'host', but this script also has VMs"
        "driver 'host' next to a start"      | "network 'n' { driver 'host'; isolated() }\nstart 'v'"         || "but this script also has statements for libvirt"
    }

    def "an unknown driver is reported together with the network's other problems"() {
        expect:
        problems("network 'n' { nat '10.0.0.0/33'; driver 'hots' }\nvm 'a' { memroy 128 }") == [
                "t.kvm:1:15: bad subnet '10.0.0.0/33' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'",
                "t.kvm:1:34: unknown driver 'hots' — driver 'host' (kvmsh's host network driver) or driver 'libvirt'",
                "t.kvm:2:10: unknown vm setting 'memroy' — did you mean 'memory'?"]
    }

    def 'the driver setting: host, libvirt, or left to kvmsh; written back by :save'() {
        expect:
        loaded("network 'n' { driver 'host'; isolated() }").model().networks()[0].driver() == kvmsh.model.NetworkDef.Driver.HOST
        loaded("network 'n' { driver 'libvirt'; isolated() }").model().networks()[0].driver() == kvmsh.model.NetworkDef.Driver.LIBVIRT
        loaded("network 'n' { isolated() }").model().networks()[0].driver() == kvmsh.model.NetworkDef.Driver.AUTO

        and:
        def hooked = loaded("network 'n' { driver 'host'; nat '10.1.0.0/24' }\nhook 'n'")
        ScriptWriter.write(hooked.model()).contains("driver 'host'")
    }

    def 'isolated() is a bridge without a host address, and takes no gateway or DHCP'() {
        when:
        def n = loaded("network 'hostonly' { isolated() }").model().network('hostonly').get()

        then:
        n.mode() == NetworkMode.ISOLATED
        n.cidr() == null && n.gateway() == null && n.dhcp() == null
        n.bridge() == 'hostonly'

        expect:
        problems("network 'h' { isolated(); dhcp '10.0.0.1'..'10.0.0.9' }").any { it.contains('dhcp is not allowed') }
    }
}
