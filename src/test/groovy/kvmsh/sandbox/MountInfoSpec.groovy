package kvmsh.sandbox

import java.nio.file.Path

import spock.lang.Specification

class MountInfoSpec extends Specification {

    static final String TEXT = '''\
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
42 27 254:0 /run/netns /run/netns rw,relatime shared:1 - ext4 /dev/vda rw
45 27 254:0 /var/lib/kvmsh/sandbox/x/ns /var/lib/kvmsh/sandbox/x/ns rw,relatime - ext4 /dev/vda rw
71 45 0:4 mnt:[4026532315] /var/lib/kvmsh/sandbox/x/ns/mnt rw - nsfs nsfs rw
23 27 0:22 / /sys rw,relatime - sysfs sysfs rw
50 27 0:39 / /sys rw,relatime - sysfs kvmsh-sysfs rw
60 27 0:40 / /mnt/with\\040space rw - tmpfs tmpfs rw
'''

    def 'the top mount of a point is the one listed last'() {
        expect:
        MountInfo.parse(TEXT).top(Path.of('/sys')).source() == 'kvmsh-sysfs'
        MountInfo.parse(TEXT).top(Path.of('/var/lib/kvmsh/sandbox/x/ns/mnt')).fsType() == 'nsfs'
        MountInfo.parse(TEXT).top(Path.of('/nothing')) == null
    }

    def 'mount points under a directory come deepest first'() {
        expect:
        MountInfo.parse(TEXT).under(Path.of('/var/lib/kvmsh/sandbox/x')) ==
                [Path.of('/var/lib/kvmsh/sandbox/x/ns/mnt'), Path.of('/var/lib/kvmsh/sandbox/x/ns')]
    }

    def 'octal escapes in paths are decoded'() {
        expect:
        MountInfo.parse(TEXT).isMountPoint(Path.of('/mnt/with space'))
    }

    def 'optional fields such as shared:1 do not shift the file system type'() {
        expect:
        MountInfo.parse(TEXT).top(Path.of('/run/netns')).fsType() == 'ext4'
    }
}
