package kvmsh.libvirt

import com.sun.jna.Native
import com.sun.jna.Pointer
import java.time.Instant
import kvmsh.model.DhcpRange
import kvmsh.model.NetworkMode
import kvmsh.model.Origin
import kvmsh.model.StaticHost
import org.libvirt.Connect
import org.libvirt.LibvirtException
import org.libvirt.Network
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import static kvmsh.libvirt.LibvirtNative.Command.ADD_LAST
import static kvmsh.libvirt.LibvirtNative.Command.DELETE
import static kvmsh.libvirt.LibvirtNative.Command.MODIFY
import static kvmsh.libvirt.LibvirtNative.Section.IP_DHCP_HOST
import static kvmsh.libvirt.LibvirtNative.Section.IP_DHCP_RANGE

/** virNetworkUpdate / virNetworkGetDHCPLeases through JNA, on libvirt's in-process test driver. */
class LibvirtNativeSpec extends Specification {

    static final StaticHost APP = new StaticHost('app', '52:54:00:00:00:0c', '10.0.0.12', Origin.UNKNOWN)

    @Shared @AutoCleanup('close')
    Connect conn = TestDriver.open()

    Network network

    def cleanup() {
        if (network == null) {
            return
        }
        boolean persistent = network.isPersistent() == 1 // a transient network is gone once destroyed
        if (network.isActive() == 1) {
            network.destroy()
        }
        if (persistent) {
            network.undefine()
        }
    }

    def 'adds and deletes a DHCP host of a #state network, live and in its config'() {
        given:
        network = define(state)

        when:
        LibvirtNative.networkUpdate(network, ADD_LAST, IP_DHCP_HOST, XmlRenderer.dhcpHost(APP))

        then:
        views().every { it.hosts().contains(new NetworkFacts.Host(APP.mac(), 'app', '10.0.0.12')) }
        views().every { it.hosts().size() == 3 }

        when:
        LibvirtNative.networkUpdate(network, DELETE, IP_DHCP_HOST, XmlRenderer.dhcpHost(APP))

        then:
        views().every { it.hosts()*.name() == ['web', 'db'] }

        where:
        state << ['inactive', 'running', 'transient']
    }

    def 'updates the live state only of a running network and the config only of a persistent one'() {
        // VIR_NETWORK_UPDATE_AFFECT_LIVE = 1, _CONFIG = 2. The test driver keeps one definition for both, so the flags are checked here directly;
        // the integrator's end-to-end test covers a real libvirtd.
        expect:
        LibvirtNative.updateFlags(active, persistent) == flags

        where:
        active | persistent || flags
        true   | true       || 3
        false  | true       || 2
        true   | false      || 1
    }

    def 'modifies a DHCP host in place'() {
        given:
        network = define('running')
        def moved = new StaticHost('web', '52:54:00:00:00:0a', '10.0.0.50', Origin.UNKNOWN)

        when:
        LibvirtNative.networkUpdate(network, MODIFY, IP_DHCP_HOST, XmlRenderer.dhcpHost(moved))

        then:
        views().every { it.hosts()[0] == new NetworkFacts.Host('52:54:00:00:00:0a', 'web', '10.0.0.50') }
    }

    def 'replaces the DHCP range of a #state network (libvirt cannot modify a range)'() {
        given:
        network = define(state)
        def old = new DhcpRange('10.0.0.100', '10.0.0.200', Origin.UNKNOWN)
        def wider = new DhcpRange('10.0.0.100', '10.0.0.250', Origin.UNKNOWN)

        when:
        LibvirtNative.replaceDhcpRange(network, XmlRenderer.dhcpRange(old), XmlRenderer.dhcpRange(wider))

        then:
        views().every { it.ranges() == [new NetworkFacts.Range('10.0.0.100', '10.0.0.250')] }

        where:
        state << ['inactive', 'running']
    }

    def 'a failed update throws LibvirtException with libvirt\'s message'() {
        given:
        network = define('inactive')
        def range = XmlRenderer.dhcpRange(new DhcpRange('10.0.0.100', '10.0.0.200', Origin.UNKNOWN))

        when:
        LibvirtNative.networkUpdate(network, MODIFY, IP_DHCP_RANGE, range)

        then:
        def e = thrown(LibvirtException)
        LibvirtErrors.describe(e) ==~ /.*dhcp ranges cannot be modified.*/
    }

    def 'asking the test driver for DHCP leases fails with a clear message'() {
        given:
        network = define('running')

        when:
        LibvirtNative.dhcpLeases(network)

        then:
        def e = thrown(LibvirtException)
        LibvirtErrors.describe(e).contains('virNetworkGetDHCPLeases')
        !LibvirtErrors.describe(e).contains('\n')
    }

    def 'reads libvirt\'s lease array by the C layout of struct _virNetworkDHCPLease and frees it'() {
        // libvirt-network.h (9.0): char *iface; long long expirytime; int type; char *mac; char *iaid;
        // char *ipaddr; unsigned int prefix; char *hostname; char *clientid;
        // On x86_64 the two ints are padded to 8 bytes: offsets 0, 8, 16, 24, 32, 40, 48, 56, 64.
        given:
        Pointer array = new Pointer(Native.malloc(2 * Native.POINTER_SIZE))
        array.setPointer(0, lease('52:54:00:00:00:0a', '10.0.0.10', 'web', 1700000000L))
        array.setPointer(Native.POINTER_SIZE, lease('52:54:00:00:00:0b', '10.0.0.11', null, 1700000100L))

        when: 'memory comes from malloc, which is what libvirt\'s g_free releases'
        def leases = LibvirtNative.takeLeases(array, 2)

        then:
        leases == [new DhcpLease('52:54:00:00:00:0a', '10.0.0.10', 24, 'web', Instant.ofEpochSecond(1700000000L)),
                   new DhcpLease('52:54:00:00:00:0b', '10.0.0.11', 24, null, Instant.ofEpochSecond(1700000100L))]
    }

    private static Pointer lease(String mac, String ip, String hostname, long expiry) {
        Pointer p = new Pointer(Native.malloc(72))
        p.clear(72)
        p.setPointer(0, cString('kvbr0'))
        p.setLong(8, expiry)
        p.setInt(16, 0) // VIR_IP_ADDR_TYPE_IPV4
        p.setPointer(24, cString(mac))
        p.setPointer(40, cString(ip))
        p.setInt(48, 24)
        p.setPointer(56, hostname == null ? null : cString(hostname))
        p.setPointer(64, cString('01:' + mac))
        p
    }

    private static Pointer cString(String s) {
        byte[] bytes = s.getBytes('UTF-8')
        Pointer p = new Pointer(Native.malloc(bytes.length + 1))
        p.write(0, bytes, 0, bytes.length)
        p.setByte(bytes.length, (byte) 0)
        p
    }

    private Network define(String state) {
        String xml = XmlRenderer.network(Models.network(NetworkMode.NAT, TestDriver.unique('net')), Annotations.NONE)
        switch (state) {
            case 'transient': return conn.networkCreateXML(xml)
            case 'running': return conn.networkDefineXML(xml).tap { it.create() }
            default: return conn.networkDefineXML(xml)
        }
    }

    /**
     * The live view and, for a running persistent network, the config view too. The test driver
     * refuses VIR_NETWORK_XML_INACTIVE, so the config is read by stopping the network for a moment.
     */
    private List<NetworkFacts> views() {
        def result = [LibvirtXml.network(network.getXMLDesc(0))]
        if (network.isPersistent() == 1 && network.isActive() == 1) {
            network.destroy()
            result << LibvirtXml.network(network.getXMLDesc(0))
            network.create()
        }
        result
    }
}
