package kvmsh.ssh;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import kvmsh.host.CommandResult;
import kvmsh.host.CommandRunner;
import kvmsh.progress.Wait;
import kvmsh.progress.Waits;

/**
 * Waits, bounded, until ssh logs into a VM: until it has a lease and {@code ssh … true} (no prompts)
 * exits 0, which means its sshd answers, its host key is accepted and the user's key is authorized
 * (cloud-init has made the user). Shown as one wait ({@code wait: vm web to answer ssh (up to 300 s)});
 * fails at once when the VM does not exist or stops.
 */
public final class SshWait {

    private static final long POLL_MILLIS = 2000;
    /** ssh's own connect timeout per try, at most. */
    private static final int CONNECT_SECONDS = 5;
    /** ssh's exit code for its own errors (no connection, refused key …); anything else is the remote command's. */
    static final int SSH_ERROR = 255;

    private final GuestLookup lookup;
    private final CommandRunner runner;
    private final Waits waits;

    public SshWait(GuestLookup lookup, CommandRunner runner, Waits waits) {
        this.lookup = lookup;
        this.runner = runner;
        this.waits = waits;
    }

    /**
     * @param login how to log into the guest once it has an address (the user, key and jump; its command is ignored)
     * @return the guest ssh logged into
     * @throws GuestException when the VM does not exist, stops, or does not answer in time ({@link GuestException.Kind#NO_ADDRESS})
     */
    public Guest await(String vm, Duration limit, Function<Guest, SshArgv> login) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Wait w = waits.bounded("vm " + vm + " to answer ssh", limit)) {
            String last;
            while (true) {
                GuestLookup.Found found;
                try {
                    found = lookup.lookUp(vm);
                } catch (GuestException e) {
                    w.failed(e.getMessage());
                    throw e;
                }
                if (found.guest().isPresent()) {
                    Guest g = found.guest().get();
                    SshArgv argv;
                    try {
                        argv = login.apply(g);
                    } catch (GuestException e) {
                        w.failed(e.getMessage());
                        throw e;
                    }
                    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L);
                    CommandResult r = runner.run(argv.batch((int) Math.min(CONNECT_SECONDS, left), List.of("true")).argv());
                    if (r.exitCode() == 0) {
                        w.reached(argv.user() + "@" + g.address());
                        return g;
                    }
                    last = "ssh " + argv.user() + "@" + g.address() + ": " + lastLine(r);
                    if (r.exitCode() != SSH_ERROR) {
                        // Logged in, and 'true' failed: the login shell itself is broken; waiting will not mend it.
                        w.failed(last);
                        throw new GuestException(GuestException.Kind.NO_ADDRESS, "vm " + vm + ": " + last);
                    }
                } else {
                    last = found.noAddress();
                }
                if (System.nanoTime() >= deadline) {
                    w.timedOut(last);
                    throw new GuestException(GuestException.Kind.NO_ADDRESS, "vm " + vm + " did not answer ssh within "
                            + limit.toSeconds() + " s; last: " + last);
                }
                try {
                    Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    w.failed("interrupted");
                    throw new GuestException(GuestException.Kind.NO_ADDRESS, "interrupted while waiting for ssh on vm " + vm);
                }
            }
        }
    }

    private static String lastLine(CommandResult r) {
        List<String> lines = r.stderr().strip().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "exit " + r.exitCode() : lines.get(lines.size() - 1).strip();
    }
}
