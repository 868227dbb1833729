package kvmsh.plan

import kvmsh.libvirt.XmlDigester
import kvmsh.model.*
import spock.lang.Specification

/** Planning pools, overlays, thin-disk warnings and customize edits; no hypervisor involved. */
class ParityPlannerSpec extends Specification {

    Planner planner = new Planner(XmlDigester.INSTANCE)
    static final Origin AT = new Origin('s.kvm', 4, 5)

    static DiskDef thin(String volume, long bytes, String pool = null) {
        new DiskDef(DiskDef.Device.DISK, null, 'qcow2', 'virtio', 'vda', pool, volume, bytes, AT)
    }

    static VmDef vm(String name, List<DiskDef> disks, List<XmlEdit> edits = []) {
        new VmDef(name, 'kvm', 512, 1, disks, ['hd'], null, [], null, null, false, VmState.STOPPED, null, edits, AT)
    }

    static HostState host(Map<String, PoolState> pools) {
        new HostState('test:///default', [:], [:], pools.keySet(), [] as Set, [:], pools)
    }

    static HostModel model(List<VmDef> vms, List<PoolDef> pools = []) {
        new HostModel('/s.kvm', [], vms, [], pools)
    }

    def 'a declared pool is created before the volumes in it, and a disk may name it'() {
        given:
        def pool = new PoolDef('extra', 'dir', '/srv/extra', true, AT)

        when:
        def plan = planner.converge(model([vm('a', [thin('a-vda.qcow2', 1L << 30, 'extra')])], [pool]), host([:]))

        then:
        plan.problems().isEmpty()
        plan.steps()*.describe()[0] == '+ create pool extra (dir /srv/extra)'
        plan.steps()*.describe()[2] == '+ create volume extra/a-vda.qcow2 (1 GiB thin qcow2)'
        plan.steps()[0].undo().get() == new Action.RemovePool('extra')
    }

    def 'an existing pool is started when inactive, and one with another directory is a problem'() {
        given:
        def pool = new PoolDef('extra', 'dir', '/srv/extra', true, AT)

        expect:
        planner.converge(model([], [pool]), host([extra: new PoolState('extra', false, '/srv/extra', 0, 0)]))
                .steps()*.describe() == ['+ start pool extra']
        planner.converge(model([], [pool]), host([extra: new PoolState('extra', true, '/srv/extra', 10, 5)]))
                .isEmpty()
        planner.converge(model([], [pool]), host([extra: new PoolState('extra', true, '/elsewhere', 10, 5)]))
                .problems()*.toString() == ["s.kvm:4:5: pool 'extra' exists on test:///default with directory "
                                                    + "/elsewhere — use dir '/elsewhere', or another pool name"]
    }

    def 'down keeps pools: libvirt pools carry no mark of who made them'() {
        expect:
        planner.down(model([], [new PoolDef('extra', 'dir', '/srv/extra', true, AT)]),
                host([extra: new PoolState('extra', true, '/srv/extra', 10, 5)])).notes() ==
                ['pool extra is kept: it may hold volumes of others']
    }

    def 'warns, without failing, when new thin disks could outgrow the pool'() {
        given:
        def h = host([default: new PoolState('default', true, '/var/lib/libvirt/images', 20L << 30, 10L << 30)])

        when:
        def big = planner.converge(model([vm('a', [thin('a-vda.qcow2', 8L << 30)]),
                                          vm('b', [thin('b-vda.qcow2', 8L << 30)])]), h)
        def small = planner.converge(model([vm('a', [thin('a-vda.qcow2', 8L << 30)])]), h)

        then:
        big.problems().isEmpty()
        big.notes() == ['warning: the new thin disks in pool default may grow to 16 GiB, more than its 10 GiB free']
        small.notes().isEmpty()
    }

    def 'an overlay volume is planned with its backing image'() {
        given:
        def overlay = new DiskDef(DiskDef.Device.DISK, null, 'qcow2', 'virtio', 'vda', null, 'a-vda.qcow2', 0,
                '/srv/base.qcow2', 'qcow2', AT)

        expect:
        planner.converge(model([vm('a', [overlay])]), host([default: new PoolState('default', true, '/p', 1, 1)]))
                .steps()[1].describe() == '+ create volume default/a-vda.qcow2 (qcow2 overlay on /srv/base.qcow2)'
    }

    def 'the plan shows each customize edit, and an edit that cannot apply is a problem at the VM'() {
        given:
        def good = vm('a', [], [new XmlEdit(XmlEdit.Kind.SET, '/domain/vcpu/@placement', 'static', AT)])
        def bad = vm('b', [], [new XmlEdit(XmlEdit.Kind.APPEND, '/domain/nothing', '<x/>', AT)])

        when:
        def plan = planner.converge(model([good, bad]), host([:]))

        then:
        plan.steps()[0].describe() == '+ define vm a (512 MiB, 1 cpu)\n      customize: set /domain/vcpu/@placement = static'
        plan.problems()*.toString() == ["s.kvm:4:5: customize append '/domain/nothing' selects no element to append to"
                                                + ' — check the XPath against the domain XML kvmsh generates']
    }
}
