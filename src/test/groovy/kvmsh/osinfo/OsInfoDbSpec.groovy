package kvmsh.osinfo

import java.nio.file.Path
import spock.lang.Requires
import spock.lang.Specification

class OsInfoDbSpec extends Specification {

    static final OsInfoDb DB = OsInfoDb.load(Path.of(OsInfoDbSpec.getResource('/osinfo/os').toURI()).parent)

    def 'finds an OS by short id or full id, with its English name'() {
        expect:
        DB.find('exos2').get().id() == 'http://example.org/exos/2'
        DB.find('exoslatest').get().name() == 'ExOS 2'
        DB.find('http://example.org/exos/1').get().name() == 'ExOS 1'
        DB.find('exos9').isEmpty()
        DB.shortIds().containsAll(['exos1', 'exos2', 'exoslatest', 'exos3', 'retro1'])
    }

    def '#id gets disk bus #bus, NIC #nic and #mib MiB, inheriting through derives-from and clones'() {
        expect:
        DB.defaults(id).get() == new OsDefaults(DB.find(id).get().id(), DB.find(id).get().name(), bus, nic, mib)

        where:
        id       || bus      | nic       | mib
        'exos1'  || 'ide'    | 'e1000'   | 512   // x86_64 figures win over 'all'
        'exos2'  || 'virtio' | 'virtio'  | 512   // inherited memory, its own virtio devices
        'exos3'  || 'virtio' | 'virtio'  | 2048  // its own recommendation, cloned devices
        'retro1' || 'ide'    | 'rtl8139' | 0
    }

    @Requires({ OsInfoDb.system().isPresent() })
    def 'reads the installed osinfo-db: Debian 11 has virtio and wants 1 GiB'() {
        expect:
        OsInfoDb.system().get().defaults('debian11').get() ==
                new OsDefaults('http://debian.org/debian/11', 'Debian 11', 'virtio', 'virtio', 1024)
    }
}
