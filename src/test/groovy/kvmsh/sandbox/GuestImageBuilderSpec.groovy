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

    def 'the seed\'s CD-ROM modules the kernel has come after the NIC\'s, and seed.sh is in the image'() {
        given:
        def mods = dir.resolve('modules/9.9.9-test/kernel')
        def dep = dir.resolve('modules/9.9.9-test/modules.dep')
        ['cdrom', 'sr_mod', 'isofs'].each { Files.writeString(mods.resolve("${it}.ko"), "module $it") }
        Files.writeString(dep, Files.readString(dep) + 'kernel/cdrom.ko:\nkernel/isofs.ko: kernel/cdrom.ko\n'
                + 'kernel/sr_mod.ko: kernel/cdrom.ko\n')

        when:
        def image = builder().build()

        then:
        unpacked(image, 'etc/kvmsh/modules').readLines() == KernelModules.VIRTIO_NET + ['cdrom', 'sr_mod', 'isofs']
        unpacked(image, 'etc/kvmsh/seed.sh') == new String(GuestImageBuilder.resource('seed.sh'))
    }

    def 'a module listed before one it needs stops the build'() {
        given:
        def mods = dir.resolve('modules/9.9.9-test/kernel')
        def dep = dir.resolve('modules/9.9.9-test/modules.dep')
        ['sr_mod', 'cdrom'].each { Files.writeString(mods.resolve("${it}.ko"), "module $it") }
        // sr_mod needs scsi_mod, which this kernel neither has nor builds in.
        Files.writeString(dep, Files.readString(dep) + 'kernel/cdrom.ko:\nkernel/sr_mod.ko: kernel/scsi_mod.ko kernel/cdrom.ko\n')

        when:
        builder().build()

        then:
        def e = thrown(IllegalStateException)
        e.message.startsWith('kernel module sr_mod needs scsi_mod')
    }

    def 'an image whose stamp names other inputs (another init, other modules) is rebuilt'() {
        given:
        def first = builder().build()
        Files.writeString(first.initrd(), 'stale')
        Files.writeString(first.initrd().resolveSibling('inputs.sha256'), '0' * 64 + '\n')

        when:
        def rebuilt = builder().build()

        then:
        unpacked(rebuilt, 'init') == new String(GuestImageBuilder.resource('init'))
    }

    def 'a private parent of the cache (the script cache made it first) is opened for qemu to pass, not to list'() {
        given:
        def parent = Files.createDirectories(dir.resolve('kvmsh'))
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString('rwx------'))

        when:
        builder().cacheRoot(parent.resolve('guest')).build()

        then:
        PosixFilePermissions.toString(Files.getPosixFilePermissions(parent)) == 'rwx--x--x'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(parent.resolve('guest'))) == 'rwxr-xr-x'
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
