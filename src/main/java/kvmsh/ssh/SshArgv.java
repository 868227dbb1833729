package kvmsh.ssh;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenSSH command line that logs into a guest, as an argument list (never a shell string):
 * <pre>
 * ssh [-i IDENTITY] [-J JUMP] -o HostKeyAlias=kvmsh-UUID[-ID] -o StrictHostKeyChecking=accept-new
 *     [-o BatchMode=yes -o ConnectTimeout=N] -l USER -- ADDRESS [CMD…]
 * </pre>
 * The host key is filed under the VM's identity ({@link Guest#hostKeyAlias}), not its address; the
 * first contact accepts and records it, a changed one is refused. {@code --} ends ssh's options, so
 * the command's words (even {@code -v}) go to the guest: ssh joins them with spaces into one line for
 * the guest's login shell, as {@code ssh host CMD…} does.
 *
 * @param guest    where to go
 * @param user     the login user
 * @param identity a private key file ({@code -i}), or null for ssh's default keys and agent
 * @param jump     ssh options reaching the guest through its hypervisor host ({@link Jump#options}), or empty
 * @param batch    no prompts (a script's statements): {@code BatchMode=yes}, and a connect timeout in seconds when positive
 * @param connectTimeout seconds for {@code ConnectTimeout} with {@code batch}, or 0
 * @param command  the remote command's words, or empty for a login shell
 */
public record SshArgv(Guest guest, String user, String identity, List<String> jump, boolean batch,
                         int connectTimeout, List<String> command) {

    public SshArgv {
        jump = List.copyOf(jump);
        command = List.copyOf(command);
    }

    /** An interactive login (or one command) as a person runs it. */
    public static SshArgv interactive(Guest guest, String user, String identity, List<String> jump,
                                         List<String> command) {
        return new SshArgv(guest, user, identity, jump, false, 0, command);
    }

    /** This command without prompts (for statements and waits). */
    public SshArgv batch(int timeoutSeconds, List<String> cmd) {
        return new SshArgv(guest, user, identity, jump, true, timeoutSeconds, cmd);
    }

    /** The argument list to run. */
    public List<String> argv() {
        List<String> a = new ArrayList<>(List.of("ssh"));
        if (identity != null) {
            a.add("-i");
            a.add(identity);
        }
        a.addAll(jump);
        a.add("-o");
        a.add("HostKeyAlias=" + guest.hostKeyAlias());
        a.add("-o");
        a.add("StrictHostKeyChecking=accept-new");
        if (batch) {
            a.add("-o");
            a.add("BatchMode=yes");
            if (connectTimeout > 0) {
                a.add("-o");
                a.add("ConnectTimeout=" + connectTimeout);
            }
        }
        a.add("-l");
        a.add(user);
        a.add("--");
        a.add(guest.address());
        a.addAll(command);
        return List.copyOf(a);
    }
}
