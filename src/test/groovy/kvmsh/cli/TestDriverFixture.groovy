package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path
import kvmsh.testing.Cli
import org.libvirt.Connect
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The command line against libvirt's built-in test driver: real libvirt code, no daemon.
 * test:///default keeps its state while any connection to it is open in the process, so a spec
 * holds one open to see what each command left behind.
 */
abstract class TestDriverFixture extends Specification {

    static final String URI = 'test:///default'

    @TempDir
    Path dir

    Connect keepAlive
    String projectDir = System.getProperty('kvmsh.projectDir', '.')

    def setup() {
        keepAlive = new Connect(URI)
    }

    def cleanup() {
        keepAlive?.close()
    }

    Map kvmsh(String... args) {
        Cli.run(['-c', URI] + args.toList())
    }

    Path script(String name, String text) {
        Path p = dir.resolve(name)
        Files.writeString(p, text)
        p
    }

    Set<String> networks() {
        (keepAlive.listNetworks() + keepAlive.listDefinedNetworks()) as Set
    }

    /** The volumes of the test driver's pool. */
    Set<String> volumes() {
        keepAlive.storagePoolLookupByName('default-pool').listVolumes() as Set
    }

    Set<String> domains() {
        (keepAlive.listDefinedDomains() + keepAlive.listDomains().collect { keepAlive.domainLookupByID(it).name }) as Set
    }
}
