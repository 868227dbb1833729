package kvmsh.cli

import java.nio.file.Files

/**
 * {@code protect} and {@code was} against libvirt's test driver: a protected VM or disk is never deleted,
 * not even with --yes; a rename keeps the domain (UUID, MACs) and its volumes; a remove-and-create of the
 * same settings suggests was.
 */
class ProtectRenameSpec extends TestDriverFixture {

    def 'a protected vm is refused by down and by pruning, even with --yes, at its protect line; the record keeps it protected once the line is gone'() {
        given:
        def f = script('p.kvm', "vm 'keep' {\n  memory 128\n  protect true\n  disk size: '64M', pool: 'default-pool'\n}\n")
        assert kvmsh('run', f.toString()).code == 0
        assert keepAlive.domainLookupByName('keep').getXMLDesc(2).contains('protect="true"')

        when:
        def down = kvmsh('down', '--yes', f.toString())

        then:
        down.code == 3
        down.err.contains("p.kvm:3:3: vm 'keep' is protected (protect true): kvmsh does not delete it, not even with --yes — remove protect true and run the script once, then remove the vm")
        'keep' in domains()
        'keep-vda.qcow2' in volumes()

        when: 'the block is removed: the recorded protection still holds'
        Files.writeString(f, "vm 'other' { memory 128; state 'stopped' }\n")
        def prune = kvmsh('run', '--yes', f.toString())

        then:
        prune.code == 3
        prune.err.contains("p.kvm: vm 'keep' is protected (protect true): kvmsh does not delete it, not even with --yes — its last run recorded protect true: declare it again without protect and run, then remove it")
        'keep' in domains()
        !('other' in domains())

        when: 'unprotected by a run, then removed'
        Files.writeString(f, "vm 'keep' { memory 128; disk size: '64M', pool: 'default-pool' }\n")
        assert kvmsh('run', f.toString()).code == 0
        def last = kvmsh('down', '--yes', f.toString())

        then:
        last.code == 0
        !('keep' in domains())
        !('keep-vda.qcow2' in volumes())
    }

    def 'a protected disk stops the removal of its vm, even with --yes'() {
        given:
        def f = script('d.kvm', "vm 'withdata' { memory 128; disk size: '64M', pool: 'default-pool', protect: true }\n")
        assert kvmsh('run', f.toString()).code == 0

        when:
        def down = kvmsh('down', '--yes', f.toString())

        then:
        down.code == 3
        down.err.contains("d.kvm:1:29: volume default-pool/withdata-vda.qcow2 of vm withdata is protected (protect: true): kvmsh does not delete it, not even with --yes")
        'withdata' in domains()
        'withdata-vda.qcow2' in volumes()

        cleanup:
        Files.writeString(f, "vm 'withdata' { memory 128; disk size: '64M', pool: 'default-pool' }\n")
        kvmsh('run', f.toString())
        kvmsh('down', '--yes', f.toString())
    }

    def 'was renames the vm in place: the same UUID, MAC and volume, no deletion, and plan then says No changes.'() {
        given:
        def f = script('r.kvm', "network 'rn' { nat '10.78.0.0/24' }\nvm 'dbsrever' { memory 128; disk size: '64M', pool: 'default-pool'; nic network: 'rn' }\n")
        assert kvmsh('run', f.toString()).code == 0
        def uuid = keepAlive.domainLookupByName('dbsrever').getUUIDString()
        def mac = (keepAlive.domainLookupByName('dbsrever').getXMLDesc(0) =~ /mac address='([^']+)'/)[0][1]

        when: 'the typo is fixed without was'
        Files.writeString(f, "network 'rn' { nat '10.78.0.0/24' }\nvm 'dbserver' { memory 128; disk size: '64M', pool: 'default-pool'; nic network: 'rn' }\n")
        def without = kvmsh('plan', f.toString())

        then: 'the plan removes one and creates the other, and suggests was'
        without.out.contains('- delete volume default-pool/dbsrever-vda.qcow2')
        without.out.contains("vm dbserver has the settings of vm dbsrever, which this plan removes (with its disks): if it is a rename, add was 'dbsrever' to its block")

        when:
        Files.writeString(f, "network 'rn' { nat '10.78.0.0/24' }\nvm 'dbserver' { memory 128; was 'dbsrever'; disk size: '64M', pool: 'default-pool'; nic network: 'rn' }\n")
        def plan = kvmsh('plan', f.toString())

        then:
        plan.out.contains('~ rename vm dbsrever → dbserver (the same domain: UUID, MACs and disks default-pool/dbsrever-vda.qcow2 kept) — it is running: shut down for the rename, started again after it')
        plan.out.contains('! ~ rename vm dbsrever')
        !plan.out.contains('delete volume')
        !plan.out.contains('create volume')

        when: 'a running VM needs consent for the stop'
        def refused = kvmsh('run', f.toString())

        then:
        refused.code == ExitCodes.CONSENT_MISSING
        'dbsrever' in domains()

        when:
        def run = kvmsh('run', '--yes', f.toString())

        then:
        run.code == 0
        !('dbsrever' in domains())
        keepAlive.domainLookupByName('dbserver').getUUIDString() == uuid
        keepAlive.domainLookupByName('dbserver').getXMLDesc(0).contains(mac)
        keepAlive.domainLookupByName('dbserver').getXMLDesc(0).contains('dbsrever-vda.qcow2')
        keepAlive.domainLookupByName('dbserver').isActive() == 1
        'dbsrever-vda.qcow2' in volumes()
        !('dbserver-vda.qcow2' in volumes())
        kvmsh('plan', f.toString()).out.contains('No changes.')

        when:
        def down = kvmsh('down', '--yes', f.toString())

        then:
        down.code == 0
        !('dbserver' in domains())
        !('dbsrever-vda.qcow2' in volumes())
    }

    def "was does not rename another script's vm"() {
        given:
        def other = script('o.kvm', "vm 'theirs' { memory 128; state 'stopped' }\n")
        def mine = script('m.kvm', "vm 'mine' {\n  memory 128\n  was 'theirs'\n}\n")
        assert kvmsh('run', other.toString()).code == 0

        when:
        def r = kvmsh('run', mine.toString())

        then:
        r.code == 3
        r.err.contains("m.kvm:3:3: was 'theirs': vm 'theirs' on test:///default belongs to ${other.toAbsolutePath()}, not to this script")
        'theirs' in domains()
        !('mine' in domains())

        cleanup:
        kvmsh('down', '--yes', other.toString())
    }
}
