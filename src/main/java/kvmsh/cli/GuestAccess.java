package kvmsh.cli;

import java.util.List;
import java.util.Map;

import kvmsh.host.CommandRunner;
import kvmsh.host.ProcessRunner;
import kvmsh.hostnet.RunDirectory;
import kvmsh.libvirt.LibvirtHypervisor;
import kvmsh.progress.Waits;
import kvmsh.ssh.GuestLookup;
import kvmsh.ssh.Jump;
import kvmsh.ssh.SshStatements;

/**
 * How ssh reaches the guests of a host, given as the user gave it ({@code -c URI}, a hypervisor's
 * {@code uri:}): a sandbox's from inside the sandbox host, a remote host's by jumping through it, this
 * machine's directly; the host driver's lease files are read where they are, on this machine.
 */
final class GuestAccess {

    private GuestAccess() {
    }

    /** Where ssh runs: inside {@code sandbox[:NAME]}, else on this machine. */
    static CommandRunner runner(String uri) {
        String sandbox = Target.sandboxName(uri);
        return sandbox != null ? new kvmsh.sandbox.Sandbox(sandbox).shell() : new ProcessRunner();
    }

    /** ssh's options to get through the host to its guests ({@link Jump}); none for a sandbox or this machine. */
    static List<String> jump(String uri) {
        return Target.sandboxName(uri) != null ? List.of() : Jump.options(uri);
    }

    /** The host driver's run directory when its lease files are on this machine (a local or test URI), else null. */
    static RunDirectory runDirectory(String uri, Map<String, String> env) {
        return Target.sandboxName(uri) == null && (Target.isLocal(uri) || uri.startsWith("test:"))
                ? RunDirectory.fromEnv(env) : null;
    }

    /** The {@code waitForSsh}/{@code ssh} statements of host {@code hv}, which the user gave as {@code uri}. */
    static SshStatements statements(String uri, LibvirtHypervisor hv, Waits waits) {
        return new SshStatements(new GuestLookup(hv.connection(), hv.links(), runDirectory(uri, System.getenv())),
                runner(uri), jump(uri), waits);
    }
}
