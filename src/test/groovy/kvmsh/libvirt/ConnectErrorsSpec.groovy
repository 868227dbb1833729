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

    def 'over ssh, a failed login names the ssh command libvirt ran, to try by hand'() {
        given: 'a port on this machine where nothing listens'
        String uri = 'qemu+ssh://root@127.0.0.1:1/system?keyfile=/nonexistent/key'

        when:
        String why = failure(uri)

        then:
        why.startsWith("cannot connect to $uri: ")
        why.contains('Connection refused')
        !why.contains('no libvirt daemon answers')
        why.endsWith(' libvirt logs in with `ssh -p 1 -i /nonexistent/key root@127.0.0.1`: that must work without a prompt'
                + ' (the host\'s key in known_hosts, your key authorized there), and libvirtd must run on that host.')
    }

    def 'the ssh login of #uri is #login'() {
        expect:
        Uris.sshLogin(uri) == Optional.ofNullable(login)

        where:
        uri                                                    | login
        'qemu+ssh://root@host.example/system'                  | 'ssh root@host.example'
        'qemu+ssh://alice@10.0.0.5:2222/system?keyfile=/k%20x' | 'ssh -p 2222 -i /k x alice@10.0.0.5'
        'qemu+ssh://host.example/system?no_verify=1'           | 'ssh host.example'
        'qemu+tcp://host.example/system'                       | null
        'qemu:///system'                                       | null
        'test:///default'                                      | null
    }
}
