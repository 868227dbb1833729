package kvmsh.e2e

import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification

/**
 * Issue 18 end to end on the libvirt driver, in a sandbox with real TCG guests: a dual-stack NAT
 * network with a DNS domain, where guests form IPv6 addresses by SLAAC, ping the gateway's IPv6
 * address and find each other by name; and a second NAT network whose guest reaches its own
 * gateway but nothing on the first network. (The host driver's half is in HookE2ESpec.)
 */
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class NetworkingE2ESpec extends Specification {

    @Shared SandboxFixture fixture = new SandboxFixture('e2e-net')

    def setupSpec() {
        fixture.sandbox.up()
    }

    def cleanupSpec() {
        fixture.down()
    }

    static String log(String vm) {
        "/var/log/libvirt/qemu/${vm}-serial.log"
    }

    def 'dual stack with names: SLAAC, the IPv6 gateway, guests by DNS name; a second NAT network reaches nothing of the first'() {
        given:
        String script = fixture.script('net.kvm', """
network 'lab' { nat '10.0.0.0/24'; dhcp '10.0.0.100'..'10.0.0.200'; ipv6 'fd00:10::/64'; domain 'lab.local'
    host 'web', mac: '52:54:00:10:00:05', ip: '10.0.0.5' }
network 'other' { nat '10.1.0.0/24'; dhcp '10.1.0.100'..'10.1.0.200'; ipv6 'fd00:11::/64' }
vm 'web' { memory 128; accel 'tcg'; nic network: 'lab', mac: '52:54:00:10:00:05'; serial '${log('web')}'
    guest ipv6: true, ping: ['client.lab.local'], stay: true }
vm 'client' { memory 128; accel 'tcg'; nic network: 'lab'; serial '${log('client')}'
    guest ipv6: true, ping: ['fd00:10::1', 'web.lab.local'], stay: true }
vm 'intruder' { memory 128; accel 'tcg'; nic network: 'other'; serial '${log('intruder')}'
    guest ipv6: true, ping: ['10.1.0.1', 'fd00:11::1', '10.0.0.5', 'fd00:10::5054:ff:fe10:5'], stay: true }
""")

        when:
        def r = fixture.kvmsh('run', script)

        then:
        r.code == 0
        r.out.contains('+ define network lab (nat 10.0.0.0/24 + fd00:10::/64, bridge lab)')

        when:
        String web = fixture.awaitConsole(log('web'), 'KVMSH done')
        String client = fixture.awaitConsole(log('client'), 'KVMSH done')
        String intruder = fixture.awaitConsole(log('intruder'), 'KVMSH done')

        then: 'SLAAC addresses in each network\'s /64 (web\'s from its MAC)'
        web.contains('KVMSH ipv6 fd00:10::5054:ff:fe10:5')
        client =~ /KVMSH ipv6 fd00:10::[0-9a-f:]+/
        intruder =~ /KVMSH ipv6 fd00:11::[0-9a-f:]+/

        and: 'the IPv6 gateway, and each other by name: a static host and a leased guest'
        client.contains('KVMSH ping fd00:10::1 ok')
        client.contains('KVMSH resolve web.lab.local 10.0.0.5')
        client.contains('KVMSH ping web.lab.local ok')
        web =~ /KVMSH resolve client\.lab\.local 10\.0\.0\.\d+/
        web.contains('KVMSH ping client.lab.local ok')

        and: 'the second network: its own gateways yes, the first network no'
        intruder.contains('KVMSH ping 10.1.0.1 ok')
        intruder.contains('KVMSH ping fd00:11::1 ok')
        intruder.contains('KVMSH ping 10.0.0.5 fail')
        intruder.contains('KVMSH ping fd00:10::5054:ff:fe10:5 fail')

        when:
        def down = fixture.kvmsh('down', '--yes', script)

        then:
        down.code == 0
        fixture.inSandbox('virsh', 'net-list', '--all', '--name').isEmpty()
    }
}
