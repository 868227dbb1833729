package kvmsh.libvirt

import org.libvirt.Connect

/**
 * libvirt's in-process test driver. test:///default keeps one shared state per process for as long
 * as a connection is open, so specs use unique names and undefine what they define.
 */
class TestDriver {

    static Connect open() {
        LibvirtErrors.silence()
        new Connect('test:///default')
    }

    static String unique(String prefix) {
        prefix + '-' + UUID.randomUUID().toString().substring(0, 8)
    }
}
