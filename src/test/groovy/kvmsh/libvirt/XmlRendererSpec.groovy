package kvmsh.libvirt

import javax.xml.parsers.DocumentBuilderFactory
import kvmsh.dsl.DslFixture
import kvmsh.dsl.FakeEnv
import kvmsh.model.DhcpRange
import kvmsh.model.DiskDef
import kvmsh.model.NetworkMode
import kvmsh.model.NicDef
import kvmsh.model.Origin
import kvmsh.model.StaticHost
import kvmsh.model.VmDef
import spock.lang.Specification

import static kvmsh.libvirt.XmlChecks.diff
import static kvmsh.libvirt.XmlChecks.golden
import static kvmsh.libvirt.XmlChecks.validate

class XmlRendererSpec extends Specification {

    def 'golden file #file is valid libvirt #type XML'() {
        expect:
        validate(golden(file), type).with { assert it.ok(), it.stdout() + it.stderr(); true }

        where:
        file                     | type
        'network-nat.xml'        | 'network'
        'network-isolated.xml'   | 'network'
        'network-routed.xml'     | 'network'
        'network-bridge.xml'     | 'network'
        'network-annotated.xml'  | 'network'
        'network-forward.xml'    | 'network'
        'domain-rich.xml'        | 'domain'
        'domain-annotated.xml'   | 'domain'
        'volume.xml'             | 'storagevol'
    }

    def 'renders a #mode network like its golden file, and libvirt accepts it'() {
        when:
        String xml = XmlRenderer.network(Models.network(mode), Annotations.NONE)

        then:
        !diff(golden("network-${mode.keyword()}.xml"), xml).hasDifferences()
        validate(xml, 'network').ok()

        where:
        mode << NetworkMode.values()
    }

    def 'renders a #what network with its IPv6 <ip> (NAT66 for nat), like its golden file, and libvirt accepts it'() {
        given:
        def net = DslFixture.load(script, new FakeEnv()).networks()[0]

        when:
        String xml = XmlRenderer.network(net, Annotations.NONE)

        then:
        !diff(golden(file), xml).hasDifferences()
        validate(xml, 'network').ok()

        where:
        what         | file                       | script
        'dual-stack' | 'network-dualstack.xml'    | """network 'lab' { nat '10.0.0.0/24'; dhcp '10.0.0.100'..'10.0.0.200'; ipv6 'fd00:10::/64'
                                                       dhcp6 'fd00:10::100'..'fd00:10::1ff'
                                                       host 'db', mac: '52:54:00:00:00:10', ip: '10.0.0.5', ip6: 'fd00:10::5'
                                                       host 'six', mac: '52:54:00:00:00:11', ip6: 'fd00:10::6' }"""
        'IPv6-only'  | 'network-ipv6-routed.xml'  | "network 'six' { routed 'fd00:20::/64' }"
        'named'      | 'network-domain.xml'       | "network 'lab' { nat '10.0.0.0/24'; dhcp '10.0.0.100'..'10.0.0.200'; domain 'Lab.Local'; host 'db', mac: '52:54:00:00:00:10', ip: '10.0.0.5' }"
    }

    def 'a bridged network names the existing bridge and nothing else'() {
        when:
        def doc = parse(XmlRenderer.network(Models.network(NetworkMode.BRIDGE), Annotations.NONE))

        then:
        doc.getElementsByTagName('forward').item(0).getAttribute('mode') == 'bridge'
        doc.getElementsByTagName('bridge').item(0).attributes.length == 1
        doc.getElementsByTagName('ip').length == 0
    }

    def 'renders a VM with every kind of disk, NIC, kernel boot, serial log and VNC like its golden file'() {
        when:
        String xml = XmlRenderer.domain(Models.richVm(), Annotations.NONE)

        then:
        !diff(golden('domain-rich.xml'), xml).hasDifferences()
        validate(xml, 'domain').ok()
    }

    def 'renders uuid, ownership metadata and preserved MACs, a fixed MAC winning over a preserved one'() {
        given:
        def vm = Models.simpleVm('web', [
                Models.nic(NicDef.Kind.NETWORK, 'lan', '52:54:00:12:34:56'),
                Models.nic(NicDef.Kind.NETWORK, 'lan'),
                Models.nic(NicDef.Kind.BRIDGE, 'br0')])

        when:
        String xml = XmlRenderer.domain(vm, Models.ANNOTATED)

        then:
        !diff(golden('domain-annotated.xml'), xml).hasDifferences()
        validate(xml, 'domain').ok()
        parse(xml).getElementsByTagNameNS(kvmsh.plan.Ownership.NAMESPACE, 'owner').length == 1
    }

    def 'renders a network with uuid and ownership metadata'() {
        given:
        def owner = new kvmsh.plan.Ownership('/abs/site.kvm', 'ab' * 32, [], [])

        when:
        String xml = XmlRenderer.network(Models.network(NetworkMode.NAT), new Annotations(Models.UUID, owner, []))

        then:
        !diff(golden('network-annotated.xml'), xml).hasDifferences()
        validate(xml, 'network').ok()
    }

    def 'a NAT network with forwards is libvirt\'s open mode with the forwards in kvmsh\'s metadata, read back as declared'() {
        given:
        def net = DslFixture.load("""network 'lab' { nat '10.0.0.0/24'; dhcp '10.0.0.100'..'10.0.0.200'
    host 'web', mac: '52:54:00:00:00:05', ip: '10.0.0.5'; forward 2222, to: 'web:22'; forward 53, to: 'web', proto: 'udp' }""",
                new FakeEnv()).networks()[0]
        def owner = new kvmsh.plan.Ownership('/abs/site.kvm', 'ab' * 32, [], [])

        when:
        String xml = XmlRenderer.network(net, new Annotations(Models.UUID, owner, []))
        def state = new kvmsh.plan.NetworkState('lab', false, true, Optional.of(owner), 'lab', null, [], xml)

        then:
        !diff(golden('network-forward.xml'), xml).hasDifferences()
        validate(xml, 'network').ok()
        LibvirtXml.network(xml).forwards()*.describe() == ['tcp 2222 → web:22 (10.0.0.5)', 'udp 53 → web:53 (10.0.0.5)']
        NetworkImport.of(state).def().mode() == NetworkMode.NAT
        NetworkImport.of(state).def().forwards()*.describe() == net.forwards()*.describe()

        and: 'the digest sees open mode, not the forwards: those are updated in place'
        XmlDigester.INSTANCE.network(net) == XmlDigester.INSTANCE.network(net.withForwards(net.forwards().take(1)))
        XmlDigester.INSTANCE.network(net) != XmlDigester.INSTANCE.network(net.withForwards([]))
        XmlRenderer.network(net.withForwards([]), Annotations.NONE).contains('<forward mode="nat"/>')
    }

    def "a redefined network keeps its bridge's MAC, so guests' ARP caches still hold their gateway's"() {
        when:
        String xml = XmlRenderer.network(Models.network(NetworkMode.NAT), new Annotations(Models.UUID, null, ['52:54:00:0a:0b:0c']))

        then:
        validate(xml, 'network').ok()
        LibvirtXml.network(xml).mac() == '52:54:00:0a:0b:0c'
        LibvirtXml.network(XmlRenderer.network(Models.network(NetworkMode.NAT), Annotations.NONE)).mac() == null
    }

    def 'renders a new disk as a thin volume'() {
        when:
        String xml = XmlRenderer.volume(Models.richVm().disks()[1])

        then:
        !diff(golden('volume.xml'), xml).hasDifferences()
        validate(xml, 'storagevol').ok()
    }

    def 'refuses to render an existing image as a volume'() {
        when:
        XmlRenderer.volume(Models.richVm().disks()[0])

        then:
        thrown(IllegalArgumentException)
    }

    def 'escapes XML special characters in names and values'() {
        given:
        String nasty = 'a&b<c\'d"e>'
        def kernel = new kvmsh.model.KernelBoot('/boot/vmlinuz', null, "console=ttyS0 x=$nasty")
        def vm = new VmDef(nasty, 'qemu', 64, 1, [], [], kernel, [], null, "/tmp/${nasty}.log", false, null,
                Origin.UNKNOWN)
        def net = Models.network(NetworkMode.ISOLATED, nasty)

        when:
        String domainXml = XmlRenderer.domain(vm, Annotations.NONE)
        String networkXml = XmlRenderer.network(net, Annotations.NONE)
        def domain = parse(domainXml)

        then:
        domain.getElementsByTagName('name').item(0).textContent == nasty
        domain.getElementsByTagName('cmdline').item(0).textContent == "console=ttyS0 x=$nasty"
        domain.getElementsByTagName('log').item(0).getAttribute('file') == "/tmp/${nasty}.log"
        parse(networkXml).getElementsByTagName('name').item(0).textContent == nasty
        validate(domainXml, 'domain').ok()
        validate(networkXml, 'network').ok()
    }

    def 'renders the same text every time, so digests are stable and annotations do not change them'() {
        expect:
        XmlRenderer.domain(Models.richVm(), Annotations.NONE) == XmlRenderer.domain(Models.richVm(), Annotations.NONE)
        kvmsh.plan.Digester.sha256(XmlRenderer.domain(Models.richVm(), Annotations.NONE)) ==
                kvmsh.plan.Digester.sha256(XmlRenderer.domain(Models.richVm(), Annotations.NONE))
        XmlRenderer.domain(Models.richVm(), Models.ANNOTATED) != XmlRenderer.domain(Models.richVm(), Annotations.NONE)
    }

    def 'digests are SHA-256 in lowercase hex of the rendering without annotations'() {
        expect:
        kvmsh.plan.Digester.sha256('abc') == 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
        XmlDigester.INSTANCE.network(Models.network(NetworkMode.NAT)) != XmlDigester.INSTANCE.network(Models.network(NetworkMode.ROUTED))
    }

    def 'renders a #type console on #port'() {
        given:
        def vm = Models.simpleVm('x', []).with {
            new VmDef(name(), virtType(), memoryMiB(), cpus(), disks(), boot(), null, nics(),
                    new kvmsh.model.GraphicsDef(type, listen, port), null, false, null, origin())
        }

        when:
        String xml = XmlRenderer.domain(vm, Annotations.NONE)
        def graphics = parse(xml).getElementsByTagName('graphics').item(0)

        then:
        validate(xml, 'domain').ok()
        graphics.getAttribute('type') == type
        graphics.getAttribute('autoport') == autoport
        graphics.getElementsByTagName('listen').length == (listen ? 1 : 0)

        where:
        type    | listen      | port || autoport
        'vnc'   | '0.0.0.0'   | 5905 || 'no'
        'spice' | '127.0.0.1' | -1   || 'yes'
        'spice' | null        | -1   || 'yes'
    }

    def 'rejects an unknown boot device'() {
        given:
        def vm = Models.simpleVm('x', []).with {
            new VmDef(name(), virtType(), memoryMiB(), cpus(), disks(), ['floppy'], null, nics(), null, null,
                    false, null, origin())
        }

        when:
        XmlRenderer.domain(vm, Annotations.NONE)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains("'floppy'")
    }

    def 'a CD-ROM without an image is an empty drive'() {
        given:
        def cdrom = new DiskDef(DiskDef.Device.CDROM, null, 'raw', 'sata', 'sda', null, null, 0, Origin.UNKNOWN)
        def vm = new VmDef('x', 'qemu', 64, 1, [cdrom], ['cdrom'], null, [], null, null, false, null,
                Origin.UNKNOWN)

        when:
        String xml = XmlRenderer.domain(vm, Annotations.NONE)

        then:
        parse(xml).getElementsByTagName('source').length == 0
        validate(xml, 'domain').ok()
    }

    def 'renders the DHCP snippets virNetworkUpdate takes'() {
        expect:
        XmlRenderer.dhcpHost(new StaticHost('web', '52:54:00:00:00:0a', '10.0.0.10', Origin.UNKNOWN)).strip() ==
                '<host mac="52:54:00:00:00:0a" name="web" ip="10.0.0.10"/>'
        XmlRenderer.dhcpRange(new DhcpRange('10.0.0.2', '10.0.0.9', Origin.UNKNOWN)).strip() ==
                '<range start="10.0.0.2" end="10.0.0.9"/>'
    }

    private static parse(String xml) {
        def factory = DocumentBuilderFactory.newInstance()
        factory.namespaceAware = true
        factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes('UTF-8')))
    }
}
