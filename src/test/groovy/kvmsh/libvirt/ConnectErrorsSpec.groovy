package kvmsh.libvirt

import java.nio.file.Files
import java.nio.file.Path
import kvmsh.host.SimulatedLinks
import kvmsh.plan.HostUnreachableException
import spock.lang.Specification
import spock.lang.TempDir

/**
 * What a failed connection says, from real failed connections: the decision "no daemon answers"
 * rests on libvirt's error code and errno, so a missing TLS certificate on a remote URI (also
 * ENOENT) keeps libvirt's own reason. No connection here leaves the machine.
 */
class ConnectErrorsSpec extends Specification {

    @TempDir
    Path dir

    String failure(String uri) {
        try {
            LibvirtHypervisor.connect(uri, new SimulatedLinks()).close()
            return null
        } catch (HostUnreachableException e) {
            return e.message
        }
    }

    def 'a local socket that is not there: no daemon answers, with what to try'() {
        given:
        String uri = "qemu:///system?socket=${dir.resolve('none.sock')}"

        expect:
        failure(uri) == "cannot connect to $uri: no libvirt daemon answers (Failed to connect socket to " +
                "'${dir.resolve('none.sock')}': No such file or directory). Start libvirtd, or try kvmsh on libvirt's " +
                'simulated host with -c test:///default, or on a private sandboxed host with `bin/kvmsh sandbox up` and -c sandbox.'
    }

    def 'a socket path where nothing listens: the connection is refused, no daemon answers'() {
        given:
        Path notListening = Files.writeString(dir.resolve('plain-file'), '')
        String uri = "qemu+unix:///system?socket=$notListening"

        expect:
        failure(uri).startsWith("cannot connect to $uri: no libvirt daemon answers (Failed to connect socket to '$notListening': Connection refused).")
    }

    def 'a remote URI whose TLS certificate is missing says so, not that no daemon answers'() {
        when:
        String why = failure('qemu+tls://localhost/system')

        then:
        why.startsWith('cannot connect to qemu+tls://localhost/system: ')
        !why.contains('no libvirt daemon answers')
        why.contains('certificate')
    }
}
