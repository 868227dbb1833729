package kvmsh.sandbox

import java.nio.file.Files
import java.nio.file.Path

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
}
