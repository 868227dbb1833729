package kvmsh.libvirt

import kvmsh.model.DhcpRange
import kvmsh.model.DiskDef
import kvmsh.model.GraphicsDef
import kvmsh.model.KernelBoot
import kvmsh.model.NetworkDef
import kvmsh.model.NetworkMode
import kvmsh.model.NicDef
import kvmsh.model.Origin
import kvmsh.model.StaticHost
import kvmsh.model.VmDef
import kvmsh.plan.Ownership

/** Model objects for the libvirt specs: one network per mode and a VM using every feature. */
class Models {

    static final Origin O = Origin.UNKNOWN

    static NetworkDef network(NetworkMode mode, String name = 'lan') {
        if (mode == NetworkMode.BRIDGE) {
            return new NetworkDef(name, mode, null, null, 0, 'br0', false, 0, null, [], false, null, null, O)
        }
        new NetworkDef(name, mode, '10.0.0.0/24', '10.0.0.1', 24, 'kvbr-' + mode.keyword(), true, 2,
                new DhcpRange('10.0.0.100', '10.0.0.200', O),
                [new StaticHost('web', '52:54:00:00:00:0a', '10.0.0.10', O),
                 new StaticHost('db', '52:54:00:00:00:0b', '10.0.0.11', O)],
                true, null, null, O)
    }

    static VmDef richVm(String name = 'web') {
        new VmDef(name, 'kvm', 1024, 2,
                [new DiskDef(DiskDef.Device.DISK, '/var/lib/images/base.qcow2', 'qcow2', 'virtio', 'vda',
                        null, null, 0, O),
                 new DiskDef(DiskDef.Device.DISK, null, 'qcow2', 'virtio', 'vdb', 'default',
                         'web-vdb.qcow2', 10L * 1024 * 1024 * 1024, O),
                 new DiskDef(DiskDef.Device.CDROM, '/srv/iso/debian.iso', 'raw', 'sata', 'sda',
                         null, null, 0, O)],
                [],
                new KernelBoot('/srv/boot/vmlinuz', '/srv/boot/initrd.img', 'console=ttyS0 root=/dev/vda1'),
                [new NicDef(NicDef.Kind.NETWORK, 'lan', null, null, '52:54:00:12:34:56', 'virtio', O),
                 new NicDef(NicDef.Kind.BRIDGE, null, 'br0', null, null, 'e1000', O),
                 new NicDef(NicDef.Kind.TAP, 'lan', null, 'vnet1', null, 'virtio', O),
                 new NicDef(NicDef.Kind.TAP, null, null, 'kvtap7', '52:54:00:00:00:77', 'rtl8139', O)],
                new GraphicsDef('vnc', '127.0.0.1', -1),
                '/var/log/kvmsh/web-serial.log',
                false, null, O)
    }

    /** A VM the test driver can define: no volume (test:///default has its own pool contents), no kernel. */
    static VmDef simpleVm(String name, List<NicDef> nics) {
        new VmDef(name, 'qemu', 256, 1,
                [new DiskDef(DiskDef.Device.DISK, '/var/lib/images/x.qcow2', 'qcow2', 'virtio', 'vda',
                        null, null, 0, O)],
                ['hd', 'network'], null, nics, null, null, false, null, O)
    }

    static final String UUID = 'c7a5fdbd-edaf-9455-926a-d65c16db1809'

    static final Ownership OWNER = new Ownership('/abs/site.kvm', '0f' * 32, ['vnet1'],
            [new Ownership.VolumeRef('default', 'web-vdb.qcow2')])

    /** uuid + metadata + a preserved MAC for NIC 1 (NIC 0 has a fixed MAC of its own, NIC 2 none). */
    static final Annotations ANNOTATED = new Annotations(UUID, OWNER, ['52:54:00:99:99:90', '52:54:00:99:99:91'])

    static NicDef nic(NicDef.Kind kind, String target, String mac = null) {
        switch (kind) {
            case NicDef.Kind.NETWORK: return new NicDef(kind, target, null, null, mac, 'virtio', O)
            case NicDef.Kind.BRIDGE: return new NicDef(kind, null, target, null, mac, 'virtio', O)
            default: return new NicDef(kind, null, null, target, mac, 'virtio', O)
        }
    }
}
