package kvmsh.cli

import java.nio.file.Files

/**
 * A changed disk size against libvirt's test driver: planned as a resize of the same volume, never a
 * recreation; a smaller size refused at the disk's line. The test driver has no virStorageVolResize, so
 * the resize itself (offline and live) is in SafetyE2ESpec, against a real libvirtd.
 */
class DiskSizeSpec extends TestDriverFixture {

    def 'a larger size plans a resize in place without consent; a smaller one is a located error and nothing changes'() {
        given:
        def f = script('g.kvm', "vm 'grow' { memory 128; state 'stopped'\n  disk size: '64M', pool: 'default-pool' }\n")
        assert kvmsh('run', f.toString()).code == 0
        def xml = keepAlive.domainLookupByName('grow').getXMLDesc(0)

        expect:
        kvmsh('plan', f.toString()).out.contains('No changes.')

        when:
        Files.writeString(f, "vm 'grow' { memory 128; state 'stopped'\n  disk size: '128M', pool: 'default-pool' }\n")
        def plan = kvmsh('plan', f.toString())

        then:
        plan.out.contains('~ resize volume default-pool/grow-vda.qcow2 64 MiB → 128 MiB (grown in place)')
        plan.out.contains('0 to add, 1 to change, 0 to destroy.')
        !plan.out.contains('!')

        when:
        Files.writeString(f, "vm 'grow' { memory 128; state 'stopped'\n  disk size: '32M', pool: 'default-pool' }\n")
        def shrink = kvmsh('run', '--yes', f.toString())

        then:
        shrink.code == 3
        shrink.err.contains("g.kvm:2:3: disk size: 32 MiB is smaller than volume default-pool/grow-vda.qcow2 of vm grow (64 MiB): kvmsh does not shrink a disk, that loses what is at its end — give size: '64M' or more")
        keepAlive.domainLookupByName('grow').getXMLDesc(0) == xml
        keepAlive.storagePoolLookupByName('default-pool').storageVolLookupByName('grow-vda.qcow2').getInfo().capacity == 64L << 20

        cleanup:
        kvmsh('down', '--yes', f.toString())
    }
}
