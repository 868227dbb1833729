package kvmsh.dsl

import spock.lang.Specification

import static DslFixture.load
import static DslFixture.problems

/** Every IPv4 check of a network, for its IPv6 subnet, each with its exact located message. */
class Ipv6ValidationSpec extends Specification {

    static final String DS = "network 'lan' { nat '10.0.0.0/24'; ipv6 'fd00:10::/64'"

    def 'reports #what'() {
        expect:
        problems(script, new FakeEnv()) == [expected]

        where:
        what                                   | script                                                                  || expected
        'a malformed IPv6 subnet'              | "network 'lan' { nat '10.0.0.0/24'; ipv6 'fd00:10:::/64' }"             || "t.kvm:1:36: bad IPv6 subnet 'fd00:10:::/64' — write an IPv6 subnet as address/prefix, e.g. 'fd00:10::/64'"
        'an IPv6 subnet without prefix'        | "network 'lan' { nat '10.0.0.0/24'; ipv6 'fd00:10::' }"                 || "t.kvm:1:36: bad IPv6 subnet 'fd00:10::' — write an IPv6 subnet as address/prefix, e.g. 'fd00:10::/64'"
        'a name where the subnet goes'         | "network 'lan' { nat '10.0.0.0/24'; ipv6 'example.com:80/64' }"         || "t.kvm:1:36: bad IPv6 subnet 'example.com:80/64' — write an IPv6 subnet as address/prefix, e.g. 'fd00:10::/64'"
        'an IPv6 subnet with host bits set'    | "network 'lan' { nat '10.0.0.0/24'; ipv6 'fd00:10::1/64' }"             || "t.kvm:1:36: IPv6 subnet 'fd00:10::1/64' has host bits set — write 'fd00:10::/64'"
        'a prefix shorter than /64'            | "network 'lan' { nat '10.0.0.0/24'; ipv6 'fd00:10::/48' }"              || "t.kvm:1:36: IPv6 subnet 'fd00:10::/48' is a /48; guests form their addresses by SLAAC, which needs a /64 — use a /64, e.g. 'fd00:10::/64'"
        'a prefix longer than /64'             | "network 'lan' { nat '10.0.0.0/24'; ipv6 'fd00:10::100/120' }"          || "t.kvm:1:36: IPv6 subnet 'fd00:10::100/120' is a /120; guests form their addresses by SLAAC, which needs a /64 — use a /64, e.g. 'fd00:10::/64'"
        'an IPv6-only subnet with host bits'   | "network 'lan' { nat 'fd00:10::5/64' }"                                 || "t.kvm:1:17: IPv6 subnet 'fd00:10::5/64' has host bits set — write 'fd00:10::/64'"
        'a bad DHCPv6 range address'           | "$DS; dhcp6 'fd00:10::1g'..'fd00:10::9' }"                              || "t.kvm:1:57: bad DHCPv6 range address 'fd00:10::1g' — write IPv6 addresses like 'fd00:10::100'"
        'an IPv4 address in a DHCPv6 range'    | "$DS; dhcp6 '10.0.0.5'..'fd00:10::9' }"                                 || "t.kvm:1:57: bad DHCPv6 range address '10.0.0.5' — write IPv6 addresses like 'fd00:10::100'"
        'a DHCPv6 range outside the subnet'    | "$DS; dhcp6 'fd00:11::1'..'fd00:11::9' }"                               || "t.kvm:1:57: DHCPv6 range fd00:11::1..fd00:11::9 is outside subnet fd00:10::/64 — use addresses from fd00:10::1 to fd00:10::ffff:ffff:ffff:ffff"
        'a DHCPv6 range from the anycast addr' | "$DS; dhcp6 'fd00:10::'..'fd00:10::9' }"                                 || "t.kvm:1:57: DHCPv6 range fd00:10::..fd00:10::9 is outside subnet fd00:10::/64 — use addresses from fd00:10::1 to fd00:10::ffff:ffff:ffff:ffff"
        'a reversed DHCPv6 range'              | "$DS; dhcp6 'fd00:10::9'..'fd00:10::2' }"                               || "t.kvm:1:57: DHCPv6 range fd00:10::9..fd00:10::2 is reversed — write 'fd00:10::2'..'fd00:10::9'"
        'a bad IPv6 gateway'                   | "$DS; gateway6 'fd00:10::1::2' }"                                       || "t.kvm:1:57: bad IPv6 gateway address 'fd00:10::1::2' — write an IPv6 address like 'fd00:10::1'"
        'a zone in the IPv6 gateway'           | "$DS; gateway6 'fe80::1%eth0' }"                                        || "t.kvm:1:57: bad IPv6 gateway address 'fe80::1%eth0' — write an IPv6 address like 'fd00:10::1'"
        'an IPv6 gateway outside the subnet'   | "$DS; gateway6 'fd00:99::1' }"                                          || "t.kvm:1:57: gateway6 fd00:99::1 is outside subnet fd00:10::/64 — use an address inside it, e.g. fd00:10::1"
        'an IPv6 gateway on the anycast addr'  | "$DS; gateway6 'fd00:10::' }"                                           || "t.kvm:1:57: gateway6 fd00:10:: is the subnet-router anycast address of fd00:10::/64 — use a host address, e.g. fd00:10::1"
        'an IPv6 gateway in the DHCPv6 range'  | "$DS; dhcp6 'fd00:10::1'..'fd00:10::9'; gateway6 'fd00:10::5' }"        || "t.kvm:1:91: gateway6 fd00:10::5 is inside the DHCPv6 range fd00:10::1..fd00:10::9 — move the gateway or the range so they do not meet"
        'a static host outside the subnet'     | "$DS; host 'h', mac: '52:54:00:00:00:01', ip6: 'fd00:11::5' }"          || "t.kvm:1:57: static host 'h' address fd00:11::5 is outside subnet fd00:10::/64 — use an address from fd00:10::1 to fd00:10::ffff:ffff:ffff:ffff"
        'a bad static host IPv6 address'       | "$DS; host 'h', mac: '52:54:00:00:00:01', ip6: '10.0.0.5' }"            || "t.kvm:1:57: bad IPv6 address '10.0.0.5' — write an IPv6 address like 'fd00:10::a'"
        'an IPv6 address given as ip:'         | "$DS; host 'h', mac: '52:54:00:00:00:01', ip: 'fd00:10::5' }"           || "t.kvm:1:57: bad address 'fd00:10::5' for static host 'h' — ip: takes the IPv4 address; give the IPv6 one as ip6:"
        'a static host on the IPv6 gateway'    | "$DS; host 'h', mac: '52:54:00:00:00:01', ip6: 'fd00:10::1'; gateway6 'fd00:10::1' }" || "t.kvm:1:57: static host 'h' has the IPv6 gateway's address fd00:10::1 — give it another address"
        'an IPv6 address reserved twice'       | "$DS; host 'a', mac: '52:54:00:00:00:01', ip6: 'fd00:10::5'; host 'b', mac: '52:54:00:00:00:02', ip6: 'FD00:10:0::5' }" || "t.kvm:1:112: address FD00:10:0::5 is reserved twice in this network — give each static host its own address"
        'ipv6 declared twice'                  | "$DS; ipv6 'fd00:11::/64' }"                                            || "t.kvm:1:57: network setting 'ipv6' is declared twice (first at t.kvm:1:36) — keep one ipv6 line; a later one would silently replace the first"
        'ipv6 beside an IPv6-only mode'        | "network 'lan' { nat 'fd00:10::/64'; ipv6 'fd00:11::/64' }"             || "t.kvm:1:37: network 'lan' already has the IPv6 subnet fd00:10::/64 from nat — remove this ipv6 line, or give nat an IPv4 subnet for dual stack"
        'gateway in an IPv6-only network'      | "network 'lan' { nat 'fd00:10::/64'; gateway '10.0.0.1' }"              || "t.kvm:1:37: gateway is for an IPv4 subnet, and network 'lan' has none — use gateway6 for its IPv6 gateway, or give it an IPv4 subnet"
        'dhcp in an IPv6-only network'         | "network 'lan' { nat 'fd00:10::/64'; dhcp 'fd00:10::5'..'fd00:10::9' }" || "t.kvm:1:37: dhcp is for an IPv4 subnet, and network 'lan' has none — use dhcp6 for a DHCPv6 range, or give it an IPv4 subnet"
        'ip: in an IPv6-only network'          | "network 'lan' { nat 'fd00:10::/64'; host 'h', mac: '52:54:00:00:00:01', ip: '10.0.0.5' }" || "t.kvm:1:37: static host 'h' has ip: but network 'lan' has no IPv4 subnet — use ip6: for its IPv6 address"
        'gateway6 without an IPv6 subnet'      | "network 'lan' { nat '10.0.0.0/24'; gateway6 'fd00:10::1' }"            || "t.kvm:1:36: gateway6 needs an IPv6 subnet in network 'lan' — add an IPv6 subnet, e.g. ipv6 'fd00:10::/64'"
        'dhcp6 without an IPv6 subnet'         | "network 'lan' { nat '10.0.0.0/24'; dhcp6 'fd00:10::5'..'fd00:10::9' }" || "t.kvm:1:36: dhcp6 needs an IPv6 subnet in network 'lan' — add an IPv6 subnet, e.g. ipv6 'fd00:10::/64'"
        'ip6: without an IPv6 subnet'          | "network 'lan' { nat '10.0.0.0/24'; host 'h', mac: '52:54:00:00:00:01', ip6: 'fd00:10::5' }" || "t.kvm:1:36: static host 'h' has ip6: but network 'lan' has no IPv6 subnet — add an IPv6 subnet, e.g. ipv6 'fd00:10::/64'"
        'ipv6 on a guests-only bridge'         | "network 'lan' { isolated(); ipv6 'fd00:10::/64' }"                     || "t.kvm:1:29: ipv6 is not allowed: isolated() gives the host no address on the bridge — remove it, or give the subnet: isolated '192.168.50.0/24'"
        'ipv6 in bridge mode'                  | "network 'lan' { bridge 'br0'; ipv6 'fd00:10::/64' }"                   || "t.kvm:1:31: ipv6 is not allowed: bridge mode joins an existing bridge whose subnet kvmsh does not manage — remove it, or use nat/isolated/routed for a network of kvmsh's own"
        'an exclusive DHCPv6 range'            | "$DS; dhcp6 'fd00:10::2'..<'fd00:10::9' }"                              || "t.kvm:1:63: a DHCP range includes both ends — write dhcp6 'start'..'end' without '<'"
    }

    def 'reports overlapping IPv6 subnets at the second one'() {
        expect:
        problems("$DS }\nnetwork 'b' { nat '10.1.0.0/24'\n  ipv6 'FD00:10::/64' }", new FakeEnv()) == [
                "t.kvm:3:3: IPv6 subnet fd00:10::/64 overlaps fd00:10::/64 of network 'lan' (t.kvm:1:36) — pick an IPv6 subnet that does not overlap"]
    }

    def 'resolves a dual-stack network: canonical addresses, the first free address as gateway6, hosts with both families'() {
        when:
        def net = load("$DS; dhcp6 'FD00:10::1'..'fd00:10:0::ff'\n  host 'db', mac: '52:54:00:00:00:10', ip: '10.0.0.5', ip6: 'fd00:10:0:0::0:105' }", new FakeEnv())
                .networks()[0]

        then:
        net.cidr() == '10.0.0.0/24'
        net.ipv6().cidr() == 'fd00:10::/64'
        net.ipv6().prefix() == 64
        net.ipv6().dhcp().start() == 'fd00:10::1'
        net.ipv6().dhcp().end() == 'fd00:10::ff'
        net.ipv6().gateway() == 'fd00:10::100'
        net.hosts()*.ip() == ['10.0.0.5']
        net.hosts()*.ip6() == ['fd00:10::105']
    }

    def 'an IPv6-only network: the mode takes the IPv6 subnet, no IPv4 at all'() {
        when:
        def net = load("network 'v6' { routed 'fd00:20::/64'; host 'h', mac: '52:54:00:00:00:10', ip6: 'fd00:20::7' }", new FakeEnv())
                .networks()[0]

        then:
        net.cidr() == null
        net.gateway() == null
        net.hasAddress()
        net.ipv6().cidr() == 'fd00:20::/64'
        net.ipv6().gateway() == 'fd00:20::1'
        net.hosts()*.ip() == [null]
    }
}
