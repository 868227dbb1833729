package kvmsh.ssh

import spock.lang.Specification

/** The ssh command line kvmsh builds for each kind of host, and the host key alias of a guest. */
class SshArgvSpec extends Specification {

    static final String UUID = '6695eb01-f6a4-8304-79aa-97f2502e193f'

    def 'a remote hypervisor is jumped through, as its URI logs in'() {
        expect:
        Jump.options(uri) == jump

        where:
        uri                                                           | jump
        'qemu:///system'                                              | []
        'qemu:///session'                                             | []
        'test:///default'                                             | []
        'qemu+ssh://root@kvm2/system'                                 | ['-J', 'root@kvm2']
        'qemu+ssh://alice@kvm2:2222/system'                           | ['-J', 'alice@kvm2:2222']
        'qemu+ssh://kvm2/system'                                      | ['-J', 'kvm2']
        'qemu+ssh://root@[fd00::2]:2222/system'                       | ['-J', 'root@[fd00::2]:2222']
        'qemu+tcp://kvm2/system'                                      | ['-J', 'kvm2']
        'qemu+tls://kvm2.example/system'                              | ['-J', 'kvm2.example']
        'qemu+ssh://root@kvm2/system?keyfile=/root/.ssh/fleet'        | ['-o', "ProxyCommand=ssh -i /root/.ssh/fleet -W '[%h]:%p' root@kvm2"]
        'qemu+ssh://root@kvm2:2222/system?keyfile=/k/my%20key&no_tty=1' | ['-o', "ProxyCommand=ssh -i '/k/my key' -p 2222 -W '[%h]:%p' root@kvm2"]
    }

    def 'the argv: identity, jump, the alias, accept-new, the user, then -- before the address and the command'() {
        given:
        def g = new Guest('web', UUID, 'kvmsh-0123456789abcdef', '10.0.0.5', 'admin')

        expect:
        SshArgv.interactive(g, 'admin', null, [], []).argv() ==
                ['ssh', '-o', "HostKeyAlias=kvmsh-$UUID-0123456789abcdef".toString(), '-o', 'StrictHostKeyChecking=accept-new',
                 '-l', 'admin', '--', '10.0.0.5']
        SshArgv.interactive(g, 'ops', '/k/id', Jump.options('qemu+ssh://root@kvm2/system'), ['uptime', '-p']).argv() ==
                ['ssh', '-i', '/k/id', '-J', 'root@kvm2', '-o', "HostKeyAlias=kvmsh-$UUID-0123456789abcdef".toString(),
                 '-o', 'StrictHostKeyChecking=accept-new', '-l', 'ops', '--', '10.0.0.5', 'uptime', '-p']
        SshArgv.interactive(g, 'admin', null, [], []).batch(5, ['true']).argv() ==
                ['ssh', '-o', "HostKeyAlias=kvmsh-$UUID-0123456789abcdef".toString(), '-o', 'StrictHostKeyChecking=accept-new',
                 '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-l', 'admin', '--', '10.0.0.5', 'true']
    }

    def 'the alias is the domain UUID, with the seed instance-id when there is one'() {
        expect:
        new Guest('web', UUID, null, '10.0.0.5', null).hostKeyAlias() == "kvmsh-$UUID"
        new Guest('web', UUID, 'kvmsh-0123456789abcdef', '10.0.0.5', null).hostKeyAlias() == "kvmsh-$UUID-0123456789abcdef"
        new Guest('web', UUID, 'i-1 2;x', '10.0.0.5', null).hostKeyAlias() == "kvmsh-$UUID-i-12x"
    }
}
