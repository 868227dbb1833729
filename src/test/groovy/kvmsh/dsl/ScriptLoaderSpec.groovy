package kvmsh.dsl

import java.nio.file.Path
import kvmsh.model.DiskDef
import kvmsh.model.NetworkMode
import kvmsh.model.NicDef
import kvmsh.model.OpDef
import kvmsh.model.Origin
import kvmsh.model.VmState
import spock.lang.Specification

class ScriptLoaderSpec extends Specification {

    static Path resource(String name) {
        Path.of(ScriptLoaderSpec.getResource("/dsl/$name").toURI())
    }

    def 'loads the card example verbatim'() {
        when:
        def model = new ScriptLoader(new FakeEnv()).load(resource('card.kvm'), [])
        def net = model.networks()[0]
        def vm = model.vms()[0]

        then:
        model.networks()*.name() == ['isolationbr']
        net.mode() == NetworkMode.NAT
        net.cidr() == '10.0.0.0/8'
        net.prefix() == 8
        net.dhcp().start() == '10.0.0.1'
        net.dhcp().end() == '10.0.0.100'
        net.gateway() == '10.0.0.101' // first host address outside the DHCP range
        net.bridge() == 'isolationbr'
        !net.stp()
        net.forwardDelay() == 0
        net.forwardDelay() == 0
        net.autostart()
        net.origin().line() == 1 && net.origin().column() == 1
        net.dhcp().origin().column() == 43

        vm.name() == 'cirros1'
        vm.memoryMiB() == 128
        vm.cpus() == 1
        vm.virtType() == 'kvm'
        vm.nics() == [new NicDef(NicDef.Kind.TAP, null, null, 'vnet1', null, 'virtio',
                new Origin(resource('card.kvm').toString(), 2, 28))]
        vm.boot() == ['network']
        vm.state() == VmState.RUNNING
        !vm.autostart()
    }

    def 'loads a rich script with defaults resolved and paths made absolute'() {
        given:
        def dir = resource('rich.kvm').parent.toString()
        def env = new FakeEnv(files: ["$dir/images/db.qcow2", "$dir/images/seed.iso", "$dir/logs",
                                      "$dir/boot/vmlinuz", "$dir/boot/initrd"] as Set)

        when:
        def model = new ScriptLoader(env).load(resource('rich.kvm'), ['x'])
        def lab = model.network('lab').get()
        def hostonly = model.network('hostonly').get()
        def db = model.vm('db').get()
        def web1 = model.vm('web1').get()

        then:
        lab.bridge() == 'virbr-lab'
        !lab.stp()
        lab.forwardDelay() == 2
        !lab.autostart()
        lab.gateway() == '192.168.100.1'
        lab.hosts()*.mac() == ['52:54:00:aa:00:01']
        lab.hosts()[0].origin().line() == 5

        hostonly.mode() == NetworkMode.ISOLATED
        hostonly.gateway() == '192.168.56.254'
        hostonly.dhcp() == null

        db.memoryMiB() == 2048
        db.cpus() == 2
        db.virtType() == 'qemu'
        db.disks().collect { [it.device(), it.bus(), it.target(), it.format()] } == [
                [DiskDef.Device.DISK, 'virtio', 'vda', 'qcow2'],
                [DiskDef.Device.DISK, 'sata', 'sda', 'qcow2'],
                [DiskDef.Device.CDROM, 'ide', 'hda', 'raw']]
        db.disks()[0].path() == "$dir/images/db.qcow2"
        db.disks()[1].isNewVolume()
        db.disks()[1].volume() == 'db-sda.qcow2'
        db.disks()[1].pool() == null   // the planner picks the host's default pool
        db.disks()[1].sizeBytes() == 8L << 30
        db.boot() == ['hd']
        db.nics()*.mac() == ['52:54:00:aa:00:01', null]
        db.nics()*.model() == ['virtio', 'e1000']
        db.graphics().type() == 'vnc'
        db.graphics().listen() == '127.0.0.1'
        db.serialLog() == "$dir/logs/db.log"
        db.autostart()

        model.vms()*.name() == ['db', 'web1', 'web2', 'pxe']
        web1.kernel().kernel() == "$dir/boot/vmlinuz"
        web1.kernel().cmdline() == 'console=ttyS0'
        web1.boot() == []
        web1.nics()[0].kind() == NicDef.Kind.TAP
        web1.nics()[0].network() == 'lab'
        web1.nics()[0].tap() == 'tap-web1'

        model.vm('pxe').get().nics()[0].kind() == NicDef.Kind.BRIDGE
        model.vm('pxe').get().state() == VmState.STOPPED
        model.vm('pxe').get().boot() == ['network']

        model.ops().collect { [it.verb(), it.target(), it.options()] } == [
                [OpDef.Verb.START, 'db', [:]],
                [OpDef.Verb.LEASES, 'lab', [:]],
                [OpDef.Verb.MOVE_NIC, 'tap-web1', [to: 'hostonly']],
                [OpDef.Verb.MOVE_NIC, 'tap-web2', [:]],
                [OpDef.Verb.LIST, null, [:]]]
        model.ops()[0].origin().line() == 30
    }

    def 'reports all problems of a broken script at once, in source order'() {
        when:
        new ScriptLoader(new FakeEnv()).load(resource('broken.kvm'), [])

        then:
        def e = thrown(DslException)
        def f = resource('broken.kvm').toString()
        e.diagnostics()*.toString() == [
                "$f:2:5: subnet '10.1.0.5/24' has host bits set — write '10.1.0.0/24'",
                "$f:6:5: unknown vm setting 'memroy' — did you mean 'memory'?",
                "$f:7:5: MAC address '53:54:00:00:00:01' is multicast (first octet is odd) — use six hex pairs with an even first octet, e.g. '52:54:00:12:34:56'",
                "$f:7:5: unknown network 'lna' — did you mean 'lan'?"]
        !e.message.contains('\tat ')
    }

    def 'passes script arguments as args'() {
        when:
        def model = DslFixture.load("vm args[0] { memory(args[1] as int) }", new FakeEnv(), ['box', '64'])

        then:
        model.vms()[0].name() == 'box'
        model.vms()[0].memoryMiB() == 64
    }

    def 'resolves relative paths against the script directory'() {
        when:
        def model = new ScriptLoader(new FakeEnv(files: ['/srv/lab/img.qcow2'])).load(
                "vm 'a' { disk 'img.qcow2' }", '/srv/lab/site.kvm', [])

        then:
        model.vms()[0].disks()[0].path() == '/srv/lab/img.qcow2'
        model.script() == '/srv/lab/site.kvm'
    }

    def 'names the file as the user gave it in origins'() {
        expect:
        new ScriptLoader(new FakeEnv()).load("vm 'a'", 'some/dir/x.kvm', []).vms()[0].origin().toString() ==
                'some/dir/x.kvm:1:1'
    }
}
