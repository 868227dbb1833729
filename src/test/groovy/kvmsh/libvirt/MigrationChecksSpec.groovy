package kvmsh.libvirt

import kvmsh.host.SimulatedLinks
import kvmsh.plan.MigrationOptions
import kvmsh.plan.StepFailedException
import spock.lang.Specification

/**
 * The checks a migration makes before anything moves, against two real libvirt test drivers
 * (each {@code test:///default} connection is a host of its own, with the same fixed host UUID,
 * which is exactly what libvirt would refuse), and what the checks read from domain and
 * capabilities XML. The migration itself is MigrationE2ESpec's, between two sandboxes.
 */
class MigrationChecksSpec extends Specification {

    LibvirtHypervisor a = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())
    LibvirtHypervisor b = LibvirtHypervisor.connect('test:///default', new SimulatedLinks())

    def cleanup() {
        a.close()
        b.close()
    }

    def 'a VM of the same name on the target and a disk kvmsh cannot copy are reported before anything moves'() {
        when:
        def problems = a.migrationProblems('test', b, MigrationOptions.DEFAULT)

        then:
        problems == ['a vm named test already exists on test:///default',
                     'disk vda of vm test (/guest/diskimage1) is in no storage pool on test:///default, so kvmsh cannot '
                             + 'make its copy on test:///default — put it in a pool, or keep it on shared storage and use copyStorage: false']

        when: 'migrating anyway'
        a.migrate('test', b, MigrationOptions.DEFAULT, kvmsh.plan.MigrationProgress.NONE)

        then: 'one line with every problem, and the VM is where it was'
        def e = thrown(StepFailedException)
        e.message.startsWith('cannot move vm test from test:///default to test:///default: a vm named test already exists')
        a.connection().domainLookupByName('test').isActive() == 1
    }

    def 'without the disk copy, a disk the target does not have is named'() {
        expect:
        a.migrationProblems('test', b, new MigrationOptions(true, MigrationOptions.CopyStorage.FALSE, 0, 0))[1] ==
                'disk vda of vm test (/guest/diskimage1) is not on test:///default — it is copied only with copyStorage: true or auto'
    }

    def 'a read-only volume the target lacks (a cloud-init seed) is copied; with copyStorage: false it is named'() {
        given: 'two hosts of their own, a VM on one with its seed on an IDE CD-ROM'
        def dir = java.nio.file.Files.createTempDirectory('kvmsh-mig')
        def one = LibvirtHypervisor.connect(kvmsh.testing.TestHosts.host(dir, 'one'), new SimulatedLinks())
        def two = LibvirtHypervisor.connect(kvmsh.testing.TestHosts.host(dir, 'two'), new SimulatedLinks())
        one.connection().storagePoolLookupByName('default').storageVolCreateXML(
                "<volume><name>x-cidata.iso</name><capacity unit='bytes'>374784</capacity></volume>", 0)
        one.connection().domainDefineXML("""<domain type='test'><name>x</name><memory>65536</memory>
  <os><type arch='i686'>hvm</type></os>
  <devices><disk type='volume' device='cdrom'><source pool='default' volume='x-cidata.iso'/>
    <target dev='hdc' bus='ide'/><readonly/></disk></devices></domain>""")

        expect:
        one.migrationProblems('x', two, MigrationOptions.DEFAULT) == []
        one.migrationProblems('x', two, new MigrationOptions(true, MigrationOptions.CopyStorage.FALSE, 0, 0)) ==
                ["cdrom hdc of vm x (default/x-cidata.iso) is not on ${two.uri()} — it is copied only with copyStorage: true or auto".toString()]

        cleanup:
        one?.close()
        two?.close()
        dir.toFile().deleteDir()
    }

    def 'two hosts reporting one host UUID are refused; distinct ones or none are not'() {
        given:
        def m = new DomainMigration(a.connection(), 'a', b.connection(), 'b', kvmsh.progress.Waits.NONE)
        def caps = { String uuid -> "<capabilities><host>${uuid ? "<uuid>$uuid</uuid>" : ''}</host></capabilities>".toString() }

        expect:
        m.sameHost(caps('11111111-2222-3333-4444-555555555555'), caps('11111111-2222-3333-4444-555555555555')).get() ==
                'a and b report the same host UUID 11111111-2222-3333-4444-555555555555, so libvirt would take it for a ' +
                'migration to the same host — give each libvirtd its own host_uuid in libvirtd.conf'
        m.sameHost(caps('11111111-2222-3333-4444-555555555555'), caps('11111111-2222-3333-4444-666666666666')).isEmpty()
        m.sameHost(caps(null), caps(null)).isEmpty()
    }

    def 'a network the VM uses that the target lacks is named'() {
        given:
        b.connection().networkLookupByName('default').destroy()
        b.connection().networkLookupByName('default').undefine()

        expect:
        a.migrationProblems('test', b, MigrationOptions.DEFAULT).contains(
                'network default, which vm test uses, does not exist on test:///default — declare it there too')
    }

    def 'a VM that is not there is the only problem'() {
        expect:
        a.migrationProblems('nosuch', b, MigrationOptions.DEFAULT) == ['vm nosuch is not on test:///default']
    }

    def 'reads networks, disks, machine and CPU from domain XML'() {
        when:
        def f = MigrationFacts.of('''<domain type='kvm'><name>web</name>
  <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>
  <cpu mode='custom'><model>Skylake-Client</model></cpu>
  <devices>
    <disk type='volume' device='disk'><driver name='qemu' type='qcow2'/><source pool='default' volume='web-vda.qcow2'/><target dev='vda'/></disk>
    <disk type='file' device='cdrom'><source file='/iso/x.iso'/><target dev='hdc'/><readonly/></disk>
    <interface type='network'><source network='lan'/></interface>
    <interface type='network'><source network='lan'/></interface>
    <interface type='bridge'><source bridge='br0'/></interface>
  </devices></domain>''')

        then:
        f.name() == 'web' && f.type() == 'kvm' && f.arch() == 'x86_64' && f.machine() == 'pc-q35-7.2'
        f.cpuXml().contains('<model>Skylake-Client</model>')
        f.networks() == ['lan']
        f.disks()*.where() == ['default/web-vda.qcow2', '/iso/x.iso']
        f.disks()*.copied() == [true, false]
    }

    def 'the machine types a host offers are those of the arch and virtualization type asked for'() {
        given:
        def caps = '''<capabilities><host><uuid>11111111-2222-3333-4444-555555555555</uuid></host>
  <guest><os_type>hvm</os_type><arch name='x86_64'>
    <machine canonical='pc-i440fx-7.2'>pc</machine><machine>pc-q35-7.2</machine>
    <domain type='qemu'/>
    <domain type='kvm'><machine>kvm-only</machine></domain>
  </arch></guest>
  <guest><os_type>hvm</os_type><arch name='aarch64'><machine>virt</machine><domain type='qemu'/></arch></guest>
</capabilities>'''

        expect:
        MigrationFacts.hostUuid(caps) == '11111111-2222-3333-4444-555555555555'
        MigrationFacts.machines(caps, 'x86_64', 'qemu') == ['pc', 'pc-i440fx-7.2', 'pc-q35-7.2'] as Set
        MigrationFacts.machines(caps, 'x86_64', 'kvm') == ['pc', 'pc-i440fx-7.2', 'pc-q35-7.2', 'kvm-only'] as Set
        MigrationFacts.machines(caps, 'x86_64', 'xen').isEmpty()
    }
}
