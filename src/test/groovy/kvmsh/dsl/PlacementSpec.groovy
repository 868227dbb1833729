package kvmsh.dsl

import spock.lang.Specification

import static DslFixture.load
import static DslFixture.problems

/** hypervisor declarations and the blocks' on settings, into the model's placement, and their misuse. */
class PlacementSpec extends Specification {

    static final String HOSTS = "hypervisor 'a', uri: 'test:///a.xml'\nhypervisor 'b', uri: 'sandbox:b'\n"

    def 'places vms on one host and networks and pools on several'() {
        when:
        def m = load(HOSTS + """\
            network 'lan' { nat '10.0.0.0/24'; on 'a', 'b' }
            pool 'images' { dir '/srv/images'; on 'b' }
            vm 'web' { nic network: 'lan'; on 'a' }
            vm 'db' { on 'b'; disk size: '1G', pool: 'images' }
            """.stripIndent())

        then:
        m.placement().declared()
        m.placement().hypervisors()*.name() == ['a', 'b']
        m.placement().hypervisors()*.uri() == ['test:///a.xml', 'sandbox:b']
        m.placement().hypervisors()[1].origin().toString() == 't.kvm:2:1'
        m.placement().vms() == [web: 'a', db: 'b']
        m.placement().networkHosts('lan') == ['a', 'b']
        m.placement().poolHosts('images') == ['b']
        m.on('a').vms()*.name() == ['web']
        m.on('a').networks()*.name() == ['lan']
        m.on('a').pools().isEmpty()
        m.on('b').vms()*.name() == ['db']
        m.on('b').pools()*.name() == ['images']
        !m.on('b').placement().declared()
    }

    def 'a script without hypervisors has no placement'() {
        expect:
        !load("network 'lan' { nat '10.0.0.0/24' }\nvm 'web' { nic network: 'lan' }").placement().declared()
    }

    def 'reports #what'() {
        expect:
        problems(script) == expected

        where:
        what | script || expected
        'a hypervisor declared twice' | HOSTS + "hypervisor 'a', uri: 'qemu:///system'" ||
                ["t.kvm:3:1: hypervisor 'a' is declared twice (first at t.kvm:1:1) — rename or remove one of them"]
        'two names for one uri' | HOSTS + "hypervisor 'c', uri: 'sandbox:b'" ||
                ["t.kvm:3:1: hypervisor 'c' has the same uri as 'b' (sandbox:b) — one host, one name: remove one of them, or use 'b'"]
        'a hypervisor without uri' | "hypervisor 'a'" ||
                ["t.kvm:1:1: hypervisor 'a' needs uri: — e.g. hypervisor 'a', uri: 'qemu:///system'"]
        'an unknown hypervisor option' | "hypervisor 'a', url: 'qemu:///system'" ||
                ["t.kvm:1:1: unknown hypervisor option 'url' — did you mean 'uri'?"]
        'an undeclared hypervisor' | HOSTS + "vm 'web' { on 'c' }" ||
                ["t.kvm:3:12: hypervisor 'c' is not declared — declare it with hypervisor 'c', uri: '…', or use one of: a, b"]
        'a misspelt hypervisor' | "hypervisor 'alpha', uri: 'qemu:///system'\nvm 'web' { on 'alpah' }" ||
                ["t.kvm:2:12: hypervisor 'alpah' is not declared — did you mean 'alpha'? declare it with hypervisor 'alpah', uri: '…', or use one of: alpha"]
        'on without any hypervisor' | "network 'lan' { nat '10.0.0.0/24'; on 'a' }" ||
                ["t.kvm:1:36: on names hypervisor 'a', and this script declares no hypervisor — declare it first: hypervisor 'a', uri: 'qemu:///system' (or remove on to use -c)"]
        'a vm without on' | HOSTS + "vm 'web' { memory 128 }" ||
                ["t.kvm:3:1: vm web has no hypervisor, and this script declares several (a, b) — say where it goes: add on 'a' to its block"]
        'a network without on' | HOSTS + "network 'lan' { nat '10.0.0.0/24' }" ||
                ["t.kvm:3:1: network lan has no hypervisor, and this script declares several (a, b) — say where it goes: add on 'a', 'b' to its block"]
        'a pool without on' | "hypervisor 'a', uri: 'qemu:///system'\npool 'p' { dir '/srv/p' }" ||
                ["t.kvm:2:1: pool p has no hypervisor, and this script declares one (a) — say where it goes: add on 'a' to its block"]
        'a vm on two hosts' | HOSTS + "vm 'web' { on 'a', 'b' }" ||
                ["t.kvm:3:12: vm web is on 2 hypervisors; a vm runs on exactly one — keep one name: on 'a' (a network or pool may be on several)"]
        'on given twice' | HOSTS + "vm 'web' { on 'a'; on 'b' }" ||
                ["t.kvm:3:20: vm setting 'on' is declared twice (first at t.kvm:3:12) — keep one on line; a later one would silently replace the first"]
        'a host named twice in on' | HOSTS + "network 'lan' { nat '10.0.0.0/24'; on 'a', 'a' }" ||
                ["t.kvm:3:36: network lan names hypervisor 'a' twice in on — name each host once"]
        'a nic on a network not on the vm\'s host' | HOSTS + "network 'lan' { nat '10.0.0.0/24'; on 'a' }\nvm 'web' { on 'b'; nic network: 'lan' }" ||
                ["t.kvm:4:20: vm web is on hypervisor 'b', and its nic's network 'lan' is not (it is on a) — add 'b' to the on of network lan, or put the vm on 'a'"]
        'a disk in a pool not on the vm\'s host' | HOSTS + "pool 'p' { dir '/srv/p'; on 'a' }\nvm 'web' { on 'b'; disk size: '1G', pool: 'p' }" ||
                ["t.kvm:4:20: vm web is on hypervisor 'b', and its disk's pool 'p' is not (it is on a) — add 'b' to the on of pool p, or put the vm on 'a'"]
        'a hook beside hypervisors' | HOSTS + "network 'lan' { nat '10.0.0.0/24'; on 'a' }\nhook 'lan'" ||
                ["t.kvm:4:1: a hook serves qemu on this machine, and this script declares hypervisors — keep the hook in a file of its own, without hypervisor lines"]
        'every misuse at once' | HOSTS + "vm 'web' { on 'c' }\nvm 'db' { memory 128 }" ||
                ["t.kvm:3:12: hypervisor 'c' is not declared — declare it with hypervisor 'c', uri: '…', or use one of: a, b",
                 "t.kvm:4:1: vm db has no hypervisor, and this script declares several (a, b) — say where it goes: add on 'a' to its block"]
    }
}
