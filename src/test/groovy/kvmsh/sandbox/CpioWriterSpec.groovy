package kvmsh.sandbox

import java.nio.file.Files

import kvmsh.host.ProcessRunner
import spock.lang.Specification
import spock.lang.TempDir

class CpioWriterSpec extends Specification {

    @TempDir java.nio.file.Path dir

    def 'writes a newc archive that cpio lists with modes, links and devices'() {
        given:
        def archive = dir.resolve('a.cpio')
        Files.newOutputStream(archive).withCloseable { out ->
            new CpioWriter(out).withCloseable { cpio ->
                cpio.directory('bin', 0755)
                cpio.file('bin/busybox', 0755, 'odd-length'.bytes)
                cpio.symlink('bin/sh', '/bin/busybox')
                cpio.charDevice('dev/console', 0600, 5, 1)
            }
        }

        when:
        def listing = new ProcessRunner().run('cpio', '-t', '-v', '--quiet', '-F', archive.toString()).orThrow().stdout()
        def lines = listing.readLines()

        then:
        lines.size() == 4
        lines[0] =~ /^drwxr-xr-x .* bin$/
        lines[1] =~ /^-rwxr-xr-x .* 10 .* bin\/busybox$/
        lines[2] =~ /^lrwxrwxrwx .* bin\/sh -> \/bin\/busybox$/
        lines[3] =~ /^crw------- .* 5,\s+1 .* dev\/console$/
        Files.size(archive) % 4 == 0
    }

    def 'the same entries give the same bytes'() {
        expect:
        archive() == archive()
    }

    private static byte[] archive() {
        def out = new ByteArrayOutputStream()
        new CpioWriter(out).withCloseable { it.file('init', 0755, '#!/bin/sh\n'.bytes) }
        out.toByteArray()
    }
}
