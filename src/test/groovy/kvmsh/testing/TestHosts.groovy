package kvmsh.testing

import java.nio.file.Files
import java.nio.file.Path

/**
 * Independent simulated hosts for multi-host tests: libvirt's test driver given a file
 * ({@code test:///abs/path.xml}) keeps a private state per connection, where {@code test:///default}
 * is one state shared by every connection of the process.
 */
final class TestHosts {

    private TestHosts() {
    }

    /** Writes a host description (2 CPUs, 4 GiB or {@code memoryMiB}, a 'default' directory pool) and returns its URI. */
    static String host(Path dir, String name, long memoryMiB = 4096) {
        Path xml = dir.resolve(name + '.xml')
        Files.writeString(xml, """\
            <node>
              <cpu><mhz>2000</mhz><model>i686</model><active>2</active><sockets>1</sockets><cores>2</cores><threads>1</threads></cpu>
              <memory>${memoryMiB * 1024}</memory>
              <pool type='dir'><name>default</name><target><path>/var/lib/libvirt/images</path></target></pool>
            </node>
            """.stripIndent())
        'test://' + xml.toAbsolutePath()
    }
}
