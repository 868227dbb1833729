package kvmsh.cloudinit

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import kvmsh.host.ProcessRunner
import spock.lang.Specification

/** The seed is a real ISO 9660 made by xorriso: label cidata, the files cloud-init's NoCloud reads. */
class SeedIsoSpec extends Specification {

    def 'the seed carries label cidata and user-data, meta-data and network-config'() {
        given:
        def files = new SeedFiles('#cloud-config\nhostname: web\n', 'instance-id: kvmsh-1\n', 'version: 2\n', 'kvmsh-1')

        when:
        byte[] iso = SeedIso.build(new ProcessRunner(), files)
        // The primary volume descriptor is sector 16; its volume identifier is at byte 40, 32 characters.
        String label = new String(iso, 16 * 2048 + 40, 32, StandardCharsets.US_ASCII).strip()
        def f = Files.createTempFile('seed', '.iso')
        Files.write(f, iso)
        def listing = new ProcessRunner().run('xorriso', '-indev', f.toString(), '-find', '/', '-type', 'f').orThrow()
        def userData = new ProcessRunner().run('xorriso', '-indev', f.toString(), '-osirrox', 'on', '-extract', '/user-data',
                f.toString() + '.ud')

        then:
        label == 'CIDATA' || label == 'cidata'
        listing.stdout().readLines()*.replace("'", '').toSet() == ['/user-data', '/meta-data', '/network-config'] as Set
        userData.ok()
        Files.readString(java.nio.file.Path.of(f.toString() + '.ud')) == files.userData()

        cleanup:
        Files.deleteIfExists(f)
        Files.deleteIfExists(java.nio.file.Path.of(f.toString() + '.ud'))
    }

    def 'the instance-id follows the content: equal settings give equal ids, any change a new one'() {
        given:
        def c = { String host -> new kvmsh.model.CloudInitDef(host, [], ['nginx'], [], [], null, null, null, 'p', 'v', 'hda',
                kvmsh.model.Origin.UNKNOWN) }

        expect:
        CloudConfig.render(c('a')).instanceId() == CloudConfig.render(c('a')).instanceId()
        CloudConfig.render(c('a')).instanceId() != CloudConfig.render(c('b')).instanceId()
        CloudConfig.render(c('a')).instanceId() ==~ /kvmsh-[0-9a-f]{16}/
    }

    def 'keys are checked: a real key passes, its fingerprint is ssh-keygen\'s'() {
        given:
        def dir = Files.createTempDirectory('keys')
        new ProcessRunner().run('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'k', '-f', dir.resolve('id').toString()).orThrow()
        String pub = Files.readString(dir.resolve('id.pub')).strip()
        String fp = new ProcessRunner().run('ssh-keygen', '-l', '-E', 'sha256', '-f', dir.resolve('id.pub').toString()).orThrow()
                .stdout().split(/\s+/)[1].substring('SHA256:'.length())

        expect:
        SshKeys.problem(pub) == null
        Base64.encoder.withoutPadding().encodeToString(HexFormat.of().parseHex(SshKeys.sha256(pub))) == fp
        SshKeys.problem(Files.readString(dir.resolve('id'))) == 'this is a private key'

        cleanup:
        dir.toFile().deleteDir()
    }
}
