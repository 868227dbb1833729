package kvmsh.sandbox

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.cloudinit.CloudConfig
import kvmsh.cloudinit.SeedIso
import kvmsh.host.ProcessRunner
import kvmsh.model.CloudInitDef
import kvmsh.model.Origin
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The test guest's seed reader (seed.sh, sourced by its /init) run by the host's busybox sh on the
 * files kvmsh's own CloudConfig renders, with keys made by ssh-keygen: what the guest reports must be
 * what the script declared, fingerprints as {@code ssh-keygen -lf} prints them.
 */
@Requires({ Files.isExecutable(Path.of('/bin/busybox')) })
class GuestSeedReaderSpec extends Specification {

    @TempDir Path dir
    def runner = new ProcessRunner()

    /** A new key pair in the temp dir: [public key line, its SHA256:… fingerprint by ssh-keygen]. */
    private List<String> key(String file, String type, String comment) {
        def path = dir.resolve(file).toString()
        runner.run('ssh-keygen', '-q', '-t', type, '-N', '', '-C', comment, '-f', path).orThrow()
        String fp = runner.run('ssh-keygen', '-l', '-E', 'sha256', '-f', path + '.pub').orThrow().stdout().split(/\s+/)[1]
        [Files.readString(Path.of(path + '.pub')).strip(), fp]
    }

    private static CloudInitDef seed(String hostname, List<CloudInitDef.User> users, String userData) {
        new CloudInitDef(hostname, users, [], ['echo ssh-rsa AAAAnotakey'], [], null, userData, null, 'default',
                'web-cidata.iso', 'hdc', Origin.UNKNOWN)
    }

    private static CloudInitDef.User user(String name, List<String> keys) {
        new CloudInitDef.User(name, keys, null, null, Origin.UNKNOWN)
    }

    /** seed_read on the seed's files written into a directory, as the guest reads its mounted CD-ROM. */
    private Map read(CloudInitDef c) {
        def files = CloudConfig.render(c)
        def seedDir = Files.createDirectories(dir.resolve('seed'))
        Files.writeString(seedDir.resolve('user-data'), files.userData())
        Files.writeString(seedDir.resolve('meta-data'), files.metaData())
        read(seedDir) + [expectedId: files.instanceId()]
    }

    private Map read(Path seedDir) {
        def script = dir.resolve('seed.sh')
        Files.write(script, GuestImageBuilder.resource('seed.sh'))
        def r = runner.run('/bin/busybox', 'sh', '-c',
                '. "$1"; seed_read "$2"; echo "$seed_id"; echo "$seed_hostname"; echo "$seed_keys"',
                'sh', script.toString(), seedDir.toString()).orThrow()
        def lines = r.stdout().readLines()
        [id: lines[0], hostname: lines[1], keys: lines[2]]
    }

    def 'reports the instance-id, the hostname and every user key fingerprint of a seed kvmsh renders'() {
        given:
        def (ed, edFp) = key('ed', 'ed25519', 'admin@laptop')
        def (rsa, rsaFp) = key('rsa', 'rsa', "ops: the 'old' key") // a comment YAML has to quote
        def (bob, bobFp) = key('bob', 'ecdsa', 'bob')

        when:
        def seen = read(seed('web1', [user('admin', [ed, rsa]), user('bob', [bob])], null))

        then:
        seen.id == seen.expectedId
        seen.hostname == 'web1'
        seen.keys == [edFp, rsaFp, bobFp].join(',')
    }

    def 'a top-level ssh_authorized_keys from the user\'s own userData counts too, and its hostname yields to the block\'s'() {
        given:
        def (own, ownFp) = key('own', 'ed25519', 'own')
        def (ed, edFp) = key('ed', 'ed25519', 'ed')

        when:
        def seen = read(seed('db', [user('admin', [ed])], "#cloud-config\nhostname: other\nssh_authorized_keys:\n  - $own\n"))

        then:
        seen.hostname == 'db'
        seen.keys.split(',') as Set == [ownFp, edFp] as Set
    }

    def 'a seed without users reports no keys, and an empty directory reports none of anything'() {
        expect:
        read(seed('solo', [], null)).keys == 'none'
        read(Files.createDirectories(dir.resolve('empty'))) == [id: 'none', hostname: 'none', keys: 'none']
    }

    def 'the guest\'s init looks for the label kvmsh gives the seed and reads it with seed.sh'() {
        given:
        String init = new String(GuestImageBuilder.resource('init'))

        expect:
        init.contains("findfs LABEL=${SeedIso.LABEL}")
        init.contains('. /etc/kvmsh/seed.sh')
        init.contains('say "seed instance-id=$seed_id hostname=$(hostname) keys=$seed_keys"')
    }
}
