package kvmsh.libvirt

import kvmsh.model.NetworkMode
import kvmsh.plan.Ownership
import org.libvirt.Connect
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** Renders, defines in test:///default, dumps back and reads with {@link LibvirtXml}. */
class LibvirtXmlSpec extends Specification {

    @Shared @AutoCleanup('close')
    Connect conn = TestDriver.open()

    List<Closure> cleanups = []

    def cleanup() {
        cleanups.reverseEach { it() }
    }

    def 'reads back ownership, uuid, bridge, ranges and hosts of a network kvmsh defined'() {
        given:
        String name = TestDriver.unique('net')
        def owner = new Ownership('/abs/site.kvm', 'ab' * 32, [], [])
        String xml = XmlRenderer.network(Models.network(NetworkMode.NAT, name), new Annotations(null, owner, []))
        def network = conn.networkDefineXML(xml)
        cleanups << { network.undefine() }

        when:
        def facts = LibvirtXml.network(network.getXMLDesc(0))

        then:
        facts.name() == name
        facts.uuid() == network.UUIDString
        facts.bridge() == 'kvbr-nat'
        facts.owner() == Optional.of(owner)
        facts.ranges() == [new NetworkFacts.Range('10.0.0.100', '10.0.0.200')]
        facts.hosts() == [new NetworkFacts.Host('52:54:00:00:00:0a', 'web', '10.0.0.10'),
                          new NetworkFacts.Host('52:54:00:00:00:0b', 'db', '10.0.0.11')]
    }

    def 'a network without our metadata has no owner'() {
        given:
        String name = TestDriver.unique('foreign')
        def network = conn.networkDefineXML(XmlRenderer.network(Models.network(NetworkMode.BRIDGE, name),
                Annotations.NONE))
        cleanups << { network.undefine() }

        when:
        def facts = LibvirtXml.network(network.getXMLDesc(0))

        then:
        facts.owner().empty
        facts.bridge() == 'br0'
        facts.ranges().empty
        facts.hosts().empty
    }

    def 'reads back ownership, MACs and interfaces of a domain kvmsh defined'() {
        given:
        String name = TestDriver.unique('vm')
        def domain = conn.domainDefineXML(XmlRenderer.domain(Models.richVm(name), Models.ANNOTATED))
        cleanups << { domain.undefine() }

        when:
        def facts = LibvirtXml.domain(domain.getXMLDesc(0))

        then:
        facts.name() == name
        facts.uuid() == Models.UUID
        facts.owner() == Optional.of(Models.OWNER)
        facts.interfaces()*.type() == ['network', 'bridge', 'ethernet', 'ethernet']
        facts.interfaces()[0].sourceNetwork() == 'lan'
        facts.interfaces()[1].sourceBridge() == 'br0'
        // managed='no' is what makes libvirt keep a tap name with its own 'vnet' prefix
        facts.interfaces()*.targetDev()[2..3] == ['vnet1', 'kvtap7']

        and: 'fixed MACs stay, the preserved one is used, libvirt generated the missing one'
        facts.macs()[0] == '52:54:00:12:34:56'
        facts.macs()[1] == '52:54:00:99:99:91'
        facts.macs()[2] ==~ /52:54:00(:[0-9a-f]{2}){3}/
        facts.macs()[3] == '52:54:00:00:00:77'
    }

    def 'redefining with the MACs read back keeps every MAC'() {
        given:
        String name = TestDriver.unique('vm')
        def vm = Models.richVm(name)
        def first = LibvirtXml.domain(conn.domainDefineXML(XmlRenderer.domain(vm, Annotations.NONE)).getXMLDesc(0))

        when:
        def domain = conn.domainDefineXML(XmlRenderer.domain(vm,
                new Annotations(first.uuid(), Models.OWNER, first.macs())))
        cleanups << { domain.undefine() }
        def second = LibvirtXml.domain(domain.getXMLDesc(0))

        then:
        second.uuid() == first.uuid()
        second.macs() == first.macs()
        !second.macs().contains(null)
    }

    def 'finds our metadata whatever prefix it is written with'() {
        given:
        String xml = """<domain type='qemu'><name>x</name><metadata>
            <k:owner xmlns:k='${Ownership.NAMESPACE}' script='/s.kvm' digest='d'><k:tap name='t0'/></k:owner>
            <other:thing xmlns:other='urn:other'/></metadata></domain>"""

        expect:
        LibvirtXml.domain(xml).owner() == Optional.of(new Ownership('/s.kvm', 'd', ['t0'], []))
        LibvirtXml.domain(xml).interfaces().empty
    }

    def 'rejects XML of the wrong kind and malformed XML'() {
        when:
        LibvirtXml.network(input)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(expected)

        where:
        input                  | expected
        '<domain/>'            | 'expected <network>'
        '<network><name>'      | 'cannot parse'
        '<!DOCTYPE network [<!ENTITY x "y">]><network/>' | 'cannot parse'
    }

    def 'reads only elements in no namespace, in document order, like the XPath it replaces'() {
        given: 'a name and an interface inside foreign metadata, and two interfaces'
        String xml = """<domain type='qemu'>
          <metadata><x:name xmlns:x='urn:other'>not-it</x:name><x:devices xmlns:x='urn:other'><x:interface type='bad'/></x:devices></metadata>
          <name>vm1</name>
          <devices>
            <interface type='network'><source network='a'/><mac address='52:54:00:00:00:01'/></interface>
            <disk type='file'/>
            <interface type='bridge'><source bridge='br0'/><target dev='vnet3'/></interface>
          </devices>
        </domain>"""

        when:
        def facts = LibvirtXml.domain(xml)

        then:
        facts.name() == 'vm1'
        facts.interfaces()*.type() == ['network', 'bridge']
        facts.interfaces()*.sourceNetwork() == ['a', null]
        facts.interfaces()*.targetDev() == [null, 'vnet3']
        facts.owner().empty
    }

    def 'a parse error does not spoil the next document'() {
        when:
        LibvirtXml.domain('<domain><name>x</domain>')

        then:
        thrown(IllegalArgumentException)

        expect:
        LibvirtXml.domain('<domain><name>y</name></domain>').name() == 'y'
    }
}
