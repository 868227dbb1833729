package kvmsh.e2e

import java.nio.file.Files

import groovy.json.JsonSlurper
import kvmsh.host.ProcessRunner
import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Issue 15's proof that a guest sees its cloud-init seed: a TCG test guest with
 * {@code cloudInit { hostname 'web1'; user 'admin', sshKey: KEY }} on a NAT network in a sandbox
 * mounts the cidata CD-ROM and reports {@code KVMSH seed instance-id=… hostname=… keys=SHA256:…};
 * the test checks them against the seed kvmsh uploaded and against {@code ssh-keygen -lf} of a key
 * it made. Changing the key plans the seed's replacement and nothing else; after {@code reboot 'web'}
 * the guest reports the new instance-id and fingerprint. {@code down} leaves the sandbox as it was.
 * Runs only with -Dkvmsh.e2e=true; the sandbox is removed in cleanupSpec, also when a feature fails.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class CloudInitE2ESpec extends Specification {

    static final String LOG = '/var/log/libvirt/qemu/web-serial.log'
    static final String SEED = /KVMSH seed instance-id=(\S+) hostname=(\S+) keys=(\S+)/

    @Shared SandboxFixture fixture = new SandboxFixture('e2e-cloudinit')
    @Shared Map before
    @Shared String file
    @Shared String firstId
    @Shared String domid

    def setupSpec() {
        fixture.sandbox.down() // a run that died before its cleanup
        fixture.up()
        before = snapshot()
        ['one', 'two'].each {
            new ProcessRunner().run('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', "$it@e2e",
                    '-f', fixture.dir.resolve(it).toString()).orThrow()
        }
        file = fixture.script('web.kvm', site('one'))
    }

    def cleanupSpec() {
        fixture.down()
    }

    String site(String key) {
        """network 'ci' { nat '10.0.0.0/24'; dhcp '10.0.0.10'..'10.0.0.100' }
vm 'web' {
    memory 128; accel 'tcg'; guest stay: true
    nic network: 'ci'
    cloudInit {
        hostname 'web1'
        user 'admin', sshKey: '${fixture.dir.resolve(key + '.pub')}'
    }
    serial '$LOG'
}
"""
    }

    /** {@code ssh-keygen -lf} of the test's key {@code name}: {@code SHA256:…}. */
    String fingerprint(String name) {
        new ProcessRunner().run('ssh-keygen', '-lf', fixture.dir.resolve(name + '.pub').toString()).orThrow()
                .stdout().split(/\s+/)[1]
    }

    /** meta-data's instance-id as the seed volume in the sandbox holds it (read back by xorriso). */
    String seedInstanceId() {
        String iso = fixture.inSandbox('virsh', 'vol-path', '--pool', 'default', 'web-cidata.iso').first()
        String out = "/tmp/kvmsh-e2e-meta-data-${System.nanoTime()}"
        fixture.inSandbox('xorriso', '-indev', iso, '-osirrox', 'on', '-extract', '/meta-data', out)
        try {
            fixture.inSandbox('cat', out).find { it.startsWith('instance-id:') }.split(':', 2)[1].strip()
        } finally {
            fixture.sandbox.exec(['rm', '-f', out])
        }
    }

    /** [instance-id, hostname, keys] of each seed report the guest printed, oldest first. */
    static List<List<String>> reports(String console) {
        (console =~ SEED).collect { [it[1], it[2], it[3]] }
    }

    Map snapshot() {
        [networks: fixture.inSandbox('virsh', 'net-list', '--all', '--name') as Set,
         domains : fixture.inSandbox('virsh', 'list', '--all', '--name') as Set,
         volumes : fixture.inSandbox('virsh', 'vol-list', 'default').findAll { it.contains('/') } as Set]
    }

    def 'the guest reports the instance-id kvmsh wrote, the declared hostname and the key ssh-keygen sees'() {
        when:
        def r = fixture.kvmsh('run', file)
        firstId = (r.out =~ /\+ create cloud-init seed default\/web-cidata\.iso of web \(instance-id (kvmsh-[0-9a-f]+)\)/)
                .with { it.find() ? it.group(1) : null }
        def console = fixture.awaitConsole(LOG, 'KVMSH lease ')
        domid = fixture.inSandbox('virsh', 'domid', 'web').first()

        then:
        r.code == 0
        firstId != null
        seedInstanceId() == firstId
        reports(console) == [[firstId, 'web1', fingerprint('one')]]
        console =~ /KVMSH lease 10\.0\.0\.\d+/
    }

    def 'the guest sends its seed hostname with its DHCP request, so leases shows web1'() {
        when:
        def r = fixture.kvmsh('run', fixture.script('leases.kvm', "leases 'ci'\n"))

        then:
        r.code == 0
        r.out.readLines().any { it =~ /\b10\.0\.0\.\d+\/24\s+web1\s/ }
    }

    def 'another key plans the seed replacement only; run replaces it without touching the running guest'() {
        given:
        new File(file).text = site('two')

        when:
        def plan = fixture.kvmsh('plan', '--json', file)
        def doc = new JsonSlurper().parseText(plan.out)
        def run = fixture.kvmsh('run', file)
        String newId = (run.out =~ /~ replace cloud-init seed of web \(instance-id \S+ → (kvmsh-[0-9a-f]+)\)/)
                .with { it.find() ? it.group(1) : null }

        then:
        plan.code == 0
        doc.steps*.description.size() == 1
        doc.steps[0].description ==~ /~ replace cloud-init seed of web \(instance-id ${firstId} → kvmsh-[0-9a-f]+\)/
        doc.summary.add == 0 && doc.summary.destroy == 0 && doc.summary.change == 1
        run.code == 0
        newId != null && newId != firstId
        seedInstanceId() == newId

        and: 'the same qemu process, which has not booted again'
        fixture.inSandbox('virsh', 'domid', 'web').first() == domid
        reports(fixture.console(LOG)).size() == 1
    }

    def 'after a reboot the guest reports the new instance-id and the new key'() {
        when:
        def r = fixture.kvmsh('run', fixture.script('reboot.kvm', "reboot 'web'\n"))
        def console = fixture.awaitConsole(LOG, 'KVMSH seed ', 2)

        then:
        r.code == 0
        reports(console).size() == 2
        reports(console)[1] == [seedInstanceId(), 'web1', fingerprint('two')]
        reports(console)[1][0] != firstId

        and: 'nothing is left to do'
        fixture.kvmsh('plan', file).out.contains('No changes.')
    }

    def 'down removes the VM, its seed and the network'() {
        when:
        def r = fixture.kvmsh('down', '--yes', file)

        then:
        r.code == 0
        snapshot() == before
    }
}
