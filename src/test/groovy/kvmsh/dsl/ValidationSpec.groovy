package kvmsh.dsl

import spock.lang.Specification
import spock.lang.Unroll

import static DslFixture.load
import static DslFixture.problems

class ValidationSpec extends Specification {

    static final String NAT = "network 'lan' { nat '10.0.0.0/24'"

    @Unroll
    def 'reports #what'() {
        expect:
        problems(script, new FakeEnv(networks: ['default'] as Set, files: ['/exists/'] as Set)) == [expected]

        where:
        what                                   | script                                                                  || expected
        'a bad DNS domain'                     | "$NAT; domain 'lab..local' }"                                          || "t.kvm:1:36: bad DNS domain 'lab..local' — use labels of letters, digits and '-' joined by dots, e.g. domain 'lab.local'"
        'a static host that is no DNS name'    | "$NAT; domain 'lab.local'; host 'a_b', mac: '52:54:00:00:00:01', ip: '10.0.0.5' }" || "t.kvm:1:56: static host name 'a_b' cannot be a DNS name in domain lab.local — use letters, digits and '-' (not first or last), at most 63 characters"
        'a domain on a guests-only bridge'     | "network 'g' { isolated(); domain 'lab.local' }"                        || "t.kvm:1:27: domain is not allowed: isolated() gives the host no address on the bridge — remove it, or give the subnet: isolated '192.168.50.0/24'"
        'a malformed CIDR'                     | "network 'lan' { nat '10.0.0/24' }"                                     || "t.kvm:1:17: bad subnet '10.0.0/24' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'"
        'a CIDR with host bits set'            | "network 'lan' { nat '10.0.0.1/8' }"                                    || "t.kvm:1:17: subnet '10.0.0.1/8' has host bits set — write '10.0.0.0/8'"
        'a DHCP range outside the subnet'      | "$NAT; dhcp '10.0.1.1'..'10.0.1.9' }"                                   || "t.kvm:1:36: DHCP range 10.0.1.1..10.0.1.9 is outside subnet 10.0.0.0/24 — use addresses from 10.0.0.1 to 10.0.0.254"
        'a DHCP range reaching the broadcast'  | "$NAT; dhcp '10.0.0.9'..'10.0.0.255' }"                                 || "t.kvm:1:36: DHCP range 10.0.0.9..10.0.0.255 is outside subnet 10.0.0.0/24 — use addresses from 10.0.0.1 to 10.0.0.254"
        'a reversed DHCP range'                | "$NAT; dhcp '10.0.0.9'..'10.0.0.2' }"                                   || "t.kvm:1:36: DHCP range 10.0.0.9..10.0.0.2 is reversed — write '10.0.0.2'..'10.0.0.9'"
        'a gateway outside the subnet'         | "$NAT; gateway '10.9.0.1' }"                                            || "t.kvm:1:36: gateway 10.9.0.1 is outside subnet 10.0.0.0/24 — use an address inside it, e.g. 10.0.0.1"
        'a gateway on the network address'     | "$NAT; gateway '10.0.0.0' }"                                            || "t.kvm:1:36: gateway 10.0.0.0 is the network address of 10.0.0.0/24 — use a host address, e.g. 10.0.0.1"
        'a gateway on the broadcast address'   | "$NAT; gateway '10.0.0.255' }"                                          || "t.kvm:1:36: gateway 10.0.0.255 is the broadcast address of 10.0.0.0/24 — use a host address, e.g. 10.0.0.1"
        'a gateway inside the DHCP range'      | "$NAT; dhcp '10.0.0.1'..'10.0.0.9'; gateway '10.0.0.5' }"               || "t.kvm:1:65: gateway 10.0.0.5 is inside the DHCP range 10.0.0.1..10.0.0.9 — move the gateway or the range so they do not meet"
        'a static host outside the subnet'     | "$NAT; host 'h', mac: '52:54:00:00:00:01', ip: '10.0.5.1' }"            || "t.kvm:1:36: static host 'h' address 10.0.5.1 is outside subnet 10.0.0.0/24 — use an address from 10.0.0.1 to 10.0.0.254"
        'a static host on the gateway'         | "$NAT; host 'h', mac: '52:54:00:00:00:01', ip: '10.0.0.1'; gateway '10.0.0.1' }" || "t.kvm:1:36: static host 'h' has the gateway's address 10.0.0.1 — give it another address"
        'a network without a mode'             | "network 'lan' { stp true }"                                            || "t.kvm:1:1: network 'lan' has no mode — add one of: nat '10.0.0.0/24', isolated '192.168.50.0/24', routed '10.20.0.0/16', bridge 'br0'"
        'a network with two modes'             | "$NAT; routed '10.1.0.0/24' }"                                          || "t.kvm:1:36: network 'lan' has two modes: nat and routed — keep only one of nat, isolated, routed, bridge"
        'DHCP in bridge mode'                  | "network 'up' { bridge 'br0'; dhcp '10.0.0.1'..'10.0.0.9' }"            || "t.kvm:1:30: dhcp is not allowed: bridge mode joins an existing bridge whose subnet kvmsh does not manage — remove it, or use nat/isolated/routed for a network of kvmsh's own"
        'a bridge name over 15 characters'     | "network 'averyveryverylongname' { nat '10.0.0.0/24' }"                 || "t.kvm:1:1: bridge name 'averyveryverylongname' is 21 characters; the kernel allows 15 (\"Numerical result out of range\") — add device 'shorter' to the network block"
        'a device name over 15 characters'     | "$NAT; device 'virbr-way-too-long' }"                                   || "t.kvm:1:36: bridge name 'virbr-way-too-long' is 18 characters; the kernel allows 15 (\"Numerical result out of range\") — use device 'shorter'"
        'a tap name over 15 characters'        | "vm 'a' { nic tap: 'tap-way-too-long-1' }"                              || "t.kvm:1:10: tap name 'tap-way-too-long-1' is 18 characters; the kernel allows 15 (\"Numerical result out of range\") — use a shorter tap name"
        'a malformed MAC'                      | "vm 'a' { nic network: 'default', mac: '52:54:00:zz:00:01' }"           || "t.kvm:1:10: malformed MAC address '52:54:00:zz:00:01' — use six hex pairs with an even first octet, e.g. '52:54:00:12:34:56'"
        'a multicast MAC'                      | "vm 'a' { nic network: 'default', mac: '01:00:5e:00:00:01' }"           || "t.kvm:1:10: MAC address '01:00:5e:00:00:01' is multicast (first octet is odd) — use six hex pairs with an even first octet, e.g. '52:54:00:12:34:56'"
        'a NIC on an unknown network'          | "vm 'a' { nic network: 'lan' }"                                         || "t.kvm:1:10: unknown network 'lan' — declare it with network 'lan' { … }"
        'leases of an unknown network'         | "vm 'a'\nleases 'nowhere'"                                              || "t.kvm:2:1: unknown network 'nowhere' — declare it with network 'nowhere' { … }"
        'attach to an unknown network'         | "attach 'vnet1', to: 'defualt'"                                         || "t.kvm:1:1: unknown network 'defualt' — declare it with network 'defualt' { … }"
        'a missing disk image'                 | "vm 'a' { disk '/nope/a.qcow2' }"                                       || "t.kvm:1:10: disk image /nope/a.qcow2 does not exist — check the path (relative paths are relative to the script's directory)"
        'a missing ISO'                        | "vm 'a' { cdrom '/nope/a.iso' }"                                        || "t.kvm:1:10: ISO image /nope/a.iso does not exist — check the path (relative paths are relative to the script's directory)"
        'a missing kernel'                     | "vm 'a' { kernel '/nope/vmlinuz' }"                                     || "t.kvm:1:10: kernel /nope/vmlinuz does not exist — check the path (relative paths are relative to the script's directory)"
        'a missing initrd'                     | "vm 'a' { kernel '/exists/k'; initrd '/nope/initrd' }"                  || "t.kvm:1:30: initrd /nope/initrd does not exist — check the path (relative paths are relative to the script's directory)"
        'zero memory'                          | "vm 'a' { memory 0 }"                                                   || "t.kvm:1:10: memory must be a positive whole number of MiB, got 0 — e.g. memory 512 or memory '2G'"
        'malformed memory'                     | "vm 'a' { memory '2 parsecs' }"                                         || "t.kvm:1:10: memory expects a number of MiB or a size like '2G', got '2 parsecs' — e.g. memory 512 or memory '2G'"
        'memory of the wrong type'             | "vm 'a' { memory true }"                                                || "t.kvm:1:10: memory expects a number of MiB or a size like '2G' — e.g. memory 512"
        'negative cpus'                        | "vm 'a' { cpus(-1) }"                                                   || "t.kvm:1:10: cpus must be positive, got -1 — e.g. cpus 1"
        'negative memory, command style'       | "vm 'a' { memory -5 }"                                                  || "t.kvm:1:10: memory must be a positive whole number of MiB, got -5 — e.g. memory 512 or memory '2G'"
        'negative cpus, command style'         | "vm 'a' { cpus -2 }"                                                    || "t.kvm:1:10: cpus must be positive, got -2 — e.g. cpus 1"
        'cpus of the wrong type'               | "vm 'a' { cpus 'two' }"                                                 || "t.kvm:1:10: cpus expects a positive whole number — e.g. cpus 2"
        'an unknown nic option'                | "vm 'a' { nic netwrok: 'default' }"                                     || "t.kvm:1:10: unknown nic option 'netwrok' — did you mean 'network'?"
    }

    def 'reports duplicate names, bridges, MACs and overlapping subnets'() {
        expect:
        problems('''network 'lan' { nat '10.0.0.0/16' }
network 'lan' { isolated '10.1.0.0/24' }
network 'dmz' { nat '10.0.5.0/24'; device 'lan' }
vm 'a' { nic network: 'lan', mac: '52:54:00:00:00:01' }
vm 'a' { nic network: 'lan', mac: '52:54:00:00:00:01' }''') == [
                "t.kvm:2:1: network 'lan' is declared twice (first at t.kvm:1:1) — rename or remove one of them",
                "t.kvm:2:1: bridge device 'lan' is already used by network 'lan' (t.kvm:1:1) — add device 'other' to one of them",
                "t.kvm:3:17: subnet 10.0.5.0/24 overlaps 10.0.0.0/16 of network 'lan' (t.kvm:1:1) — pick a subnet that does not overlap",
                "t.kvm:3:36: bridge device 'lan' is already used by network 'lan' (t.kvm:1:1) — add device 'other' to one of them",
                "t.kvm:5:1: vm 'a' is declared twice (first at t.kvm:4:1) — rename or remove one of them",
                "t.kvm:5:10: MAC 52:54:00:00:00:01 is used twice (first at t.kvm:4:10) — give each NIC its own MAC, or leave mac: out to let libvirt pick one"]
    }

    def 'reports every problem of a script at once'() {
        expect:
        problems('''network 'lan' { nat '10.0.0.1/24' }
vm 'a' {
    memroy 1
    cpus 0
    nic network: 'lna'
}''').size() == 4
    }

    def 'accepts networks that exist on the host without being declared'() {
        expect:
        load("vm 'a' { nic network: 'default' }", new FakeEnv(networks: ['default'] as Set))
                .vms()[0].nics()[0].network() == 'default'
    }

    def 'normalizes MACs to lower case and CIDRs to canonical form'() {
        when:
        def model = load("""network 'lan' { isolated '10.0.0.0/24'; host 'h', mac: '52:54:00:AB:CD:EF', ip: '10.0.0.7' }
vm 'a' { nic network: 'lan', mac: '52:54:00:AB:CD:EE' }""")

        then:
        model.networks()[0].cidr() == '10.0.0.0/24'
        model.networks()[0].hosts()[0].mac() == '52:54:00:ab:cd:ef'
        model.vms()[0].nics()[0].mac() == '52:54:00:ab:cd:ee'
    }

    def 'picks as default gateway the first address outside the DHCP range and the static hosts'() {
        when:
        def net = load("""network 'lan' { nat '10.0.0.0/24'; dhcp '10.0.0.1'..'10.0.0.3'
    host 'h', mac: '52:54:00:00:00:01', ip: '10.0.0.4' }""").networks()[0]

        then:
        net.gateway() == '10.0.0.5'
    }
}
