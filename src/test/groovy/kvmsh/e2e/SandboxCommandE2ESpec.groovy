package kvmsh.e2e

import kvmsh.testing.Cli
import kvmsh.cli.Main
import kvmsh.sandbox.Sandbox
import spock.lang.Requires
import spock.lang.Specification

/** {@code kvmsh sandbox up|status|exec|down} as a user types them (root, -Dkvmsh.e2e=true). */
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class SandboxCommandE2ESpec extends Specification {

    static final String NAME = 'e2e-cli'

    def cleanup() {
        new Sandbox(NAME).down()
    }

    Map kvmsh(String... args) {
        Cli.run(args.toList())
    }

    def 'up, status, exec and down, with exit codes a script can test'() {
        when:
        def up = kvmsh('sandbox', 'up', NAME)

        then:
        up.code == 0
        up.out.contains("sandbox $NAME: up")
        up.out.contains('libvirtd')
        up.out.contains('answering')

        expect: 'status says up, and up again changes nothing'
        kvmsh('sandbox', 'status', NAME).code == 0
        kvmsh('sandbox', 'up', NAME).code == 0

        and: 'exec runs inside the sandbox host, passing options through and returning the exit code'
        kvmsh('sandbox', 'exec', '-n', NAME, 'virsh', 'pool-info', 'default').code == 0
        kvmsh('sandbox', 'exec', '-n', NAME, 'ip', 'link', 'show', 'eth0').code == 0
        kvmsh('sandbox', 'exec', '-n', NAME, 'virsh', 'net-info', 'default').code != 0

        when:
        def down = kvmsh('sandbox', 'down', NAME)
        def status = kvmsh('sandbox', 'status', NAME)

        then:
        down.code == 0
        status.code == 1
        status.out.contains("sandbox $NAME: down")
    }

    def 'exec on a sandbox that is not up says how to bring it up'() {
        when:
        def r = kvmsh('sandbox', 'exec', '-n', NAME, 'true')

        then:
        r.code == 4
        r.err.contains("kvmsh sandbox up $NAME")
    }
}
