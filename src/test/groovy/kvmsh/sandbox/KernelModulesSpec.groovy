package kvmsh.sandbox

import java.nio.file.Files
import java.nio.file.Path

import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

class KernelModulesSpec extends Specification {

    @TempDir Path dir

    def setup() {
        Files.writeString(dir.resolve('modules.dep'), '''\
kernel/drivers/virtio/virtio_ring.ko.xz:
kernel/drivers/virtio/virtio.ko.xz: kernel/drivers/virtio/virtio_ring.ko.xz
kernel/drivers/net/virtio_net.ko: kernel/drivers/virtio/virtio.ko.xz
''')
        Files.writeString(dir.resolve('modules.builtin'), 'kernel/net/core/failover.ko\n')
    }

    def 'resolves modules in the given order and skips built-in ones'() {
        when:
        def mods = new KernelModules(dir).resolve(['virtio_ring', 'virtio', 'failover', 'virtio-net'])

        then:
        mods*.name() == ['virtio_ring', 'virtio', 'virtio_net']
        mods*.file() == [dir.resolve('kernel/drivers/virtio/virtio_ring.ko.xz'),
                         dir.resolve('kernel/drivers/virtio/virtio.ko.xz'),
                         dir.resolve('kernel/drivers/net/virtio_net.ko')]
    }

    def 'a module that is neither loadable nor built in is an error'() {
        when:
        new KernelModules(dir).resolve(['virtio_pci'])

        then:
        def e = thrown(IllegalStateException)
        e.message.contains('virtio_pci')
    }

    def 'a load order with a module before one it needs is refused; built-in needs are fine'() {
        given:
        def mods = new KernelModules(dir)
        Files.writeString(dir.resolve('modules.dep'), Files.readString(dir.resolve('modules.dep'))
                + 'kernel/drivers/net/net_failover.ko: kernel/net/core/failover.ko\n')
        def withBuiltin = new KernelModules(dir)

        when:
        mods.checkLoadOrder(mods.resolve(['virtio_ring', 'virtio', 'virtio_net']))
        withBuiltin.checkLoadOrder(withBuiltin.resolve(['net_failover']))

        then:
        noExceptionThrown()

        when:
        mods.checkLoadOrder(mods.resolve(['virtio_ring', 'virtio_net', 'virtio']))

        then:
        def e = thrown(IllegalStateException)
        e.message.startsWith('kernel module virtio_net needs virtio, which the guest does not load before it')
    }

    /** The kernel the test guest boots is this machine's: its real modules.dep decides. */
    @Requires({ Files.isRegularFile(Path.of("/lib/modules/${KernelModulesSpec.newestKernel()}/modules.dep")) })
    def 'on this machine\'s kernel the guest gets the seed\'s CD-ROM chain, every module after what it needs'() {
        given:
        def mods = new KernelModules(Path.of("/lib/modules/${newestKernel()}"))

        when:
        def order = mods.resolve(KernelModules.VIRTIO_NET) + mods.resolveAvailable(KernelModules.EXTRAS) +
                mods.resolveAvailable(KernelModules.SEED_CDROM)
        mods.checkLoadOrder(order)
        def names = order*.name()

        then: 'loadable or built in: pc machines need ata_piix, q35 ahci; both need sr_mod, cdrom and isofs'
        ['ata_piix', 'ahci', 'sr_mod', 'cdrom', 'isofs'].every { it in names || builtIn(it) }
    }

    static String newestKernel() {
        def versions = new File('/boot').list()?.findAll { it.startsWith('vmlinuz-') }*.substring('vmlinuz-'.length())
        versions ? versions.max { a, b -> GuestImageBuilder.compareVersions(a, b) } : 'none'
    }

    private static boolean builtIn(String module) {
        def f = Path.of("/lib/modules/${newestKernel()}/modules.builtin")
        Files.exists(f) && Files.readAllLines(f).any { KernelModules.moduleName(it.strip()) == module }
    }
}
