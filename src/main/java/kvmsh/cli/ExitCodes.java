package kvmsh.cli;

/**
 * kvmsh's exit codes (documented in the README's table and in {@code --help}; a test holds the
 * three to each other), and the one place that decides which error ends with which code:
 * {@link #of}. A new kind of error gets its line there.
 */
public final class ExitCodes {

    /** Everything done (or nothing to do). */
    public static final int OK = 0;
    /** Applying failed on the host; what the run had changed was undone. */
    public static final int APPLY_FAILED = 1;
    /** Wrong command-line usage. */
    public static final int USAGE = 2;
    /** The script has errors (syntax, validation, conflicts with the host); nothing was changed. */
    public static final int SCRIPT_ERRORS = 3;
    /** The hypervisor could not be reached or read. */
    public static final int HOST_UNREACHABLE = 4;
    /** A system package kvmsh needs is missing and could not be installed. */
    public static final int MISSING_PACKAGES = 5;
    /** The plan has steps that can lose data and the user did not consent (no --yes, or not y); nothing was changed. */
    public static final int CONSENT_MISSING = 6;
    /** Another kvmsh is changing the same host (its lock names it); nothing was changed. */
    public static final int HOST_BUSY = 7;
    /** An internal error: a bug in kvmsh (EX_SOFTWARE of sysexits.h); --stacktrace shows where. */
    public static final int INTERNAL = 70;
    /** Interrupted by SIGINT (128 + 2); what the run had changed was undone. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + 15); what the run had changed was undone. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }

    /**
     * The exit code an error ends kvmsh with: the code a {@link KvmshException} carries, else
     * the one for its kind; {@link #INTERNAL} for anything kvmsh did not expect.
     */
    public static int of(Throwable e) {
        if (e instanceof KvmshException k) {
            return k.exitCode();
        }
        if (e instanceof kvmsh.dsl.DslException || e instanceof kvmsh.plan.DeclarationException) {
            return SCRIPT_ERRORS;
        }
        if (e instanceof kvmsh.host.ApplyLock.HeldException) {
            return HOST_BUSY;
        }
        if (e instanceof kvmsh.plan.HostUnreachableException || e instanceof kvmsh.sandbox.SandboxException) {
            return HOST_UNREACHABLE;
        }
        if (e instanceof kvmsh.plan.StepFailedException || e instanceof kvmsh.plan.ApplyException
                || e instanceof kvmsh.hostnet.HostNetworkException || e instanceof kvmsh.host.CommandException
                || e instanceof kvmsh.hook.HookException || e instanceof java.io.UncheckedIOException) {
            // The host refused (or could not be written to); what the run had made is removed again.
            return APPLY_FAILED;
        }
        return INTERNAL;
    }

    /** The one line kvmsh prints for {@code e} on stderr (without its stack trace). */
    public static String message(Throwable e) {
        if (e instanceof KvmshException) {
            return e.getMessage();
        }
        if (of(e) == INTERNAL || e.getMessage() == null) {
            return "kvmsh: internal error: " + e;
        }
        return "kvmsh: " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
