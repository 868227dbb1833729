package kvmsh.libvirt

import kvmsh.dsl.FakeEnv
import kvmsh.dsl.ScriptLoader
import kvmsh.dsl.save.ScriptWriter
import kvmsh.osinfo.OsInfoDb
import kvmsh.plan.DomainState
import kvmsh.plan.HostState
import kvmsh.plan.NetworkState
import spock.lang.Specification

/**
 * kvmsh import on the XML virt-install and libvirt write: the script reads like one a person would
 * write, and loading it gives a declaration whose digest is the host object's own (what makes
 * adopting it plan nothing else).
 */
class HostImportSpec extends Specification {

    static final String VIRT_INSTALL = HostImportSpec.getResource('/import/virt-install-domain.xml').text
    static final String DEFAULT_NET = HostImportSpec.getResource('/import/libvirt-default-network.xml').text

    // The OS ids this machine's osinfo database knows decide whether `os` is declared; the same
    // database validates the script, so the round trip holds either way.
    OsInfoDb db = OsInfoDb.system().orElse(FakeEnv.TEST_OSINFO)
    FakeEnv env = new FakeEnv(files: ['/var/lib/libvirt/images/'], networks: ['lab'], osinfoDb: db)

    HostState host(Map<String, DomainState> domains, Map<String, NetworkState> networks = [:]) {
        new HostState('qemu:///system', networks, domains, [] as Set, [] as Set, [:], [:])
    }

    DomainState domain(String xml, boolean running = false) {
        new DomainState(LibvirtXml.domain(xml).name(), running, false, Optional.empty(), xml)
    }

    NetworkState network(String xml) {
        def f = LibvirtXml.network(xml)
        new NetworkState(f.name(), true, true, Optional.empty(), f.bridge(), null, [], xml)
    }

    String importText(HostState h) {
        def r = HostImport.of(h, new HostImport.Storage([:], [:]), [], '/root/host.kvm')
        ScriptWriter.write(r.model(), r.comments())
    }

    def "a virt-install VM is declared with the DSL's settings, and customize only for what they cannot say"() {
        when:
        def text = importText(host([vm1: domain(VIRT_INSTALL)]))

        then:
        text.contains("vm 'vm1' {")
        text.contains('memory 1024')
        text.contains('cpus 2')
        text.contains("disk '/var/lib/libvirt/images/vm1.qcow2'")
        text.contains("boot 'network', 'hd'")
        text.contains("nic network: 'lab', mac: '52:54:00:3a:5e:71'")
        text.contains("graphics 'spice'")
        text.contains("state 'stopped'")
        // What the DSL cannot say, each edit under its reason:
        text.contains("set '/domain/os/type/@machine', 'pc-q35-7.2'")
        text.contains("set '/domain/devices/disk[1]/driver/@discard', 'unmap'")
        text.contains("append '/domain/features', '<vmport state=\"off\"/>'")
        text.contains("append '/domain/devices', '<video><model heads=\"1\" primary=\"yes\" ram=\"65536\" type=\"qxl\"")
        text.contains("append '/domain/devices', '<rng model=\"virtio\"><backend model=\"random\">/dev/urandom</backend></rng>'")
        text.contains("append '/domain/devices', '<channel type=\"unix\"><target name=\"org.qemu.guest_agent.0\" type=\"virtio\"/></channel>'")
        text.contains('// the machine type: no DSL setting')
        // What libvirt adds by itself is not carried: controllers, addresses, PS/2 input, the balloon.
        !text.contains('controller')
        !text.contains('address type')
        !text.contains('ps2')
        !text.contains('memballoon')
        // Loops are not invented, and nothing is declared twice.
        !(text =~ /(?m)^\s*for \(/)
        text.count("vm 'vm1'") == 1
    }

    def 'the imported script loads as a declaration whose digest is the VM as it is'() {
        given:
        def state = domain(VIRT_INSTALL)
        def text = importText(host([vm1: state]))

        when:
        def model = new ScriptLoader(env).load(text, '/root/host.kvm', [])
        def xml = XmlRenderer.domain(model.vms()[0], Annotations.NONE)

        then:
        XmlDigester.INSTANCE.domain(model.vms()[0]) == XmlDigester.INSTANCE.domain(state)
        // The rendering carries what virt-install wrote.
        xml.contains("machine=\"pc-q35-7.2\"")
        xml.contains('<boot dev="network"/>')
        xml.contains('<mac address="52:54:00:3a:5e:71"/>')
        xml.contains('<clock offset="utc">')
        xml.contains('<suspend-to-mem enabled="no"/>')
        xml.contains('<channel type="unix">')
        xml.contains('type="qxl"')
        xml.contains('<input bus="usb" type="tablet"/>')
    }

    def 'a change of the declaration changes its digest away from the VM'() {
        given:
        def state = domain(VIRT_INSTALL)
        def text = importText(host([vm1: state])).replace('memory 1024', 'memory 2048')

        expect:
        XmlDigester.INSTANCE.domain(new ScriptLoader(env).load(text, '/root/host.kvm', []).vms()[0]) !=
                XmlDigester.INSTANCE.domain(state)
    }

    def "libvirt's default network imports as a nat block with libvirt's STP setting, and what is lost is said"() {
        given:
        def state = network(DEFAULT_NET)

        when:
        def text = importText(host([:], [default: state]))
        def model = new ScriptLoader(env).load(text, '/root/host.kvm', [])

        then:
        text.contains("nat '192.168.122.0/24'")
        text.contains("gateway '192.168.122.1'")
        text.contains("dhcp '192.168.122.2'..'192.168.122.254'")
        text.contains("device 'virbr0'")
        text.contains('stp true')
        text.contains('delay 0')
        text.contains("driver 'libvirt'")
        text.contains('// its bridge MAC 52:54:00:0a:cd:21 is not kept if kvmsh redefines it')
        text.contains('// its forward settings are not kept')
        XmlDigester.INSTANCE.network(model.networks()[0]) == XmlDigester.INSTANCE.network(state)
    }

    def 'objects the DSL cannot declare are listed in comments, not dropped'() {
        given:
        def macvtap = network('''<network><name>direct1</name><uuid>0b5d7d1c-4d3e-4f0a-9c59-7e1b1b8f2d10</uuid>
            <forward mode='passthrough'><interface dev='eth1'/></forward></network>''')

        when:
        def text = importText(host([:], [direct1: macvtap]))

        then:
        !text.contains("network 'direct1'")
        text.contains('// Not declared (kvmsh cannot represent these; they are left as they are):')
        text.contains('// network direct1 (forward mode passthrough')
    }

    def 'a disk the DSL cannot name (an LVM volume) is kept whole as an edit'() {
        given:
        def xml = VIRT_INSTALL.replace("""<disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' discard='unmap'/>
      <source file='/var/lib/libvirt/images/vm1.qcow2'/>""", """<disk type='block' device='disk'>
      <driver name='qemu' type='raw'/>
      <source dev='/dev/vg0/vm1'/>""")
        def state = domain(xml)

        when:
        def text = importText(host([vm1: state]))

        then:
        text.contains("append '/domain/devices', '<disk device=\"disk\" type=\"block\"><driver name=\"qemu\" type=\"raw\"/><source dev=\"/dev/vg0/vm1\"/><target bus=\"virtio\" dev=\"vda\"/></disk>'")
        XmlDigester.INSTANCE.domain(new ScriptLoader(env).load(text, '/root/host.kvm', []).vms()[0]) ==
                XmlDigester.INSTANCE.domain(state)
    }
}
