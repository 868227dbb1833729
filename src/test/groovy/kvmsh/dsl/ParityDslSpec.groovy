package kvmsh.dsl

import kvmsh.model.DiskDef
import kvmsh.model.OpDef
import kvmsh.model.XmlEdit
import spock.lang.Specification

import static DslFixture.load
import static DslFixture.problems

/** The DSL of the virt-manager parity features: PXE, pools, overlays, OS defaults, customize, lifecycle. */
class ParityDslSpec extends Specification {

    static final String NET = "network 'deploy' { nat '10.9.0.0/24'; dhcp '10.9.0.100'..'10.9.0.200'"

    def 'pxe root: and file: become the network boot of the network, root relative to the script'() {
        when:
        def net = load("$NET; pxe root: 'tftp', file: 'pxelinux.0' }").network('deploy').get()

        then:
        net.pxe().tftpRoot() == new File(DslFixture.CWD, 'tftp').path
        net.pxe().bootFile() == 'pxelinux.0'
    }

    def 'pxe guest: true serves the test guest from its own directory with the iPXE script'() {
        given:
        def env = new FakeEnv(files: ['/'], guest: new TestGuest('/var/cache/kvmsh/guest/6.1/vmlinuz',
                '/var/cache/kvmsh/guest/6.1/initrd.img'))

        when:
        def net = load("$NET; pxe guest: true }", env).network('deploy').get()

        then:
        net.pxe().tftpRoot() == '/var/cache/kvmsh/guest/6.1'
        net.pxe().bootFile() == 'boot.ipxe'
    }

    def 'reports #what'() {
        expect:
        problems(script, new FakeEnv(files: ['/srv/tftp/', '/srv/img/base.qcow2'] as Set)) == [expected]

        where:
        what                              | script                                                                   || expected
        'pxe without DHCP'                | "network 'n' { nat '10.9.0.0/24'; pxe root: '/srv/tftp', file: 'p.0' }"  || "t.kvm:1:34: pxe needs the network's DHCP server to hand out the boot file — add a dhcp range, e.g. dhcp '10.0.0.100'..'10.0.0.200'"
        'a missing TFTP root'             | "$NET; pxe root: '/nowhere', file: 'p.0' }"                              || "t.kvm:1:72: TFTP root /nowhere does not exist — create it (relative paths are relative to the script's directory)"
        'a boot file outside the root'    | "$NET; pxe root: '/srv/tftp', file: '../x' }"                            || "t.kvm:1:72: pxe file: is relative to root: and stays inside it, got '../x' — e.g. file: 'pxelinux.0'"
        'pxe on a host bridge'            | "network 'n' { bridge 'br0'; pxe root: '/srv/tftp', file: 'p.0' }"       || "t.kvm:1:29: pxe is not allowed: bridge mode joins an existing bridge whose subnet kvmsh does not manage — remove it, or use nat/isolated/routed for a network of kvmsh's own"
        'pxe guest without a test guest'  | "$NET; pxe guest: true }"                                                || "t.kvm:1:72: the test guest is not available here — run the script with bin/kvmsh as root on Debian, or use pxe root:, file:"
        'an unknown OS'                   | "vm 'a' { os 'exos4' }"                                                  || "t.kvm:1:10: unknown OS 'exos4' in the osinfo database — did you mean 'exos1'?"
        'a bad XPath in customize'        | "vm 'a' { customize { set '/domain/[', 'x' } }"                          || "t.kvm:1:22: '/domain/[' is not a valid XPath — write it like '/domain/devices/disk[1]/target/@bus'"
        'a broken fragment in customize'  | "vm 'a' { customize { append '/domain/devices', '<rng>' } }"             || "t.kvm:1:22: the fragment is not one well-formed XML element: XML document structures must start and end within the same entity. — e.g. '<watchdog model=\"i6300esb\"/>'"
        'a customize setting outside it'  | "vm 'a' { customize { memory 5 } }"                                      || "t.kvm:1:22: unknown customize setting 'memory' — expected one of: append, remove, set"
        'a missing backing image'         | "vm 'a' { disk backing: '/srv/img/gone.qcow2' }"                         || "t.kvm:1:10: backing image /srv/img/gone.qcow2 does not exist — check the path (relative paths are relative to the script's directory)"
        'a pool without a type'           | "pool 'p' { autostart false }"                                           || "t.kvm:1:1: pool 'p' has no type — add dir '/srv/images'"
        'a snapshot without a name'       | "vm 'a'\nsnapshot 'a', label: 's1'"                                      || "t.kvm:2:1: unknown snapshot option 'label' — expected one of: name, description"
        'a lease wait without a number'   | "vm 'a'\nwaitForLease 'a', timeout: 'long'"                              || "t.kvm:2:1: waitForLease timeout: expects a whole number, got 'long' — e.g. timeout: 30"
        'attach with network and bridge'  | "vm 'a'\nattach 'a', nic: 0, to: 'default', bridge: 'br0'"               || "t.kvm:2:1: attach expects to: 'network' or bridge: 'br0' (and at most one of nic:, mac:) — e.g. attach 'vnet1', to: 'lan' or attach 'web', nic: 0, bridge: 'br0'"
    }

    def 'os fills disk bus, NIC model and memory the script does not set; explicit settings win'() {
        when:
        def vm = load("""$NET }
vm 'a' { os 'exos1'; disk size: '1G'; disk size: '2G', bus: 'virtio'; nic network: 'deploy' }
vm 'b' { os 'exos2'; memory 128; disk size: '1G'; nic network: 'deploy', model: 'e1000'; cdrom '/x.iso' }
""")
        def a = vm.vm('a').get()
        def b = vm.vm('b').get()

        then:
        a.os() == 'http://example.org/exos/1'
        a.memoryMiB() == 512
        a.disks()*.bus() == ['ide', 'virtio']
        a.disks()*.target() == ['hda', 'vda']
        a.nics()[0].model() == 'e1000'
        b.memoryMiB() == 128
        b.disks()*.bus() == ['virtio', 'ide']
        b.nics()[0].model() == 'e1000'
    }

    def 'without the osinfo database, os is ignored and kvmsh defaults apply'() {
        when:
        def vm = load("vm 'a' { os 'debian11'; disk size: '1G' }", new FakeEnv(files: ['/'], osinfoDb: null)).vm('a').get()

        then:
        vm.os() == null
        vm.memoryMiB() == 512
        vm.disks()[0].bus() == 'virtio'
    }

    def 'customize collects edits in order with their locations'() {
        when:
        def vm = load("""vm 'a' {
    customize {
        set '/domain/on_crash', 'restart'
        remove '/domain/features/apic'
        append '/domain/devices', '<watchdog model="i6300esb"/>'
    }
}""").vm('a').get()

        then:
        vm.customize()*.kind() == [XmlEdit.Kind.SET, XmlEdit.Kind.REMOVE, XmlEdit.Kind.APPEND]
        vm.customize()*.origin()*.line() == [3, 4, 5]
        vm.customize()[0].describe() == 'set /domain/on_crash = restart'
    }

    def 'disk backing: makes a qcow2 overlay volume, backing format from the extension unless given'() {
        when:
        def disks = load("""vm 'a' {
    disk backing: '/srv/base.qcow2'
    disk backing: '/srv/base.img', size: '20G', pool: 'extra', name: 'b.qcow2'
    disk backing: '/srv/base.img', backingFormat: 'qcow2'
}""").vm('a').get().disks()

        then:
        disks*.isOverlay() == [true, true, true]
        disks*.backingFormat() == ['qcow2', 'raw', 'qcow2']
        disks*.volume() == ['a-vda.qcow2', 'b.qcow2', 'a-vdc.qcow2']
        disks*.sizeBytes() == [0L, 20L << 30, 0L]
        disks*.format() == ['qcow2'] * 3
        disks[1].pool() == 'extra'
    }

    def 'an existing image keeps its format and bus, as in the seed qemu line (if=ide)'() {
        expect:
        load("vm 'a' { disk '/srv/seed.img', format: 'raw', bus: 'ide' }").vm('a').get().disks()[0] ==
                new DiskDef(DiskDef.Device.DISK, '/srv/seed.img', 'raw', 'ide', 'hda', null, null, 0,
                        new kvmsh.model.Origin('t.kvm', 1, 10))
    }

    def 'pool declares a directory pool, autostarting by default'() {
        when:
        def m = load("pool 'images' { dir '/srv/images' }\npool 'scratch' { dir 'scratch'; autostart false }")

        then:
        m.pools()*.name() == ['images', 'scratch']
        m.pools()*.path() == ['/srv/images', new File(DslFixture.CWD, 'scratch').path]
        m.pools()*.autostart() == [true, false]
    }

    def 'lifecycle statements become ops with their options, in order'() {
        when:
        def ops = load("""vm 'a' { nic network: 'default'; nic network: 'default' }
shutdown 'a', timeout: 30
reboot 'a'
suspend 'a'
resume 'a'
autostart 'a', true
snapshot 'a', name: 's1', description: 'first'
snapshots 'a'
revert 'a', name: 's1'
deleteSnapshot 'a', name: 's1'
waitForLease 'a', timeout: 90
stats 'a', samples: 3, interval: 2
watch 'a', until: 'stopped', seconds: 60
watch seconds: 5
attach 'a', nic: 1, bridge: 'br0'
attach 'a', mac: '52:54:00:AA:00:01', to: 'default'
""", new FakeEnv(files: ['/'], networks: ['default'] as Set)).ops()

        then:
        ops*.verb() == [OpDef.Verb.SHUTDOWN, OpDef.Verb.REBOOT, OpDef.Verb.SUSPEND, OpDef.Verb.RESUME,
                        OpDef.Verb.AUTOSTART, OpDef.Verb.SNAPSHOT, OpDef.Verb.SNAPSHOTS, OpDef.Verb.REVERT,
                        OpDef.Verb.DELETE_SNAPSHOT, OpDef.Verb.WAIT_FOR_LEASE, OpDef.Verb.STATS, OpDef.Verb.WATCH,
                        OpDef.Verb.WATCH, OpDef.Verb.MOVE_NIC, OpDef.Verb.MOVE_NIC]
        ops[0].options() == [timeout: '30']
        ops[4].options() == [on: 'true']
        ops[5].options() == [name: 's1', description: 'first']
        ops[10].options() == [samples: '3', interval: '2']
        ops[11].options() == [until: 'stopped', seconds: '60']
        ops[12].target() == null
        ops[13].options() == [nic: '1', bridge: 'br0']
        ops[14].options() == [mac: '52:54:00:aa:00:01', to: 'default']
        ops*.verb()*.keyword().contains('waitForLease')
        ops*.verb()*.keyword().contains('deleteSnapshot')
    }

    def 'the test guest can show its disks and keep pinging to watch reachability'() {
        given:
        def env = new FakeEnv(files: ['/'], guest: new TestGuest('/g/vmlinuz', '/g/initrd.img'))

        expect:
        load("vm 'a' { guest reach: ['10.0.0.1', '10.0.0.2'], show: 'block', stay: true }", env).vm('a').get()
                .kernel().cmdline() == 'console=ttyS0 panic=-1 loglevel=4 kvmsh.reach=10.0.0.1,10.0.0.2 kvmsh.show=block kvmsh.stay=1 kvmsh.name=a'
    }

    def "the virt-manager example loads: PXE network, OS, thin disk, customize, then lease, stats, shutdown"() {
        given:
        def env = new FakeEnv(files: ['/'], guest: new TestGuest('/g/vmlinuz', '/g/initrd.img'),
                osinfoDb: kvmsh.osinfo.OsInfoDb.system().orElse(null))
        def file = java.nio.file.Path.of(System.getProperty('kvmsh.projectDir', '.'), 'dsl-examples', 'virt-manager.kvm')

        when:
        def m = new ScriptLoader(env).load(file, [])
        def vm = m.vm('install1').get()

        then:
        m.network('deploy').get().pxe().bootFile() == 'boot.ipxe'
        vm.boot() == ['network', 'hd']
        vm.disks()[0].sizeBytes() == 8L << 30
        vm.memoryMiB() == 256
        vm.customize().size() == 2
        m.ops()*.verb() == [OpDef.Verb.WAIT_FOR_LEASE, OpDef.Verb.STATS, OpDef.Verb.SHUTDOWN]
    }
}
