package kvmsh.sandbox

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.PosixFilePermissions
import java.util.zip.GZIPInputStream

import kvmsh.host.ProcessRunner
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/** Builds from a fake kernel and fake modules (one xz-compressed), with the host's busybox. */
@Requires({ Files.isExecutable(Path.of('/bin/busybox')) })
class GuestImageBuilderSpec extends Specification {

    @TempDir Path dir
    def runner = new ProcessRunner()

    def setup() {
        def boot = Files.createDirectories(dir.resolve('boot'))
        def kernel = boot.resolve('vmlinuz-9.9.9-test')
        Files.writeString(kernel, 'not really a kernel')
        Files.setPosixFilePermissions(kernel, PosixFilePermissions.fromString('rw-------'))
        def mods = Files.createDirectories(dir.resolve('modules/9.9.9-test/kernel'))
        def dep = new StringBuilder()
        KernelModules.VIRTIO_NET.eachWithIndex { m, i ->
            Files.writeString(mods.resolve("${m}.ko"), "module $m")
            dep << "kernel/${m}.ko${i == 0 ? '.xz' : ''}:\n"
        }
        runner.run('xz', mods.resolve('virtio_ring.ko').toString()).orThrow() // leaves virtio_ring.ko.xz
        Files.writeString(dir.resolve('modules/9.9.9-test/modules.dep'), dep.toString())
    }

    private GuestImageBuilder builder() {
        new GuestImageBuilder(runner).cacheRoot(dir.resolve('cache'))
                .bootDir(dir.resolve('boot')).modulesRoot(dir.resolve('modules'))
    }

    def 'builds a readable kernel copy and an initramfs with init, busybox, links and modules'() {
        when:
        def image = builder().build()
        def listing = runner.run('cpio', '-t', '--quiet', '-F', gunzipped(image).toString()).orThrow().stdout().readLines()

        then:
        image.kernelVersion() == '9.9.9-test'
        Files.readString(image.kernel()) == 'not really a kernel'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(image.kernel())) == 'rw-r--r--'
        ['init', 'bin/busybox', 'bin/sh', 'sbin/udhcpc', 'dev/console', 'etc/udhcpc/default.script',
         'lib/modules/virtio_ring.ko', 'lib/modules/virtio_net.ko', 'etc/kvmsh/modules'].every { it in listing }
        unpacked(image, 'lib/modules/virtio_ring.ko') == 'module virtio_ring'
        unpacked(image, 'etc/kvmsh/modules').readLines() == KernelModules.VIRTIO_NET
    }

    def 'reuses the cached image until an input changes'() {
        given:
        def first = builder().build()
        def stamp = Files.getLastModifiedTime(first.initrd())
        Thread.sleep(20)

        when:
        def again = builder().build()

        then:
        Files.getLastModifiedTime(again.initrd()) == stamp

        when:
        Files.writeString(dir.resolve('modules/9.9.9-test/kernel/virtio_net.ko'), 'module virtio_net v2')
        def rebuilt = builder().build()

        then:
        unpacked(rebuilt, 'lib/modules/virtio_net.ko') == 'module virtio_net v2'
    }

    /** One file out of the initramfs, extracted by the real cpio into a scratch dir. */
    private String unpacked(GuestImage image, String path) {
        def out = Files.createTempDirectory(dir, 'x')
        runner.run('cpio', '-i', '-d', '--quiet', '-D', out.toString(), '-F', gunzipped(image).toString(), path).orThrow()
        Files.readString(out.resolve(path))
    }

    private Path gunzipped(GuestImage image) {
        def cpio = Files.createTempFile(dir, 'initrd', '.cpio')
        new GZIPInputStream(Files.newInputStream(image.initrd())).withCloseable { Files.copy(it, cpio, StandardCopyOption.REPLACE_EXISTING) }
        cpio
    }
}
