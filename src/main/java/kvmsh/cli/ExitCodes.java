package kvmsh.cli;

/** kvmsh's exit codes (documented in the README and in {@code --help}). */
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
    /** Interrupted by SIGINT (128 + 2); what the run had changed was undone. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + 15); what the run had changed was undone. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
