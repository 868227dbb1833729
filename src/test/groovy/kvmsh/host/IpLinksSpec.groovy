package kvmsh.host

import spock.lang.Specification

/**
 * {@link IpLinks#delete}: whether a failed {@code ip link del} matters is decided on the host's
 * links afterwards, not on the wording of ip's message (which differs between iproute2 versions).
 */
class IpLinksSpec extends Specification {

    /** A host whose {@code ip link del} always fails with {@code message}; {@code links} are what it lists. */
    CommandRunner host(List<String> links, String message) {
        new CommandRunner() {
            @Override
            CommandResult run(List<String> command) {
                run(command, null)
            }

            @Override
            CommandResult run(List<String> command, String stdin) {
                if (command.take(3) == ['ip', 'link', 'del']) {
                    return new CommandResult(command, 1, '', message)
                }
                assert command == ['ip', '-json', 'link', 'show']
                new CommandResult(command, 0, '[' + links.collect { /{"ifname":"$it"}/ }.join(',') + ']', '')
            }
        }
    }

    def 'deleting a tap that is already gone is fine, whatever ip says'() {
        when:
        new IpLinks(host(['lo', 'br0'], message)).delete('kvtap1')

        then:
        noExceptionThrown()

        where:
        message << ['Cannot find device "kvtap1"\n', 'Device "kvtap1" does not exist.\n', '']
    }

    def 'a tap that is still there after a failed delete is an error, with ip\'s reason'() {
        when:
        new IpLinks(host(['lo', 'kvtap1'], 'RTNETLINK answers: Operation not permitted\n')).delete('kvtap1')

        then:
        def e = thrown(CommandException)
        e.message.contains('Operation not permitted')
    }
}
