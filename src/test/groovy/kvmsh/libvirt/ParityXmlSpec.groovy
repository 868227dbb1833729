package kvmsh.libvirt

import kvmsh.model.DhcpRange
import kvmsh.model.DiskDef
import kvmsh.model.NetworkDef
import kvmsh.model.NetworkMode
import kvmsh.model.NicDef
import kvmsh.model.Origin
import kvmsh.model.PoolDef
import kvmsh.model.PxeDef
import kvmsh.model.StaticHost
import kvmsh.model.VmDef
import kvmsh.model.VmState
import kvmsh.model.XmlEdit
import spock.lang.Specification

import static kvmsh.libvirt.XmlChecks.diff
import static kvmsh.libvirt.XmlChecks.golden
import static kvmsh.libvirt.XmlChecks.validate

/** XML of the virt-manager parity features: PXE, OS metadata, customize edits, overlays, pools, snapshots. */
class ParityXmlSpec extends Specification {

    static final Origin O = new Origin('t.kvm', 7, 5)

    static NetworkDef pxeNetwork(PxeDef pxe = new PxeDef('/srv/tftp', 'pxelinux.0', O)) {
        new NetworkDef('deploy', NetworkMode.NAT, '192.168.150.0/24', '192.168.150.1', 24, 'deploy', false, 0,
                new DhcpRange('192.168.150.100', '192.168.150.200', O),
                [new StaticHost('web', '52:54:00:00:00:0a', '192.168.150.10', O)], true, pxe, null, O)
    }

    static VmDef install(List<XmlEdit> edits) {
        def disks = [new DiskDef(DiskDef.Device.DISK, null, 'qcow2', 'virtio', 'vda', 'default', 'install1-vda.qcow2',
                8L << 30, O),
                     new DiskDef(DiskDef.Device.DISK, '/srv/images/seed.img', 'raw', 'ide', 'hda', null, null, 0, O)]
        def nics = [new NicDef(NicDef.Kind.NETWORK, 'deploy', null, null, '52:54:00:00:15:01', 'virtio', O)]
        new VmDef('install1', 'qemu', 1024, 2, disks, ['network', 'hd'], null, nics, null, null, false,
                VmState.RUNNING, 'http://debian.org/debian/11', edits, O)
    }

    static final List<XmlEdit> EDITS = [
            new XmlEdit(XmlEdit.Kind.SET, '/domain/on_crash', 'restart', O),
            new XmlEdit(XmlEdit.Kind.SET, '/domain/cpu/@mode', 'host-passthrough', O),
            new XmlEdit(XmlEdit.Kind.REMOVE, '/domain/features/apic', null, O),
            new XmlEdit(XmlEdit.Kind.APPEND, '/domain/devices',
                    '<rng model="virtio"><backend model="random">/dev/urandom</backend></rng>', O)]

    def 'a network serving PXE has a TFTP root and a bootp file, like its golden file, and libvirt accepts it'() {
        when:
        String xml = XmlRenderer.network(pxeNetwork(), Annotations.NONE)

        then:
        !diff(golden('network-pxe.xml'), xml).hasDifferences()
        validate(xml, 'network').ok()
    }

    def 'the network digest changes with the TFTP root and the boot file'() {
        expect:
        XmlDigester.INSTANCE.network(pxeNetwork()) != XmlDigester.INSTANCE.network(pxeNetwork(null))
        XmlDigester.INSTANCE.network(pxeNetwork()) !=
                XmlDigester.INSTANCE.network(pxeNetwork(new PxeDef('/srv/tftp', 'boot.ipxe', O)))
        XmlDigester.INSTANCE.network(pxeNetwork()) ==
                XmlDigester.INSTANCE.network(pxeNetwork(new PxeDef('/srv/tftp', 'pxelinux.0', O)))
    }

    def 'a VM with an OS id and customize edits renders like its golden file, and libvirt accepts it'() {
        when:
        String xml = XmlRenderer.domain(install(EDITS), Annotations.NONE)

        then:
        !diff(golden('domain-parity.xml'), xml).hasDifferences()
        validate(xml, 'domain').ok()
    }

    def 'customize edits keep the ownership metadata and change the digest'() {
        given:
        def owner = new kvmsh.plan.Ownership('/abs/site.kvm', 'ab' * 32, [], [])

        when:
        String xml = XmlRenderer.domain(install(EDITS), new Annotations(Models.UUID, owner, []))
        def facts = LibvirtXml.domain(xml)

        then:
        facts.owner().get().script() == '/abs/site.kvm'
        facts.uuid() == Models.UUID
        XmlDigester.INSTANCE.domain(install(EDITS)) != XmlDigester.INSTANCE.domain(install([]))
        validate(xml, 'domain').ok()
    }

    def 'a customize edit that selects nothing it could create is an error naming its line'() {
        when:
        XmlRenderer.domain(install([new XmlEdit(kind, xpath, value, O)]), Annotations.NONE)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith('t.kvm:7:5: customize')
        e.message.contains(why)

        where:
        kind               | xpath                           | value    || why
        XmlEdit.Kind.SET    | "/domain/devices/disk[9]/@x"    | 'y'      || 'selects nothing'
        XmlEdit.Kind.SET    | '/other/thing'                  | 'y'      || 'does not start at the root'
        XmlEdit.Kind.APPEND | '/domain/nothing'               | '<a/>'   || 'selects no element'
        // A remove that selects nothing is a mistyped XPath, not a no-op (issue 13).
        XmlEdit.Kind.REMOVE | '/domain/nothing'               | null     || 'selects nothing to remove'
    }

    def 'a copy-on-write overlay volume names its backing image, like its golden file'() {
        given:
        def overlay = new DiskDef(DiskDef.Device.DISK, null, 'qcow2', 'virtio', 'vda', 'default', 'web-vda.qcow2', 0,
                '/srv/images/base.qcow2', 'qcow2', O)

        when:
        String xml = XmlRenderer.volume(overlay)

        then:
        !diff(golden('volume-overlay.xml'), xml).hasDifferences()
        validate(xml, 'storagevol').ok()
    }

    def 'a directory pool and a snapshot render like their golden files, and libvirt accepts them'() {
        when:
        String pool = XmlRenderer.pool(new PoolDef('images', 'dir', '/srv/images', true, O))
        String snapshot = XmlRenderer.snapshot('s1', 'before the upgrade')

        then:
        !diff(golden('pool-dir.xml'), pool).hasDifferences()
        validate(pool, 'storagepool').ok()
        !diff(golden('snapshot.xml'), snapshot).hasDifferences()
        validate(snapshot, 'domainsnapshot').ok()
        LibvirtXml.poolPath(pool) == '/srv/images'
    }

    def 'a live NIC move rewrites one interface by index to a network or a bridge, keeping MAC and tap'() {
        given:
        def vm = Models.simpleVm('x', [Models.nic(NicDef.Kind.NETWORK, 'lan', '52:54:00:00:00:01'),
                                        Models.nic(NicDef.Kind.NETWORK, 'lan', '52:54:00:00:00:02')])
        String domainXml = XmlRenderer.domain(vm, Annotations.NONE)
                .replace('<source network="lan"/>', '<source network="lan"/><target dev="vnet9"/>')

        when:
        String toNet = InterfaceXml.retarget(domainXml, 1, 'wan', null)
        String toBridge = InterfaceXml.retarget(domainXml, 0, null, 'br0')

        then:
        toNet.contains('type="network"') && toNet.contains('network="wan"') && toNet.contains('52:54:00:00:00:02')
        toBridge.contains('type="bridge"') && toBridge.contains('bridge="br0"') && toBridge.contains('52:54:00:00:00:01')
        toBridge.contains('vnet9')

        when:
        InterfaceXml.retarget(domainXml, 2, 'wan', null)

        then:
        thrown(IllegalArgumentException)
    }
}
