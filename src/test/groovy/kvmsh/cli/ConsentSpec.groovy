package kvmsh.cli

import java.nio.file.Files

import kvmsh.testing.Cli

/**
 * Steps that can lose data run only with consent: the command line against libvirt's test driver
 * (real libvirt code, no daemon). Not on a terminal, consent is --yes; without it nothing changes
 * and the exit code is 6.
 */
class ConsentSpec extends TestDriverFixture {

    Set<String> volumes() {
        keepAlive.storagePoolLookupByName('default-pool').listVolumes() as Set
    }

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

    def 'the help lists exit code 6 and --yes'() {
        expect:
        kvmsh('--help').out.contains('6  steps that can lose data need consent')
        Cli.run(['run', '--help']).out.contains('--yes')
        Cli.run(['down', '--help']).out.contains('--yes')
    }
}
