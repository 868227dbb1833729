package kvmsh.cli

import java.nio.file.Files

import kvmsh.testing.Cli

/**
 * Steps that can lose data run only with consent: the command line against libvirt's test driver
 * (real libvirt code, no daemon). Not on a terminal, consent is --yes; without it nothing changes
 * and the exit code is 6.
 */
class ConsentSpec extends TestDriverFixture {

    String pool = ''

    def 'down of a running VM with a disk kvmsh made needs --yes; without it nothing changes and the exit code is 6'() {
        given:
        def f = script('c.kvm', pool + "vm 'keepme' { memory 128; disk size: '64M', pool: 'default-pool'; state 'running' }\n")
        assert kvmsh('run', f.toString()).code == 0
        assert 'keepme-vda.qcow2' in volumes()

        when:
        def r = kvmsh('down', f.toString())

        then:
        r.code == ExitCodes.CONSENT_MISSING
        r.out.contains('- delete volume default-pool/keepme-vda.qcow2')
        r.out.contains('! - delete volume default-pool/keepme-vda.qcow2: everything written to default-pool/keepme-vda.qcow2 is deleted')
        r.out.contains('! - destroy vm keepme: vm keepme is powered off at once')
        r.out.contains('! - undefine vm keepme: vm keepme goes with the disks kvmsh made for it (default-pool/keepme-vda.qcow2)')
        r.err.contains('3 steps can lose data')
        r.err.contains('nothing was changed')
        r.err.contains('--yes')
        'keepme' in domains()
        keepAlive.domainLookupByName('keepme').isActive() == 1
        'keepme-vda.qcow2' in volumes()

        when:
        def yes = kvmsh('down', '-y', f.toString())

        then:
        yes.code == 0
        yes.out.contains('- delete volume default-pool/keepme-vda.qcow2')
        !('keepme' in domains())
        !('keepme-vda.qcow2' in volumes())
    }

    def 'a run whose steps lose nothing needs no consent, and a run that prunes a disk does'() {
        given:
        def both = script('p.kvm', pool + "vm 'p1' { memory 128 }\nvm 'p2' { memory 128; disk size: '64M', pool: 'default-pool' }\n")
        assert kvmsh('run', both.toString()).code == 0

        when: 'p2 is dropped from the script'
        Files.writeString(both, pool + "vm 'p1' { memory 128 }\n")
        def r = kvmsh('run', both.toString())

        then:
        r.code == 6
        r.out.contains('! - undefine vm p2')
        r.out.contains('! - delete volume default-pool/p2-vda.qcow2')
        'p2' in domains()
        'p2-vda.qcow2' in volumes()

        when:
        def yes = kvmsh('run', '--yes', both.toString())

        then:
        yes.code == 0
        !('p2' in domains())
        !('p2-vda.qcow2' in volumes())

        cleanup:
        kvmsh('down', '--yes', both.toString())
    }

    def 'down of a stopped VM without disks asks nothing'() {
        given:
        def f = script('s.kvm', "vm 'light' { memory 128; state 'stopped' }\n")
        assert kvmsh('run', f.toString()).code == 0

        when:
        def r = kvmsh('down', f.toString())

        then:
        r.code == 0
        !('light' in domains())
    }

    def "another script's VM is a located error naming its owner, survives that script's down, and --adopt takes it over"() {
        given:
        def first = script('first.kvm', "vm 'shared' { memory 128; disk size: '64M', pool: 'default-pool' }\n")
        def second = script('second.kvm', "\nvm 'shared' { memory 256 }\n")
        assert kvmsh('run', first.toString()).code == 0
        def xml = keepAlive.domainLookupByName('shared').getXMLDesc(0)

        when:
        def r = kvmsh('run', second.toString())

        then:
        r.code == 3
        r.err.contains("second.kvm:2:1: vm 'shared' on test:///default belongs to " + first.toAbsolutePath())
        r.err.contains('--adopt')
        keepAlive.domainLookupByName('shared').getXMLDesc(0) == xml

        when:
        def down = kvmsh('down', '--yes', second.toString())

        then:
        down.code == 0
        down.out.contains('vm shared belongs to ' + first.toAbsolutePath() + ': left alone')
        'shared' in domains()
        'shared-vda.qcow2' in volumes()

        when: 'taken over explicitly'
        def adopted = kvmsh('run', '--adopt', second.toString())

        then:
        adopted.code == 0
        adopted.out.contains('~ redefine vm shared (256 MiB')
        keepAlive.domainLookupByName('shared').getXMLDesc(2).contains(second.toAbsolutePath().toString())

        and: 'the first script now meets another owner, and its down leaves the VM alone'
        kvmsh('run', first.toString()).code == 3
        kvmsh('down', '--yes', first.toString()).out.contains('left alone')
        'shared' in domains()

        cleanup:
        kvmsh('down', '--yes', second.toString())
        kvmsh('down', '--yes', '--adopt', first.toString())
    }

    def 'a new volume is created after its VM is defined with it in its ownership record'() {
        given:
        def f = script('order.kvm', "vm 'ordered' { memory 128; disk size: '64M', pool: 'default-pool'; state 'stopped' }\n")

        when:
        def r = kvmsh('plan', f.toString())

        then:
        r.out.indexOf('+ define vm ordered') < r.out.indexOf('+ create volume default-pool/ordered-vda.qcow2')
    }

    def 'the help lists exit code 6 and --yes'() {
        expect:
        kvmsh('--help').out.contains('6  steps that can lose data need consent')
        Cli.run(['run', '--help']).out.contains('--yes')
        Cli.run(['down', '--help']).out.contains('--yes')
    }
}
