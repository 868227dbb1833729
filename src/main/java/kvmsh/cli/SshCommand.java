package kvmsh.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import kvmsh.model.Durations;
import kvmsh.host.CommandRunner;
import kvmsh.host.Verbosity;
import kvmsh.hostnet.RunDirectory;
import kvmsh.libvirt.LibvirtHypervisor;
import kvmsh.ssh.Guest;
import kvmsh.ssh.GuestException;
import kvmsh.ssh.GuestLookup;
import kvmsh.ssh.SshArgv;
import kvmsh.ssh.SshWait;

/**
 * {@code kvmsh ssh [-l USER] [-i KEY] VM [CMD…]}: OpenSSH's {@code ssh} into a running VM, at the
 * address its DHCP lease gives, as the user kvmsh recorded from its cloud-init block; the terminal is
 * ssh's, and kvmsh ends with ssh's exit code.
 */
@Command(name = "ssh", mixinStandardHelpOptions = true,
        description = {"Log into a running VM with ssh, at the address of its DHCP lease, as its cloud-init user.",
            "CMD runs there instead of a login shell; ssh joins its words into one line for the guest's shell,"
                + " so quote as for ssh: kvmsh ssh web 'ls /var/log | wc -l'.",
            "Exit code: ssh's (255: ssh's own error); before ssh runs: 2 no such VM or no user known (-l),"
                + " 1 the VM is not running or has no lease yet, 4 the host cannot be reached."})
final class SshCommand implements Callable<Integer> {

    /** Exit code when the VM does not run or has no address (yet): the host is fine, the VM is not ready. */
    static final int NOT_READY = ExitCodes.APPLY_FAILED;

    @Option(names = {"-l", "--login"}, paramLabel = "USER",
            description = "log in as USER (default: the VM's first cloud-init user, as kvmsh recorded it)")
    String user;

    @Option(names = {"-i", "--identity"}, paramLabel = "KEY", description = "the private key to log in with (ssh -i)")
    String identity;

    @Option(names = "--wait", paramLabel = "TIME",
            description = "first wait up to TIME (90s, 5m) until the VM has a lease and ssh logs in")
    String waitFor;

    @Option(names = "--print", description = "print the ssh command instead of running it")
    boolean print;

    @Parameters(index = "0", paramLabel = "VM", description = "the VM (a libvirt domain of the host)")
    String vm;

    @Parameters(index = "1..*", paramLabel = "CMD", description = "a command to run there instead of a login shell")
    List<String> command = new ArrayList<>();

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** Where the host driver's lease files are (KVMSH_RUN_DIR); tests set their own. */
    Map<String, String> env = System.getenv();

    /** Runs ssh; tests give their own. */
    CommandRunner runner;

    /** ssh's options to reach the guest through its host ({@link kvmsh.ssh.Jump}). */
    private List<String> jump = List.of();

    @Override
    public Integer call() {
        Duration wait = null;
        if (waitFor != null) {
            wait = Durations.parse(waitFor).orElseThrow(() -> new KvmshException(ExitCodes.USAGE,
                    "kvmsh: ssh: --wait " + Durations.problem(waitFor) + " — " + Durations.HOW));
        }
        String uri = Target.resolveUri(main.connect, env);
        Target target = main.target();
        CommandRunner ssh = runner != null ? runner : GuestAccess.runner(uri);
        jump = GuestAccess.jump(uri);
        RunDirectory run = GuestAccess.runDirectory(uri, env);
        try (LibvirtHypervisor hv = LibvirtHypervisor.connect(target.uri(), target.links())) {
            GuestLookup lookup = new GuestLookup(hv.connection(), target.links(), run);
            Guest guest;
            if (wait != null) {
                try (WaitsChoice w = WaitsChoice.of(spec.commandLine().getErr(), false, main.verbose, env, "")) {
                    guest = new SshWait(lookup, ssh, w.waits()).await(vm, wait, this::login);
                }
            } else {
                guest = lookup.find(vm);
            }
            List<String> argv = login(guest).argv();
            if (print) {
                spec.commandLine().getOut().println(Verbosity.shellWords(argv));
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            return ssh.runAttached(argv);
        } catch (GuestException e) {
            int code = switch (e.kind()) {
                case NO_VM, NO_USER -> ExitCodes.USAGE;
                case NOT_RUNNING, NO_ADDRESS -> NOT_READY;
                case HOST -> ExitCodes.HOST_UNREACHABLE;
            };
            throw new KvmshException(code, "kvmsh: ssh: " + e.getMessage(), e);
        }
    }

    private SshArgv login(Guest g) {
        String as = user != null ? user : g.login();
        if (as == null) {
            throw new GuestException(GuestException.Kind.NO_USER, "vm " + g.vm() + " has no login user recorded by kvmsh"
                    + " (its block has no cloudInit user, it is not kvmsh's, or an older kvmsh defined it)"
                    + " — give one: kvmsh ssh -l USER " + g.vm());
        }
        return SshArgv.interactive(g, as, identity, jump, command);
    }
}
