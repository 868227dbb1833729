package kvmsh.ssh;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import kvmsh.host.CommandResult;
import kvmsh.host.CommandRunner;
import kvmsh.model.OpDef;
import kvmsh.progress.Waits;

/**
 * Carries out a script's {@code waitForSsh} and {@code ssh} statements on one host (the planner plans
 * them only for VMs the run starts): wait, bounded, until ssh logs in as the statement's {@code user:} or
 * the VM's recorded cloud-init user, then for {@code ssh} run its command without prompts; its output
 * is the step's output. A failure is a {@link GuestCommandFailed}: the run fails and keeps what it made.
 */
public final class SshStatements {

    /** ssh's connect timeout, seconds, for a statement's command (the wait before it has shown sshd answers). */
    private static final int CONNECT_SECONDS = 30;

    private final GuestLookup lookup;
    private final CommandRunner runner;
    private final List<String> jump;
    private final Waits waits;

    /**
     * @param runner runs ssh (where the host's guests are reachable: inside a sandbox, this machine otherwise)
     * @param jump   ssh options through a remote hypervisor host ({@link Jump#options}), or empty
     */
    public SshStatements(GuestLookup lookup, CommandRunner runner, List<String> jump, Waits waits) {
        this.lookup = lookup;
        this.runner = runner;
        this.jump = List.copyOf(jump);
        this.waits = waits;
    }

    /** Whether {@code op} is one of these statements. */
    public static boolean handles(OpDef op) {
        return op.verb().afterStart();
    }

    /** @return what the step shows: the command's output, or nothing for {@code waitForSsh} (its wait line says it) */
    public String run(OpDef op) {
        String user = op.options().get("user");
        Function<Guest, SshArgv> login = g -> {
            String as = user != null ? user : g.login();
            if (as == null) {
                throw new GuestException(GuestException.Kind.NO_USER, "vm " + g.vm() + " has no login user recorded by"
                        + " kvmsh — give the statement user: 'NAME'");
            }
            return SshArgv.interactive(g, as, null, jump, List.of());
        };
        Duration limit = Duration.ofSeconds(Long.parseLong(op.options().getOrDefault("timeout", "300")));
        Guest guest;
        try {
            guest = new SshWait(lookup, runner, waits).await(op.target(), limit, login);
        } catch (GuestException e) {
            throw new GuestCommandFailed(e.getMessage());
        }
        if (op.verb() != OpDef.Verb.SSH) {
            return "";
        }
        SshArgv argv = login.apply(guest).batch(CONNECT_SECONDS, List.of(op.options().get("command")));
        CommandResult r = runner.run(argv.argv());
        String output = (r.stdout() + r.stderr()).stripTrailing();
        if (r.exitCode() != 0) {
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            throw new GuestCommandFailed("exited " + r.exitCode() + (r.exitCode() == SshWait.SSH_ERROR ? " (ssh's own error)" : "")
                    + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip()));
        }
        return output;
    }
}
