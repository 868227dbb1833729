package kvmsh.host;

import java.util.List;

/**
 * The one door to the host: every external program kvmsh runs goes through here, as an argument
 * list (never a shell string). Implementations may prefix commands, e.g. to run them inside a
 * network namespace.
 */
public interface CommandRunner {

    /** Runs the command and waits; never throws for a non-zero exit (see {@link CommandResult#orThrow()}). */
    CommandResult run(List<String> command);

    /** Runs the command with {@code stdin} fed to its standard input. */
    CommandResult run(List<String> command, String stdin);

    /**
     * Runs the command with the caller's terminal attached (stdin, stdout, stderr inherited), for
     * interactive tools such as {@code virsh console}; returns its exit code.
     */
    default int runAttached(List<String> command) {
        throw new UnsupportedOperationException("this runner cannot attach a terminal");
    }

    default CommandResult run(String... command) {
        return run(List.of(command));
    }

    /** Runs and throws {@link CommandException} on a non-zero exit. */
    default CommandResult check(String... command) {
        return run(List.of(command)).orThrow();
    }

    /**
     * The value of kernel setting {@code key} as the commands this runner starts see it, stripped:
     * {@code sysctl -n KEY} unless an implementation knows a cheaper way. Write a key whose parts
     * may hold dots (an interface name) with {@code /} separators, as sysctl accepts them:
     * {@code net/ipv6/conf/eth0.100/forwarding}, never {@code net.ipv6.conf.eth0.100.forwarding}.
     */
    default String sysctl(String key) {
        return run("sysctl", "-n", key).orThrow().stdout().strip();
    }

    /** A runner that runs everything inside network namespace {@code ns} (via {@code ip netns exec}). */
    default CommandRunner inNetns(String ns) {
        CommandRunner outer = this;
        return new CommandRunner() {
            @Override
            public CommandResult run(List<String> command) {
                return outer.run(prefixed(command));
            }

            @Override
            public CommandResult run(List<String> command, String stdin) {
                return outer.run(prefixed(command), stdin);
            }

            private List<String> prefixed(List<String> command) {
                var all = new java.util.ArrayList<String>(List.of("ip", "netns", "exec", ns));
                all.addAll(command);
                return all;
            }
        };
    }
}
