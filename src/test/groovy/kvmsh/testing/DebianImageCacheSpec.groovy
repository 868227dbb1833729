package kvmsh.testing

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

import kvmsh.host.CommandResult
import kvmsh.host.CommandRunner
import kvmsh.host.FileTrust
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The real-cloud-init test image's cache refuses what root must not boot, on entries made by hand
 * (the build itself runs in RealCloudInitE2ESpec): a complete, unchanged entry of this user's is
 * used as it is; a changed, missing, extra, linked or writable file, or a stale recipe, is refused,
 * and obtain removes the refused entry and builds again.
 */
class DebianImageCacheSpec extends Specification {

    @TempDir Path tmp
    Path cache
    Path entry

    def setup() {
        // Below /tmp's sticky bit the temporary directory counts as safe for private state.
        cache = tmp.resolve('images')
        FileTrust.createDirectories(cache, 'rwxr-xr-x')
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString('rwxr-xr-x'))
        entry = cache.resolve(DebianImageBuild.key())
        makeEntry(entry)
    }

    static void makeEntry(Path dir) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString('rwxr-xr-x')))
        DebianImage.FILES.each { Files.writeString(dir.resolve(it), it == DebianImage.RECIPE ? DebianImageBuild.recipe() : "content of $it") }
        DebianImage.FILES.each { Files.setPosixFilePermissions(dir.resolve(it), PosixFilePermissions.fromString('rw-r--r--')) }
        DebianImage.writeSums(dir)
    }

    def 'a complete entry with the sums it was built with is usable and obtained without a build'() {
        given:
        CommandRunner runner = Mock()

        when:
        def image = DebianImage.obtain(cache, runner, new PrintStream(OutputStream.nullOutputStream()))

        then:
        DebianImage.whyNotUsable(entry) == null
        image.disk == entry.resolve('disk.qcow2')
        image.kernel == entry.resolve('vmlinuz')
        0 * runner.run(_)
    }

    def 'a refused entry is named with its reason: #what'() {
        when:
        change(entry)

        then:
        DebianImage.whyNotUsable(entry) =~ reason

        where:
        what                          | change                                                                                           || reason
        'a byte of the disk changed'  | { Path e -> Files.writeString(e.resolve('disk.qcow2'), 'content of disk.qcow2!') }               || /disk\.qcow2 has SHA-256 \w+, not the \w+ recorded when it was built/
        'the kernel is a link'        | { Path e -> Files.delete(e.resolve('vmlinuz')); Files.createSymbolicLink(e.resolve('vmlinuz'), e.resolve('disk.qcow2')) } || /vmlinuz is a symbolic link/
        'the initrd is group-writable' | { Path e -> Files.setPosixFilePermissions(e.resolve('initrd.img'), PosixFilePermissions.fromString('rw-rw-r--')) } || /initrd\.img is writable by others \(mode 0664\)/
        'the entry is writable by all' | { Path e -> Files.setPosixFilePermissions(e, PosixFilePermissions.fromString('rwxrwxrwx')) }       || /is writable by others \(mode 0777\)/
        'a file is missing'           | { Path e -> Files.delete(e.resolve('initrd.img')) }                                             || /holds \[SHA256SUMS, disk\.qcow2, recipe\.txt, vmlinuz\], not/
        'a file was added'            | { Path e -> Files.writeString(e.resolve('extra'), 'x') }                                         || /holds .*extra.*, not/
        'the sums lack a file'        | { Path e -> Files.writeString(e.resolve('SHA256SUMS'), Files.readAllLines(e.resolve('SHA256SUMS')).drop(1).join('\n') + '\n') } || /SHA256SUMS lists/
        'the recipe is an old one'    | { Path e -> Files.writeString(e.resolve('recipe.txt'), 'old'); DebianImage.writeSums(e) }       || /recipe\.txt is not the current recipe/
        'the entry is a link'         | { Path e -> e.toFile().renameTo(e.resolveSibling('real').toFile()); Files.createSymbolicLink(e, e.resolveSibling('real')) } || /is a symbolic link/
    }

    def 'obtain removes a refused entry and builds again, failing with the build step that failed'() {
        given: 'a changed disk; a build whose mmdebstrap cannot reach the mirror'
        Files.writeString(entry.resolve('disk.qcow2'), 'poisoned')
        def out = new ByteArrayOutputStream()
        List<List<String>> ran = []
        CommandRunner runner = Stub() {
            run(_ as List) >> { args -> // rm removes as rm would; mmdebstrap fails as it does offline
                List<String> cmd = args[0]
                ran << cmd
                cmd[0] == 'rm' ? removeTree(Path.of(cmd.last()))
                        : new CommandResult(cmd, 1, '', 'E: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Could not resolve')
            }
        }

        Path etcApt = Files.createDirectories(tmp.resolve('etc-apt'))
        Files.writeString(etcApt.resolve('sources.list'), 'deb http://deb.debian.org/debian bookworm main\n')

        when:
        DebianImage.obtain(cache, runner, new PrintStream(out, true), etcApt)

        then:
        def e = thrown(IllegalStateException)
        e.message.startsWith('mmdebstrap could not build Debian bookworm from http://deb.debian.org/debian ')
        e.message.contains('(exit 1 of mmdebstrap):\nE: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Could not resolve')
        out.toString().contains("DebianImage: refusing the cached image: ${entry.resolve('disk.qcow2')} has SHA-256")
        ran[0] == ['rm', '-rf', '--one-file-system', '--', entry.toString()]
        ran.any { it[0] == 'unshare' && it.contains('mmdebstrap') && it.contains('--variant=essential') }
        !Files.exists(entry)
        Files.list(cache).toList()*.fileName*.toString() == ['.lock'] // the build's directory went too
    }

    static CommandResult removeTree(Path p) {
        p.toFile().deleteDir()
        new CommandResult(['rm'], 0, '', '')
    }

    def 'the mirror comes from the deb822 source for the suite, else from a one-line source'() {
        given:
        Path etc = Files.createDirectories(tmp.resolve('etc-apt/sources.list.d'))
        Files.writeString(etc.resolve('other.sources'), 'Types: deb\nURIs: https://example.org/node\nSuites: nodistro\nComponents: main\n')
        Files.writeString(etc.resolve('debian.sources'), '''\
            Types: deb
            # http://snapshot.debian.org/archive/debian-security/20250520T000000Z
            URIs: http://deb.debian.org/debian-security
            Suites: bookworm-security
            Components: main

            Types: deb deb-src
            URIs: http://mirror.example/debian
            Suites: bookworm bookworm-updates
            Components: main
            '''.stripIndent())

        expect:
        AptMirror.forSuite('bookworm', etc.parent) == 'http://mirror.example/debian'
        AptMirror.fromOneLine('# deb http://x/debian bookworm main\ndeb [arch=amd64 signed-by=/k.gpg] http://y/debian bookworm main\n', 'bookworm') == 'http://y/debian'
        AptMirror.fromDeb822('Types: deb\nURIs: http://z/debian\nSuites: bookworm\nEnabled: no\n', 'bookworm') == null

        when:
        AptMirror.forSuite('trixie', etc.parent)

        then:
        def e = thrown(IllegalStateException)
        e.message == "no apt source for Debian trixie in ${etc.parent} (sources.list or sources.list.d): the test image is built from the mirror apt-get installs from — add one"
    }

    def 'the recipe names the packages, the steps and the hooks by their digests, and its digest names the entry'() {
        expect:
        DebianImageBuild.recipe().contains('--include=systemd-sysv,udev,linux-image-amd64,initramfs-tools,e2fsprogs,openssh-server,cloud-init\n')
        DebianImageBuild.recipe() =~ /--- hook customize, sha256 [0-9a-f]{64}\n/
        DebianImageBuild.key() ==~ /[0-9a-f]{64}/
        DebianImageBuild.key() == DebianImageBuild.sha256(DebianImageBuild.recipe().getBytes('UTF-8'))
    }
}
