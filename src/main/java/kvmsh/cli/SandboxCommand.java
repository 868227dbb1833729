package kvmsh.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import kvmsh.host.ProcessRunner;
import kvmsh.sandbox.Sandbox;
import kvmsh.sandbox.SandboxStatus;

/**
 * {@code kvmsh sandbox up|down|status|exec}: a private KVM host for trying scripts for real.
 * A network namespace runs its own libvirtd and virtlogd; a second one plays the physical LAN
 * with the gateway 172.16.0.1. Nothing in the machine's own network changes.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"A private KVM host in network namespaces, for trying scripts for real.",
            "Then run any command against it with -c sandbox (or -c sandbox:NAME)."},
        subcommands = {SandboxCommand.Up.class, SandboxCommand.Down.class, SandboxCommand.Status.class,
            SandboxCommand.Exec.class})
final class SandboxCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What up, down and status share: the optional sandbox name, and where to print. */
    abstract static class OnNamedSandbox {
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "sandbox name (default: ${DEFAULT-VALUE})")
        String name = Sandbox.DEFAULT_NAME;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Sandbox sandbox() {
            return new Sandbox(name);
        }
    }

    /** {@code sandbox status} of a sandbox that is not up (as {@code systemctl is-active}). */
    static final int SANDBOX_DOWN = 1;

    static void print(CommandLine.Model.CommandSpec spec, SandboxStatus status) {
        status.lines().forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Create the sandbox (or repair what is missing) and build the test guest.")
    static final class Up extends OnNamedSandbox implements Runnable {
        @Option(names = "--lan", paramLabel = "LAN",
                description = {"put the sandbox on the shared LAN of this name (made by its first member,",
                    "removed with its last), next to other sandboxes there: each gets its own",
                    "address 172.16.0.N on it, and they reach each other (migrations cross it)"})
        String lan;

        @Option(names = "--tcp",
                description = {"also let its libvirtd listen on TCP on its LAN address, without",
                    "authentication (qemu+tcp://ADDRESS/system, reachable only from the LAN's",
                    "namespaces); kept until its down"})
        boolean tcp;

        @Override
        public void run() {
            Sandbox sandbox = lan == null ? sandbox() : sandbox().onLan(lan);
            SandboxStatus s = (tcp ? sandbox.withTcp() : sandbox).up();
            print(spec, s);
            spec.commandLine().getOut().println("Try: bin/kvmsh -c sandbox" + (name.equals(Sandbox.DEFAULT_NAME) ? "" : ":" + name)
                    + " run dsl-examples/nat.kvm");
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Remove every part of the sandbox: processes, namespaces, mounts, state.")
    static final class Down extends OnNamedSandbox implements Runnable {
        @Override
        public void run() {
            sandbox().down();
            spec.commandLine().getOut().println("sandbox " + name + " removed");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show what of the sandbox exists.")
    static final class Status extends OnNamedSandbox implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            SandboxStatus s = sandbox().status();
            print(spec, s);
            return s.up() ? ExitCodes.OK : SANDBOX_DOWN;
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            // Picocli lists a subcommand by its first description line: that line is a whole sentence.
            description = {"Run a command inside the sandbox host (its network and mount namespace).",
                "E.g.: kvmsh sandbox exec virsh list --all; kvmsh sandbox exec ip -br addr"})
    static final class Exec implements java.util.concurrent.Callable<Integer> {
        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "sandbox name (default: ${DEFAULT-VALUE})")
        String name = Sandbox.DEFAULT_NAME;

        @Parameters(arity = "1..*", paramLabel = "CMD", description = "the command and its arguments")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() {
            return new ProcessRunner().runAttached(new Sandbox(name).execCommand(command));
        }
    }
}
