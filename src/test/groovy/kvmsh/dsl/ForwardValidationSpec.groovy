package kvmsh.dsl

import kvmsh.model.PortForward
import spock.lang.Specification

import static DslFixture.load
import static DslFixture.problems

/** The forward statement: what it resolves to, and every bad input with its exact located message. */
class ForwardValidationSpec extends Specification {

    static final String LAB = "network 'lab' { nat '10.0.0.0/24'; host 'web', mac: '52:54:00:00:00:05', ip: '10.0.0.5'"

    def 'a forward to a static host, to a vm by its nic\'s MAC and with the same port resolves to the static address'() {
        when:
        def model = load("""$LAB; host 'db', mac: '52:54:00:00:00:06', ip: '10.0.0.6'
    forward 2222, to: 'web:22'; forward 8080, to: 'app:80'; forward 53, to: 'db', proto: 'udp' }
vm 'app' { nic network: 'lab', mac: '52:54:00:00:00:06' }""")

        then:
        model.networks()[0].forwards().collect { [it.proto(), it.port(), it.target(), it.toPort(), it.address()] } == [
                ['tcp', 2222, 'web', 22, '10.0.0.5'],
                ['tcp', 8080, 'app', 80, '10.0.0.6'],
                ['udp', 53, 'db', 53, '10.0.0.6']]
        model.networks()[0].forwards()[0].origin().line() == 2
        model.networks()[0].forwards()[0].describe() == 'tcp 2222 → web:22 (10.0.0.5)'
    }

    def 'the same port for tcp and for udp is two forwards, not one declared twice'() {
        expect:
        load("$LAB; forward 53, to: 'web'; forward 53, to: 'web', proto: 'udp' }").networks()[0].forwards()*.hostPort() ==
                ['tcp 53', 'udp 53']
    }

    def 'reports #what'() {
        expect:
        problems(script, new FakeEnv()) == expected

        where:
        what | script || expected
        'a host port of 0' | "$LAB; forward 0, to: 'web:22' }" || ["t.kvm:1:90: forward port must be from 1 to 65535, got 0 — e.g. forward 2222, to: 'web:22'"]
        'a host port above 65535' | "$LAB; forward 70000, to: 'web:22' }" || ["t.kvm:1:90: forward port must be from 1 to 65535, got 70000 — e.g. forward 2222, to: 'web:22'"]
        'a guest port of 0' | "$LAB; forward 2222, to: 'web:0' }" || ["t.kvm:1:90: forward to: 'web:0' needs a port from 1 to 65535 after the colon — e.g. forward 2222, to: 'web:22', or to: 'web' for the same port as the host's"]
        'a guest port that is a word' | "$LAB; forward 2222, to: 'web:ssh' }" || ["t.kvm:1:90: forward to: 'web:ssh' needs a port from 1 to 65535 after the colon — e.g. forward 2222, to: 'web:22', or to: 'web' for the same port as the host's"]
        'an unknown proto' | "$LAB; forward 2222, to: 'web:22', proto: 'sctp' }" || ["t.kvm:1:90: forward proto: is 'tcp' or 'udp', got 'sctp' — e.g. forward 53, to: 'dns', proto: 'udp' (without proto: it is tcp)"]
        'no to:' | "$LAB; forward 2222, proto: 'udp' }" || ["t.kvm:1:90: forward 2222 needs to: — the VM or static host and its port — e.g. forward 2222, to: 'web:22'"]
        'a bare port' | "$LAB; forward 2222 }" || ["t.kvm:1:90: forward expects a port from 1 to 65535 and to: 'VM:PORT' (proto: 'udp' for UDP) — e.g. forward 2222, to: 'web:22'"]
        'an unknown option' | "$LAB; forward 2222, to: 'web:22', port: 22 }" || ["t.kvm:1:90: unknown forward option 'port' — expected one of: proto, to"]
        'a port declared twice' | "$LAB; forward 2222, to: 'web:22'; forward 2222, to: 'web:23' }" || ["t.kvm:1:118: forward tcp 2222 is declared twice on this host (first at 1:90): a host port reaches one guest — choose another host port for one of them"]
        'a port declared in two networks' | "$LAB; forward 2222, to: 'web:22' }\nnetwork 'b' { nat '10.1.0.0/24'; host 'x', mac: '52:54:00:00:01:05', ip: '10.1.0.5'; forward 2222, to: 'x:22' }" || ["t.kvm:2:86: forward tcp 2222 is declared twice on this host (first at 1:90): a host port reaches one guest — choose another host port for one of them"]
        'an unknown target' | "$LAB; forward 2222, to: 'wbe:22' }" || ["t.kvm:1:90: forward to 'wbe': network 'lab' has no static host and the script no vm of that name — did you mean 'web'? name a vm with a nic on 'lab' or a host of its block"]
        'a vm not on the network' | "$LAB; forward 2222, to: 'app:22' }\nnetwork 'b' { nat '10.1.0.0/24' }\nvm 'app' { nic network: 'b' }" || ["t.kvm:1:90: forward to vm 'app', which has no nic on network 'lab' — give it one (nic network: 'lab'), or forward in the block of its network"]
        'a vm without a static host' | "$LAB; forward 2222, to: 'app:22' }\nvm 'app' { nic network: 'lab', mac: '52:54:00:00:00:09' }" || ["t.kvm:1:90: forward to vm 'app' needs its fixed address on network 'lab', and no static host there has its MAC 52:54:00:00:00:09 — add host 'app', mac: '52:54:00:00:00:09', ip: … to the network"]
        'a vm whose nic has no MAC' | "$LAB; forward 2222, to: 'app:22' }\nvm 'app' { nic network: 'lab' }" || ["t.kvm:1:90: forward to vm 'app' needs its fixed address on network 'lab', and no static host there has its nic's MAC (it has none set) — add host 'app', mac: '52:54:00:…', ip: … to the network and give the nic that mac:"]
        'a static host with IPv6 only' | "network 'lab' { nat '10.0.0.0/24'; ipv6 'fd00:10::/64'; host 'web', mac: '52:54:00:00:00:05', ip6: 'fd00:10::5'; forward 2222, to: 'web:22' }" || ["t.kvm:1:114: forward to 'web': its static host has no IPv4 address (ip:), and kvmsh forwards IPv4 ports — give host 'web' an ip:"]
        'a forward on a routed network' | "network 'r' { routed '10.0.0.0/24'; host 'web', mac: '52:54:00:00:00:05', ip: '10.0.0.5'; forward 2222, to: 'web:22' }" || ["t.kvm:1:91: forward needs a nat network, and network 'r' is routed: a routed network's guests are reached at their own addresses, through the host's routes — remove the forward, or make the network nat"]
        'a forward on a host-only network' | "network 'h' { isolated '10.0.0.0/24'; host 'web', mac: '52:54:00:00:00:05', ip: '10.0.0.5'; forward 2222, to: 'web:22' }" || ["t.kvm:1:93: forward needs a nat network, and network 'h' is isolated: a host-only network forwards nothing in or out — remove the forward, or make the network nat"]
        'a forward on a bridged network' | "network 'br' { bridge 'br0'; forward 2222, to: 'web:22' }" || ["t.kvm:1:30: forward needs a nat network, and network 'br' is bridged: a bridged network's guests are on the LAN themselves — remove the forward, or make the network nat"]
        'a forward on an IPv6-only network' | "network 'six' { nat 'fd00:10::/64'; host 'web', mac: '52:54:00:00:00:05', ip6: 'fd00:10::5'; forward 2222, to: 'web:22' }" || ["t.kvm:1:94: forward needs the network's IPv4 subnet, and network 'six' is IPv6 only: kvmsh forwards IPv4 ports — give the network an IPv4 subnet, e.g. nat '10.0.0.0/24'"]
    }

    def 'every bad forward of a script is reported at once'() {
        expect:
        problems("$LAB; forward 0, to: 'web:22'; forward 2222, to: 'nobody'; forward 2222, to: 'web', proto: 'icmp' }",
                new FakeEnv()).size() == 3
    }

    def 'a forward port is written back by save'() {
        given:
        def model = load("$LAB; forward 2222, to: 'web:22'; forward 53, to: 'web', proto: 'udp' }")

        when:
        String saved = kvmsh.dsl.save.ScriptWriter.write(model)

        then:
        saved.contains("forward 2222, to: 'web:22'")
        saved.contains("forward 53, to: 'web:53', proto: 'udp'")
        load(saved).networks()[0].forwards().collect { it.describe() } == model.networks()[0].forwards().collect { it.describe() }
    }
}
